// Reads the OpenAPI description as plain data, with the example files it references inlined, for scripts
// that need the spec itself (generation, coverage, Postman). The mock reads it through Prism instead.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { SPEC_PATH } from './project-paths.ts';

export type JsonObject = { [key: string]: unknown };

export async function loadSpec(specPath: string = SPEC_PATH): Promise<JsonObject> {
  const document = parse(await readFile(specPath, 'utf8')) as JsonObject;
  return (await inlineFileRefs(document, dirname(specPath))) as JsonObject;
}

/** Replaces every `{ $ref: './file.json' }` with the file's content; internal `#/...` refs stay. */
async function inlineFileRefs(node: unknown, baseDir: string): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map((item) => inlineFileRefs(item, baseDir)));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as JsonObject).$ref;
  if (typeof ref === 'string' && !ref.startsWith('#')) {
    return JSON.parse(await readFile(resolve(baseDir, ref), 'utf8'));
  }
  const entries = await Promise.all(
    Object.entries(node).map(async ([key, value]) => [key, await inlineFileRefs(value, baseDir)] as const),
  );
  return Object.fromEntries(entries);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface SpecOperationEntry {
  path: string;
  /** Lower case, as the spec spells it. */
  method: (typeof METHODS)[number];
  pathItem: JsonObject;
  operation: JsonObject;
}

/** Every operation of the spec, in path order and then method order. */
export function specOperationEntries(spec: JsonObject): SpecOperationEntry[] {
  const entries: SpecOperationEntry[] = [];
  for (const [path, pathItem] of Object.entries((spec.paths ?? {}) as Record<string, JsonObject>)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as JsonObject | undefined;
      if (operation) entries.push({ path, method, pathItem, operation });
    }
  }
  return entries;
}

/** Follows `#/...` refs (repeatedly) to the node they name; other nodes come back as they are. */
export function resolveLocal(spec: JsonObject, node: unknown): unknown {
  const ref = (node as JsonObject | undefined)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as JsonObject | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  if (target === undefined) throw new Error(`spec: unresolvable reference ${ref}`);
  return resolveLocal(spec, target);
}
