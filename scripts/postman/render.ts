// Everything under postman/, as it should be on disk after `npm run postman`, and the comparison that
// `npm run postman -- --check` (and the staleness test) makes against the committed files.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadSpec } from '../lib/spec-document.ts';
import { ROOT_DIR } from '../lib/project-paths.ts';
import { buildCollection } from './build-collection.ts';
import { convertSpec } from './convert-spec.ts';
import { buildEnvironments } from './environments.ts';

export const POSTMAN_DIR = join(ROOT_DIR, 'postman');
export const COLLECTION_PATH = join(POSTMAN_DIR, 'signup-plus.postman_collection.json');
export const environmentPath = (name: string): string => join(POSTMAN_DIR, `${name}.postman_environment.json`);

const toFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated file by absolute path, with its content. */
export async function renderPostmanFiles(): Promise<Map<string, string>> {
  const spec = await loadSpec();
  const files = new Map<string, string>([[COLLECTION_PATH, toFile(buildCollection(spec, await convertSpec(spec)))]]);
  for (const [name, environment] of buildEnvironments(spec)) files.set(environmentPath(name), toFile(environment));
  return files;
}

export interface Staleness {
  /** Generated files whose committed content differs or is missing (relative paths). */
  stale: string[];
  /** Files in postman/ that the generator does not write (relative paths). */
  unexpected: string[];
}

export async function comparePostmanFiles(files: Map<string, string>): Promise<Staleness> {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const onDisk = await readFile(path, 'utf8').catch(() => undefined);
    if (onDisk !== content) stale.push(relative(ROOT_DIR, path));
  }
  const present = await readdir(POSTMAN_DIR).catch(() => [] as string[]);
  const unexpected = present.map((name) => join(POSTMAN_DIR, name)).filter((path) => !files.has(path)).map((path) => relative(ROOT_DIR, path));
  return { stale, unexpected };
}
