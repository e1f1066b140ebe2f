// Pacts for the verify tests: the harness's committed pacts as a team's would look (another consumer name), and
// copies with one thing wrong, written to temporary folders.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPactFiles, type PactDocument, type PactInteraction } from '../../scripts/contracts/pact-files.ts';
import { CONTRACTS_DIR } from '../../scripts/lib/project-paths.ts';

const committed = await readPactFiles(CONTRACTS_DIR);

/** A committed pact, as if a team's app `consumer` had written it. */
export function teamPact(provider: 'truelayer-auth' | 'truelayer-signup-plus', consumer = 'team-app'): PactDocument {
  const found = committed.find((p) => p.pact.provider.name === provider);
  if (!found) throw new Error(`no committed pact for ${provider}`);
  return { ...structuredClone(found.pact), consumer: { name: consumer } };
}

export function interactionOf(pact: PactDocument, description: string): PactInteraction {
  const interaction = pact.interactions.find((i) => i.description === description);
  if (!interaction) throw new Error(`no interaction "${description}"`);
  return interaction;
}

/** A fresh folder holding `files` (name → content; objects are written as JSON). */
export async function pactFolder(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'signup-plus-verify-'));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** A pact for a provider the harness does not stand in for. */
export const OTHER_PROVIDER_PACT: PactDocument = {
  consumer: { name: 'team-app' },
  provider: { name: 'billing-service' },
  interactions: [{ description: 'a request for an invoice', request: { method: 'GET', path: '/invoices/1' }, response: { status: 200 } }],
};
