// The spec check bites: the committed pacts pass it, and copies of them with one drift each are rejected with
// the comparator's readable message, naming the interaction and the field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS_DIR } from '../../../scripts/lib/project-paths.ts';
import { loadSpec } from '../../../scripts/lib/spec-document.ts';
import { PROVIDERS } from '../../../scripts/contracts/pact-names.ts';
import { readPactFiles } from '../../../scripts/contracts/pact-files.ts';
import type { PactDocument, PactInteraction } from '../../../scripts/contracts/pact-files.ts';
import { describeSpecCheck, runSpecCheck } from '../../../scripts/contracts/spec-check.ts';

const spec = await loadSpec();
const committed = await readPactFiles(CONTRACTS_DIR);

function pactWithOne(provider: string, description: string, change: (interaction: PactInteraction) => void): PactDocument {
  const found = committed.find((p) => p.pact.provider.name === provider);
  if (!found) throw new Error(`no committed pact for ${provider}`);
  const pact = structuredClone(found.pact);
  const interaction = pact.interactions.find((i) => i.description === description);
  if (!interaction) throw new Error(`no interaction "${description}"`);
  change(interaction);
  pact.interactions = [interaction];
  return pact;
}

describe('spec check (openapi-pact-comparator)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signup-plus-spec-check-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function check(pact: PactDocument) {
    const caseDir = await mkdtemp(join(dir, 'case-'));
    await writeFile(join(caseDir, 'pact.json'), JSON.stringify(pact));
    return runSpecCheck({ pactDir: caseDir, spec });
  }

  it('passes every committed interaction with no error', async () => {
    const result = await runSpecCheck({ pactDir: CONTRACTS_DIR, spec });
    expect(result.interactions).toHaveLength(14);
    expect(describeSpecCheck(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each<[string, PactDocument, string, string]>([
    [
      'a request form field renamed (redirect_uri → redirect_url)',
      pactWithOne(PROVIDERS.auth, 'a request to exchange an authorization code for tokens', (i) => {
        i.request.body = String(i.request.body).replace('redirect_uri=', 'redirect_url=');
      }),
      'request.body.incompatible',
      "Request body is incompatible with the request body schema in the spec file: must have required property 'redirect_uri'",
    ],
    [
      'a renamed request field in an interaction answered with an error (the comparator alone skips those)',
      pactWithOne(PROVIDERS.auth, 'a request to exchange an expired authorization code', (i) => {
        i.request.body = String(i.request.body).replace('client_id=', 'clientid=');
      }),
      'request.body.incompatible',
      "Request body is incompatible with the request body schema in the spec file: must have required property 'client_id'",
    ],
    [
      'an undocumented response field (middle_name in the identity)',
      pactWithOne(PROVIDERS.signupPlus, 'a request for the identity of a user with one account', (i) => {
        (i.response.body as Record<string, unknown>).middle_name = 'Q';
      }),
      'response.body.incompatible',
      'Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - middle_name',
    ],
    [
      'an undocumented status (418 for the accounts lookup)',
      pactWithOne(PROVIDERS.signupPlus, 'a request for the identity after the bank consent expired', (i) => {
        i.response.status = 418;
      }),
      'response.status.unknown',
      'Response status code not defined in spec file: 418',
    ],
    [
      'an undocumented query parameter',
      pactWithOne(PROVIDERS.signupPlus, 'a request for the identity behind one account_id', (i) => {
        i.request.query = { acount_id: ['acc-aa360adff0f1574e1'] };
      }),
      'request.query.unknown',
      'Query parameter is not defined in the spec file: acount_id',
    ],
  ])('rejects %s', async (_name, pact, code, message) => {
    const result = await check(pact);
    expect(result.ok).toBe(false);
    const errors = result.interactions.flatMap((i) => i.findings.filter((f) => f.severity === 'error'));
    expect(errors).toContainEqual(expect.objectContaining({ code, message }));
    expect(describeSpecCheck(result).join('\n')).toContain(`"${pact.interactions[0]?.description}": ${message}`);
  });
});
