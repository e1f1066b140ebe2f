// Where the project's source-of-truth and derived files live, resolved from this file so that every
// script works from any working directory.
import { fileURLToPath } from 'node:url';

const root = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const ROOT_DIR = root('');
export const SPEC_PATH = root('specs/signup-plus.openapi.yaml');
export const SPEC_RELATIVE_PATH = 'specs/signup-plus.openapi.yaml';
export const EXAMPLES_DIR = root('specs/examples');
export const GENERATED_DIR = root('src/generated');
export const CONTRACTS_DIR = root('contracts');
export const REPORTS_DIR = root('reports');
