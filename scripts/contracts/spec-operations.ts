// The rows of the coverage matrix: every operation and documented status in the spec, read from the spec itself
// so that a status added there shows up as a row (and, unless excused, as a coverage failure) with no other edit.
import type { JsonObject } from '../lib/spec-document.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Documented statuses, as numbers, ascending. */
  statuses: number[];
}

export function specOperations(spec: JsonObject): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = (spec.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method] as { operationId?: string; responses?: Record<string, unknown> } | undefined;
      if (!operation) continue;
      const statuses = Object.keys(operation.responses ?? {})
        .filter((code) => /^[1-5][0-9]{2}$/.test(code))
        .map(Number)
        .sort((a, b) => a - b);
      out.push({ operationId: operation.operationId ?? `${method} ${path}`, method: method.toUpperCase(), path, statuses });
    }
  }
  return out;
}

/** The operation an interaction exercises: same method, and the same path (the spec has no path templates). */
export function operationFor(operations: SpecOperation[], method: string, path: string): SpecOperation | undefined {
  return operations.find((op) => op.method === method.toUpperCase() && op.path === path);
}
