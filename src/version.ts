// The harness version, read once from package.json (JSON import attributes), for the User-Agent header.
import pkg from '../package.json' with { type: 'json' };

export const HARNESS_VERSION: string = pkg.version;
export const DEFAULT_USER_AGENT = `signup-plus-harness/${HARNESS_VERSION}`;
