// The rows of the coverage matrix: every operation and documented status in the spec, read from the spec itself
// so that a status added there shows up as a row (and, unless excused, as a coverage failure) with no other edit.
import { specOperationEntries, type JsonObject } from '../lib/spec-document.ts';

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Documented statuses, as numbers, ascending. */
  statuses: number[];
}

export function specOperations(spec: JsonObject): SpecOperation[] {
  return specOperationEntries(spec).map(({ path, method, operation }) => ({
    operationId: typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`,
    method: method.toUpperCase(),
    path,
    statuses: Object.keys((operation.responses ?? {}) as JsonObject)
      .filter((code) => /^[1-5][0-9]{2}$/.test(code))
      .map(Number)
      .sort((a, b) => a - b),
  }));
}

/** The operation an interaction exercises: same method, and the same path (the spec has no path templates). */
export function operationFor(operations: SpecOperation[], method: string, path: string): SpecOperation | undefined {
  return operations.find((op) => op.method === method.toUpperCase() && op.path === path);
}
