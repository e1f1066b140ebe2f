// GET /signup-plus/accounts answers what TrueLayer's Signup+ API answers: the bearer token names the scenario, a
// refusal is the spec's problem example with its exact detail and RFC 6750 challenge, `account_id` picks one
// linked account's identity, and --dynamic replaces identities (never lists or problems). Over raw HTTP, on one
// mock started with --dynamic (the fixed identities are checked in scenarios.test.ts).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdRule } from '../../mocks/accounts-endpoint.ts';
import { identityGenerator } from '../../mocks/dynamic-identity.ts';
import { mintToken, startMock, type RunningMock } from '../../mocks/index.ts';
import { exchange, raw, type RawAnswer } from './support.ts';

const example = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(new URL(`../../specs/examples/${name}.json`, import.meta.url), 'utf8'));

const CHALLENGE = 'Bearer realm="signup-plus-mock"';
const INVALID_TOKEN = 'Bearer realm="signup-plus-mock", error="invalid_token"';
const LISTED = 'acc-8232b085624e6babf';

let mock: RunningMock;
const logLines: string[] = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  mock = await startMock({ port: 0, dynamic: true, seed: 'accounts', log: (line) => logLines.push(line) });
  for (const code of ['single-account', 'multiple-accounts', 'reconnect-required', 'user-data-not-found']) tokens[code] = (await exchange(mock.url, code)).access_token;
});
afterAll(() => mock.close());
const generate = identityGenerator('accounts');

const accounts = (authorization: string | undefined, query = '', extra: Record<string, string> = {}): Promise<RawAnswer> =>
  raw(`${mock.url}/signup-plus/accounts${query}`, { headers: { ...(authorization === undefined ? {} : { authorization }), ...extra } });

/** The spec's problem example, with the answer's own trace id (fresh per answer, in the body and Tl-Trace-Id). */
async function expectProblem(answer: RawAnswer, name: string, override: Record<string, unknown> = {}): Promise<void> {
  const documented = await example(`problem.${name}`);
  expect(answer.json).toEqual({ ...documented, ...override, trace_id: answer.headers['tl-trace-id'] });
  expect(answer.status).toBe(documented.status);
  expect(answer.json.trace_id).not.toBe(documented.trace_id);
}

describe('the bearer token', () => {
  it('missing: 401 with the documented problem and a bare Bearer challenge (RFC 6750 §3.1: no error code)', async () => {
    const answer = await accounts(undefined);
    await expectProblem(answer, 'unauthorized');
    expect(answer.headers['www-authenticate']).toBe(CHALLENGE);
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['text before the scheme', () => `xBearer ${tokens['single-account']}`],
    ['text after the token', () => `Bearer ${tokens['single-account']} extra`],
    ['two tokens', () => `Bearer ${tokens['single-account']},${tokens['single-account']}`],
    ['a token of another scenario table', mintToken('retired-scenario', 'access', 3600)],
    ['a refresh token', mintToken('single-account', 'refresh', 3600)],
  ])('%s: 401 with the documented problem and error="invalid_token"', async (_what, value) => {
    const authorization = typeof value === 'function' ? value() : value.startsWith('Basic') ? value : `Bearer ${value}`;
    const answer = await accounts(authorization);
    await expectProblem(answer, 'unauthorized');
    expect(answer.headers['www-authenticate']).toBe(INVALID_TOKEN);
  });

  it('is read as RFC 6750 §2.1 allows: any case of the scheme, several spaces, trailing spaces', async () => {
    for (const authorization of [`bearer ${tokens['single-account']}`, `BEARER   ${tokens['single-account']}`, `Bearer ${tokens['single-account']}  `]) {
      const answer = await accounts(authorization);
      expect([authorization.slice(0, 9), answer.status]).toEqual([authorization.slice(0, 9), 200]);
      expect(answer.json).toEqual(generate('single-account', undefined));
    }
  });

  it('never reaches the request log, even where only the endpoint knows it is a secret', async () => {
    logLines.length = 0;
    const authorization = `Bearer ${tokens['multiple-accounts']}`;
    await accounts(authorization, `?note=${encodeURIComponent(authorization)}`);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).not.toContain(tokens['multiple-accounts']);
    expect(logLines[0]).toMatch(/^GET \/signup-plus\/accounts\?note=\S*REDACTED\S* scenario=multiple-accounts 200 /);
  });
});

