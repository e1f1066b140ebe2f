// Everything under postman/, as it should be on disk after `npm run postman`, and the comparison that
// `npm run postman -- --check` (and the staleness test) makes against the committed files. The paths default to
// this repository's postman/; the command passes the folder it writes (./postman in the current directory).
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadSpec } from '../lib/spec-document.ts';
import { ROOT_DIR } from '../lib/project-paths.ts';
import { buildCollection } from './build-collection.ts';
import { convertSpec } from './convert-spec.ts';
import { buildEnvironments } from './environments.ts';

export const POSTMAN_DIR = join(ROOT_DIR, 'postman');
const collectionIn = (dir: string): string => join(dir, 'signup-plus.postman_collection.json');
const environmentIn = (dir: string, name: string): string => join(dir, `${name}.postman_environment.json`);
export const COLLECTION_PATH = collectionIn(POSTMAN_DIR);
export const environmentPath = (name: string): string => environmentIn(POSTMAN_DIR, name);

const toFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated file by absolute path, with its content. */
export async function renderPostmanFiles(dir: string = POSTMAN_DIR): Promise<Map<string, string>> {
  const spec = await loadSpec();
  const files = new Map<string, string>([[collectionIn(dir), toFile(buildCollection(spec, await convertSpec(spec)))]]);
  for (const [name, environment] of buildEnvironments(spec)) files.set(environmentIn(dir, name), toFile(environment));
  return files;
}

export interface Staleness {
  /** Generated files whose committed content differs or is missing (relative paths). */
  stale: string[];
  /** Files in postman/ that the generator does not write (relative paths). */
  unexpected: string[];
}

export async function comparePostmanFiles(files: Map<string, string>, dir: string = POSTMAN_DIR, base: string = ROOT_DIR): Promise<Staleness> {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const onDisk = await readFile(path, 'utf8').catch(() => undefined);
    if (onDisk !== content) stale.push(relative(base, path));
  }
  const present = await readdir(dir).catch(() => [] as string[]);
  const unexpected = present.map((name) => join(dir, name)).filter((path) => !files.has(path)).map((path) => relative(base, path));
  return { stale, unexpected };
}
