// The harness version, read once from the package's own package.json, for the User-Agent header.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.ts';

export const HARNESS_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const DEFAULT_USER_AGENT = `signup-plus-harness/${HARNESS_VERSION}`;