describe('account_id', () => {
  it('a malformed or repeated one answers 400 Invalid Parameters, the documented body', async () => {
    await expectProblem(await accounts(`Bearer ${tokens['multiple-accounts']}`, '?account_id=a%2Fb'), 'invalid-parameters');
    await expectProblem(await accounts(`Bearer ${tokens['multiple-accounts']}`, `?account_id=${LISTED}&account_id=${LISTED}`), 'invalid-parameters');
  });

  it('on an answer that lists no accounts, a well-formed one answers 404 Account Not Found; on a refusal, the refusal stands', async () => {
    await expectProblem(await accounts(`Bearer ${tokens['single-account']}`, `?account_id=${LISTED}`), 'account-not-found');
    await expectProblem(await accounts(`Bearer ${tokens['reconnect-required']}`, `?account_id=${LISTED}`), 'forbidden');
  });

  it('a listed one answers that account\'s identity; an unlisted one 404', async () => {
    const answer = await accounts(`Bearer ${tokens['multiple-accounts']}`, `?account_id=${LISTED}`);
    expect([answer.status, answer.json]).toEqual([200, generate('multiple-accounts', LISTED)]);
    await expectProblem(await accounts(`Bearer ${tokens['multiple-accounts']}`, '?account_id=acc-8232b085624e6babg'), 'account-not-found');
  });

  it('the spec\'s account_id schema decides what is well formed: length bounds and pattern', () => {
    const rule = accountIdRule({ type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' });
    expect(['ab', 'abcd'].map(rule)).toEqual([true, true]);
    expect(['a', 'abcde', 'a1', 'AB'].map(rule)).toEqual([false, false, false, false]);
    // Without bounds: at least one character, any length; without a pattern: any characters.
    const open = accountIdRule({ type: 'string' });
    expect(['', 'x', 'x'.repeat(10_000), 'a/b c'].map(open)).toEqual([false, true, true, true]);
    expect(accountIdRule(undefined)('é')).toBe(true);
    // The pattern is read as Unicode: one astral character is one character.
    expect(accountIdRule({ pattern: '^.$' })('😀')).toBe(true);
  });
});

describe('Prefer', () => {
  it('a documented answer it picks is served as documented (an identity it picks is the example\'s)', async () => {
    const picked = await accounts(`Bearer ${tokens['multiple-accounts']}`, '', { prefer: 'code=200, example=single-account' });
    expect([picked.status, picked.json]).toEqual([200, await example('signup-plus-accounts.single-account')]);
    const answer = await accounts(`Bearer ${tokens['single-account']}`, '', { prefer: 'code=422, example=joint-accounts-not-supported' });
    await expectProblem(answer, 'joint-accounts-not-supported');
  });

  it.each([
    ['code=2000', 'Prefer: code must be a three-digit status, got "2000".'],
    ['example=', 'Prefer: example needs a name.'],
    ['code=201', 'Prefer: getSignupPlusAccounts documents no answer for status 201.'],
    ['code=200, example=no-such-account', 'Prefer: getSignupPlusAccounts documents no answer for status 200 with example "no-such-account".'],
  ])('%s answers 400 Invalid Parameters saying why, under errors.Prefer', async (prefer, reason) => {
    const answer = await accounts(`Bearer ${tokens['single-account']}`, '', { prefer });
    await expectProblem(answer, 'invalid-parameters', { detail: reason, errors: { Prefer: [reason] } });
  });
});

describe('--dynamic', () => {
  it('replaces an identity, with or without account_id, by the seeded one of that scenario and account; never the list', async () => {
    const single = await accounts(`Bearer ${tokens['single-account']}`);
    expect([single.status, single.json]).toEqual([200, generate('single-account', undefined)]);
    const one = await accounts(`Bearer ${tokens['multiple-accounts']}`, `?account_id=${LISTED}`);
    expect([one.status, one.json]).toEqual([200, generate('multiple-accounts', LISTED)]);
    // The list of linked accounts stays the documented one: it names the accounts to ask for.
    const list = await accounts(`Bearer ${tokens['multiple-accounts']}`);
    expect([list.status, list.json]).toEqual([200, await example('signup-plus-accounts.multiple-accounts')]);
  });

  it('keeps problem answers as documented, and a scenario\'s fault is still acted out', async () => {
    await expectProblem(await accounts(`Bearer ${tokens['user-data-not-found']}`), 'user-data-not-found');
    const gateway = await accounts(`Bearer ${(await exchange(mock.url, 'bad-gateway')).access_token}`);
    expect([gateway.status, gateway.headers['content-type']]).toEqual([502, 'text/html']);
  });
});
