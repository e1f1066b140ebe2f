// `signup-plus-harness/spec`: where the OpenAPI description and its example files are on disk, for a team's own
// tools (Prism, Spectral, a schema validator, openapi-pact-comparator) to read the same spec this harness uses.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.ts';

/** Absolute path of `specs/signup-plus.openapi.yaml`; its `$ref`s to example files resolve relative to it. */
export const SPEC_PATH: string = join(PACKAGE_ROOT, 'specs', 'signup-plus.openapi.yaml');
/** Absolute path of the folder holding the spec's named examples (`specs/examples/*.json`). */
export const EXAMPLES_DIR: string = join(PACKAGE_ROOT, 'specs', 'examples');
/** Absolute paths of every example file the package ships, sorted. */
export const EXAMPLE_FILES: readonly string[] = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => join(EXAMPLES_DIR, name));
/** Every spec file the package ships: the description, then its examples. */
export const SPEC_FILES: readonly string[] = [SPEC_PATH, ...EXAMPLE_FILES];
