// Where the project's source-of-truth and derived files live, from the package's own folder, so that every
// script works from any working directory, from the sources and from the build (dist/).
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { EXAMPLES_DIR, SPEC_PATH } from '../../src/spec-files.ts';

const root = (relative: string): string => join(PACKAGE_ROOT, relative);

export const ROOT_DIR = root('');
export { EXAMPLES_DIR, SPEC_PATH };
export const SPEC_RELATIVE_PATH = 'specs/signup-plus.openapi.yaml';
export const GENERATED_DIR = root('src/generated');
export const CONTRACTS_DIR = root('contracts');
export const REPORTS_DIR = root('reports');
