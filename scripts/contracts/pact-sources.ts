// The pact files a `verify` run was given: files and folders (a folder's `*.json`, not recursive), read and
// checked to be HTTP pacts, then sorted into the pacts for TrueLayer's two providers and the rest. Every way a
// pact can be unusable (missing, unreadable, not JSON, not a pact, no HTTP interaction) is a MisconfiguredPact
// naming the file, so that the command can exit 2 before anything runs.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { PactDocument, PactFile } from './pact-files.ts';
import { PROVIDERS, type ProviderName } from './pact-names.ts';

export class MisconfiguredPact extends Error {
  override name = 'MisconfiguredPact';
}

export interface SkippedPact {
  file: string;
  provider: string;
  reason: string;
}

export interface PactSelection {
  /** Pacts for truelayer-auth or truelayer-signup-plus, in argument order, then file name order in a folder. */
  pacts: PactFile[];
  /** Pacts found in a folder that are for another provider, or left out by --provider / --consumer. */
  skipped: SkippedPact[];
}

export interface PactFilter {
  providers?: readonly ProviderName[];
  consumer?: string;
}

const KNOWN_PROVIDERS: readonly string[] = Object.values(PROVIDERS);

/**
 * Reads the given files and folders. A pact for another provider is skipped when it was found in a folder (a
 * consumer's pact folder holds pacts for all its providers), and refused when it was named on its own (it
 * cannot be what the user meant to verify).
 */
export async function selectPacts(args: readonly string[], filter: PactFilter = {}, cwd = process.cwd()): Promise<PactSelection> {
  if (args.length === 0) throw new MisconfiguredPact('no pact files or folders given.');
  const selection: PactSelection = { pacts: [], skipped: [] };
  const seen = new Set<string>();
  for (const arg of args) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new MisconfiguredPact(`${arg}: no such file or folder.`);
    const inFolder = info.isDirectory();
    const files = inFolder ? (await readdir(path)).filter((name) => name.endsWith('.json')).sort().map((name) => join(path, name)) : [path];
    if (inFolder && files.length === 0) throw new MisconfiguredPact(`${arg}: the folder holds no *.json pact file.`);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const pact = parsePact(await readFile(file, 'utf8').catch((error: Error) => {
        throw new MisconfiguredPact(`${display(file, cwd)}: cannot be read (${error.message}).`);
      }), display(file, cwd));
      const entry: PactFile = { file: display(file, cwd), path: file, pact };
      const provider = pact.provider.name;
      if (!KNOWN_PROVIDERS.includes(provider)) {
        const reason = `provider "${provider}" is not one this harness stands in for (${KNOWN_PROVIDERS.join(', ')})`;
        if (!inFolder) throw new MisconfiguredPact(`${entry.file}: ${reason}.`);
        selection.skipped.push({ file: entry.file, provider, reason });
      } else if (filter.providers && !filter.providers.includes(provider as ProviderName)) {
        selection.skipped.push({ file: entry.file, provider, reason: 'left out by --provider' });
      } else if (filter.consumer !== undefined && pact.consumer.name !== filter.consumer) {
        selection.skipped.push({ file: entry.file, provider, reason: `consumer "${pact.consumer.name}" left out by --consumer` });
      } else selection.pacts.push(entry);
    }
  }
  if (selection.pacts.length === 0) {
    throw new MisconfiguredPact(
      `none of the pacts given is for ${KNOWN_PROVIDERS.join(' or ')}${selection.skipped.length ? ` (skipped: ${selection.skipped.map((s) => `${s.file}, ${s.reason}`).join('; ')})` : ''}.`,
    );
  }
  return selection;
}

/** Parses and checks one pact document (from a file or a broker); `label` names it in the error. */
export function parsePact(text: string, label: string): PactDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MisconfiguredPact(`${label}: not valid JSON (${(error as Error).message}).`);
  }
  const pact = data as Partial<PactDocument> | null;
  const name = (party: unknown): unknown => (party as { name?: unknown } | undefined)?.name;
  if (!pact || typeof pact !== 'object' || typeof name(pact.consumer) !== 'string' || typeof name(pact.provider) !== 'string' || !Array.isArray(pact.interactions)) {
    throw new MisconfiguredPact(`${label}: not a pact file (it needs consumer.name, provider.name and interactions).`);
  }
  if (pact.interactions.length === 0) throw new MisconfiguredPact(`${label}: the pact has no interaction.`);
  pact.interactions.forEach((interaction, index) => {
    const type = (interaction as { type?: unknown }).type;
    const http =
      (type === undefined || type === 'Synchronous/HTTP') &&
      typeof interaction?.request?.method === 'string' &&
      typeof interaction.request.path === 'string' &&
      typeof interaction.response?.status === 'number';
    if (!http) {
      throw new MisconfiguredPact(
        `${label}: interaction ${index} ("${String(interaction?.description ?? '')}") is not an HTTP request and response; TrueLayer's Signup+ API has no message interactions.`,
      );
    }
  });
  return pact as PactDocument;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
