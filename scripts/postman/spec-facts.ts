// The few facts the Postman generator reads from the spec (response schemas, required headers, named
// examples, servers, form fields), resolved from the loaded document so the collection never restates them.
import { resolveLocal, specOperationEntries, type JsonObject } from '../lib/spec-document.ts';

export type OperationId = 'requestToken' | 'getSignupPlusAccounts';

export interface SpecResponse {
  status: number;
  /** Every media type the response documents, in spec order (a problem answer may come as either of two). */
  mediaTypes: string[];
  /** The response schema as written in the spec (OAS 3.1 / JSON Schema 2020-12, internal refs intact). */
  schema: unknown;
  /** Header names the spec marks `required: true`, as spelled in the spec. */
  requiredHeaders: string[];
  /** Every documented header name, required or not, as spelled in the spec. */
  headers: string[];
  /** Named examples of this response, by name. */
  examples: Record<string, unknown>;
}

export interface SpecOperation {
  operationId: OperationId;
  method: string;
  path: string;
  summary: string;
  /** `servers[].url` of the path, by `description` (`sandbox`, `live`). */
  servers: Record<string, string>;
  responses: Map<number, SpecResponse>;
  /** Named examples of the request body, by name. */
  requestExamples: Record<string, unknown>;
}

export function findOperation(spec: JsonObject, operationId: OperationId): SpecOperation {
  for (const { path, method, pathItem: item, operation } of specOperationEntries(spec)) {
    if (operation.operationId !== operationId) continue;
    const servers = Object.fromEntries(
      ((item.servers ?? operation.servers ?? []) as JsonObject[]).map((s) => [String(s.description), String(s.url)]),
    );
    const responses = new Map<number, SpecResponse>();
    for (const [status, raw] of Object.entries(operation.responses as JsonObject)) {
      const response = resolveLocal(spec, raw) as JsonObject;
      const content = Object.entries((response.content ?? {}) as JsonObject);
      const [, media] = content[0] ?? [];
      if (!media) continue;
      const examples = namedExamples(spec, media);
      const documented = Object.entries((response.headers ?? {}) as JsonObject);
      const requiredHeaders = documented.filter(([, header]) => (resolveLocal(spec, header) as JsonObject).required === true).map(([name]) => name);
      responses.set(Number(status), {
        status: Number(status),
        mediaTypes: content.map(([type]) => type),
        schema: (media as JsonObject).schema,
        requiredHeaders,
        headers: documented.map(([name]) => name),
        examples,
      });
    }
    const requestBody = resolveLocal(spec, operation.requestBody) as JsonObject | undefined;
    const requestMedia = Object.values((requestBody?.content ?? {}) as JsonObject)[0];
    const requestExamples = namedExamples(spec, requestMedia);
    return { operationId, method: method.toUpperCase(), path, summary: String(operation.summary ?? ''), servers, responses, requestExamples };
  }
  throw new Error(`spec: no operation "${operationId}"`);
}

function namedExamples(spec: JsonObject, media: unknown): Record<string, unknown> {
  const examples = ((media as JsonObject | undefined)?.examples ?? {}) as JsonObject;
  return Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [name, (resolveLocal(spec, example) as JsonObject).value]),
  );
}

export function specResponse(operation: SpecOperation, status: number): SpecResponse {
  const response = operation.responses.get(status);
  if (!response) throw new Error(`spec: ${operation.operationId} documents no ${status} response`);
  return response;
}

export function specExample(response: SpecResponse, name: string): JsonObject {
  return pickExample(response.examples, name, `the ${response.status} response`);
}

export function pickExample(examples: Record<string, unknown>, name: string, where: string): JsonObject {
  const example = examples[name];
  if (!example || typeof example !== 'object') {
    throw new Error(`spec: ${where} has no example "${name}" (has: ${Object.keys(examples).join(', ')})`);
  }
  return example as JsonObject;
}

/** A component schema by name, e.g. `AuthorizationCodeGrant`. */
export function componentSchema(spec: JsonObject, name: string): JsonObject {
  const schema = ((spec.components as JsonObject).schemas as JsonObject)[name];
  if (!schema) throw new Error(`spec: no component schema "${name}"`);
  return schema as JsonObject;
}
