// Where the project's source-of-truth and derived files live, from the package's own folder, so that every
// script works from any working directory, from the sources and from the build (dist/).
import { isAbsolute, join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { EXAMPLES_DIR, SPEC_PATH } from '../../src/spec-files.ts';

const root = (path: string): string => join(PACKAGE_ROOT, path);

export const ROOT_DIR = root('');
export { EXAMPLES_DIR, SPEC_PATH };
export const SPEC_RELATIVE_PATH = 'specs/signup-plus.openapi.yaml';
export const GENERATED_DIR = root('src/generated');
export const CONTRACTS_DIR = root('contracts');
export const REPORTS_DIR = root('reports');

/**
 * A file the package ships for its users (a doc, .env.example) as a message names it: relative to the working
 * folder when inside it (`docs/smoke.md` in this repository, `node_modules/signup-plus-harness/docs/smoke.md` in
 * an app that installed it), absolute otherwise.
 */
export function shippedFile(relativePath: string, from = process.cwd()): string {
  const path = root(relativePath);
  const fromHere = relative(from, path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}
