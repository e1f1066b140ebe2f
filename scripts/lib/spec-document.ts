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
