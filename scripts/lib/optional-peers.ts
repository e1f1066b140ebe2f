// The heavy tools only some subcommands need (Pact's verifier, the OpenAPI/pact comparator, the Postman
// converter) are optional peer dependencies: an app installs them only for the jobs it runs. A command checks
// for them before it starts, so a missing one is one clear line with the install command (exit 2), not a stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { UsageError } from './command.ts';

/** Thrown when a command needs a peer dependency the app has not installed; the CLI exits 2 with the message. */
export class MissingPeerError extends UsageError {
  override name = 'MissingPeerError';
}

/** The peer ranges of its own package.json; each starts at the version the harness is tested with. */
function peerVersions(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
  return manifest.peerDependencies ?? {};
}

/** The `npm i -D …` line for the given packages, at the versions the harness is tested with (its ranges' floors). */
export function installHint(names: readonly string[]): string {
  const versions = peerVersions();
  return `npm i -D ${names.map((name) => (versions[name] ? `${name}@${versions[name].replace(/^[\^~]/, '')}` : name)).join(' ')}`;
}

/** Throws MissingPeerError naming every package in `names` that cannot be resolved from the harness. */
export function requirePeers(job: string, names: readonly string[]): void {
  const missing = names.filter((name) => {
    try {
      import.meta.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  throw new MissingPeerError(`${job} needs ${missing.join(' and ')} (optional peer dependenc${missing.length > 1 ? 'ies' : 'y'} of signup-plus-harness). Install ${missing.length > 1 ? 'them' : 'it'} to use this: ${installHint(missing)}`);
}
