// --dynamic: identities generated from the schema with json-schema-faker still validate against the spec.
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { specSchemas } from '../../src/generated/spec-schemas.ts';
import { validateResponse } from '../../src/index.ts';
import { clientFor, exchange, raw } from './support.ts';

// The generated document's `$id` (a URN without a namespace id) is not one Ajv's URI parser accepts, so the
// schemas are compiled from their components.
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (a: Ajv2020) => void;
addFormats(ajv);
const isIdentity = ajv.compile({ $ref: '#/components/schemas/Identity', components: specSchemas.components });

let seeded: RunningMock;
let seededAgain: RunningMock;
let unseeded: RunningMock;
beforeAll(async () => {
  [seeded, seededAgain, unseeded] = await Promise.all([
    startMock({ port: 0, quiet: true, dynamic: true, seed: 7 }),
    startMock({ port: 0, quiet: true, dynamic: true, seed: 7 }),
    startMock({ port: 0, quiet: true, dynamic: true }),
  ]);
});
afterAll(() => Promise.all([seeded.close(), seededAgain.close(), unseeded.close()]));

async function identity(base: string, code: string, query = ''): Promise<unknown> {
  const tokens = await exchange(base, code);
  const answer = await raw(`${base}/signup-plus/accounts${query}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(answer.status).toBe(200);
  return answer.json;
}

describe('--dynamic', () => {
  it('40 generated identities validate against the spec (Ajv over specSchemas and the client\'s validator)', async () => {
    for (let i = 0; i < 40; i++) {
      const body = await identity(unseeded.url, `user-${i}`);
      expect(isIdentity(body), JSON.stringify(isIdentity.errors)).toBe(true);
      expect(validateResponse('getSignupPlusAccounts', 200, 'application/json', body).filter((issue) => issue.severity === 'error')).toEqual([]);
    }
  });

  it('the client accepts a generated identity without warnings', async () => {
    const client = clientFor(unseeded.url);
    const tokens = await client.exchangeCode({ code: 'single-account', redirectUri: 'https://app.example/cb' });
    const result = await client.getAccounts({ accessToken: tokens.accessToken });
    expect(result.kind).toBe('identity');
    expect(result.meta.warnings).toEqual([]);
  });

  it('per-account identities are generated too, and the account list stays the documented one', async () => {
    const list = (await identity(seeded.url, 'multiple-accounts')) as { accounts: Array<{ account_id: string }> };
    expect(list.accounts.map((account) => account.account_id)).toEqual(['acc-aa360adff0f1574e1', 'acc-8232b085624e6babf', 'acc-469b2c2bcaea10969']);
    const body = await identity(seeded.url, 'multiple-accounts', '?account_id=acc-8232b085624e6babf');
    expect(isIdentity(body)).toBe(true);
    expect((body as { first_name: string }).first_name).not.toBe('Jane');
  });

  it('with a seed, the same scenario and account give the same identity on every call and instance', async () => {
    const first = await identity(seeded.url, 'single-account');
    expect(await identity(seeded.url, 'single-account')).toEqual(first);
    expect(await identity(seededAgain.url, 'single-account')).toEqual(first);
    expect(await identity(seeded.url, 'multiple-accounts', '?account_id=acc-aa360adff0f1574e1')).not.toEqual(first);
  });

  it('without a seed, two calls generate different identities', async () => {
    expect(await identity(unseeded.url, 'single-account')).not.toEqual(await identity(unseeded.url, 'single-account'));
  });

  it('error scenarios keep their documented problem answers', async () => {
    const tokens = await exchange(unseeded.url, 'user-data-not-found');
    const answer = await raw(`${unseeded.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(answer.status).toBe(422);
    expect(answer.json.title).toBe('User Data Not Found');
  });
});
