// Proves that no pact holds a secret-looking value. It applies the spec's own credential policy (the Spectral
// function specs/lint/no-real-secrets.js: credentials are `example-...` fakes, no JWTs, no long random tokens)
// rather than a third list of patterns, after unpacking the places a pact hides credentials: form bodies,
// bearer headers and query strings.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ROOT_DIR } from '../lib/project-paths.ts';
import { readPactFiles } from './pact-files.ts';
import type { PactDocument } from './pact-files.ts';

type SpectralFunction = (input: unknown, options: null, context: { path: Array<string | number> }) => Array<{ message: string; path: Array<string | number> }>;

const POLICY_PATH = join(ROOT_DIR, 'specs/lint/no-real-secrets.js');

export interface SecretFinding {
  file: string;
  message: string;
}

async function loadPolicy(): Promise<SpectralFunction> {
  const module = (await import(pathToFileURL(POLICY_PATH).href)) as { default: SpectralFunction };
  return module.default;
}

/** The pact with form bodies parsed into fields and `Authorization: Bearer x` read as an access token. */
export function unpackCredentials(pact: PactDocument): unknown {
  return {
    ...pact,
    interactions: pact.interactions.map((interaction) => ({
      ...interaction,
      request: unpackMessage(interaction.request),
      response: unpackMessage(interaction.response),
    })),
  };
}

function unpackMessage<T extends { headers?: Record<string, string>; body?: unknown }>(message: T): T & { credentials?: unknown } {
  const headers = message.headers ?? {};
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const out: T & { credentials?: unknown } = { ...message };
  if (typeof message.body === 'string' && contentType.startsWith('application/x-www-form-urlencoded')) {
    out.body = Object.fromEntries(new URLSearchParams(message.body));
  }
  const authorization = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  if (typeof authorization === 'string') {
    const [scheme, ...rest] = authorization.split(' ');
    out.credentials = scheme?.toLowerCase() === 'bearer' ? { access_token: rest.join(' ') } : { client_secret: authorization };
  }
  return out;
}

export async function scanPactsForSecrets(pactDir: string): Promise<SecretFinding[]> {
  const policy = await loadPolicy();
  const findings: SecretFinding[] = [];
  for (const { file, pact } of await readPactFiles(pactDir)) {
    for (const result of policy(unpackCredentials(pact), null, { path: [] })) {
      // The policy's message names the path and the fix, never the value itself.
      findings.push({ file, message: result.message.replace(/^Example value/, 'Value') });
    }
  }
  return findings;
}
