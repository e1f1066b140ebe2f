// The one-time set-up of response validation (Ajv with formats and the spec's annotations, the plan of each
// documented answer, the header schemas), run afresh: a new copy of the module per run, so the work every
// other test meets only once per process (first use, then cached) is checked here each time.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { example } from './fixtures.ts';
import type * as Validation from '../../src/validation.ts';

const fresh = async (): Promise<typeof Validation> =>
  (await import(/* @vite-ignore */ `${new URL('../../src/validation.ts', import.meta.url).href}?fresh=${randomUUID()}`)) as typeof Validation;

const ACCOUNT_STATUSES = [200, 400, 401, 403, 404, 422, 429, 500];
const TOKEN_STATUSES = [200, 400, 500];
const BOTH_TYPES = 'application/json or application/problem+json';

function checkEverything(v: typeof Validation): void {
  expect([...v.documentedStatuses('getSignupPlusAccounts')]).toEqual(ACCOUNT_STATUSES);
  expect([...v.documentedStatuses('requestToken')]).toEqual(TOKEN_STATUSES);

  // Every published example of every documented answer passes.
  const examples: Array<[Validation.OperationId, number, string]> = [
    ['requestToken', 200, 'token.success'],
    ['requestToken', 400, 'oauth-error.invalid-grant'],
    ['requestToken', 500, 'oauth-error.server-error'],
    ['getSignupPlusAccounts', 200, 'signup-plus-accounts.single-account'],
    ['getSignupPlusAccounts', 200, 'signup-plus-accounts.multiple-accounts'],
    ['getSignupPlusAccounts', 400, 'problem.invalid-parameters'],
    ['getSignupPlusAccounts', 401, 'problem.unauthorized'],
    ['getSignupPlusAccounts', 403, 'problem.forbidden'],
    ['getSignupPlusAccounts', 404, 'problem.account-not-found'],
    ['getSignupPlusAccounts', 422, 'problem.user-data-not-found'],
    ['getSignupPlusAccounts', 429, 'problem.rate-limit-exceeded'],
    ['getSignupPlusAccounts', 500, 'problem.internal-server-error'],
  ];
  for (const [op, status, name] of examples) expect(v.validateResponse(op, status, 'application/json', example(name)), `${op} ${status} ${name}`).toEqual([]);

  // Each answer's media types, as the plan lists them.
  for (const status of ACCOUNT_STATUSES) {
    const types = status === 200 ? 'application/json' : BOTH_TYPES;
    expect(v.validateResponse('getSignupPlusAccounts', status, 'text/plain', status === 200 ? example('signup-plus-accounts.single-account') : example('problem.forbidden'))[0]?.message).toBe(`content type must be ${types}`);
  }
  for (const status of TOKEN_STATUSES) {
    expect(v.validateResponse('requestToken', status, 'text/html', status === 200 ? example('token.success') : example('oauth-error.invalid-grant'))[0]?.message).toBe('content type must be application/json');
  }

  // Every finding at once (allErrors), union types, formats, and the branch of the accounts oneOf picked by `result`.
  const identity = example('signup-plus-accounts.single-account');
  expect(v.validateResponse('getSignupPlusAccounts', 200, 'application/json', { ...identity, title: null, first_name: 1, date_of_birth: '2000-13-45', extra: true }).map((i) => [i.pointer, i.keyword])).toEqual([
    ['/extra', 'additionalProperties'],
    ['/first_name', 'type'],
    ['/date_of_birth', 'format'],
  ]);
  const list = example<{ accounts: Array<Record<string, unknown>> }>('signup-plus-accounts.multiple-accounts');
  list.accounts[1]!.currency = 'pounds';
  expect(v.validateResponse('getSignupPlusAccounts', 200, 'application/json', list).map((i) => [i.pointer, i.keyword])).toEqual([['/accounts/1/currency', 'pattern']]);
  expect(v.validateResponse('requestToken', 200, 'application/json', { ...example<Record<string, unknown>>('token.success'), token_type: 'mac' }).map((i) => [i.pointer, i.keyword])).toEqual([['/token_type', 'const']]);
  expect(v.validateResponse('getSignupPlusAccounts', 404, 'application/json', { ...example<Record<string, unknown>>('problem.account-not-found'), type: 'not a uri' }).map((i) => [i.pointer, i.keyword])).toEqual([['/type', 'format']]);

  // Every documented header of every documented answer, checked against its own schema.
  for (const status of ACCOUNT_STATUSES) {
    const found = v.validateHeaders('getSignupPlusAccounts', status, { 'tl-trace-id': '', 'retry-after': '-1', 'cache-control': 'public' });
    expect(found.map((i) => [i.pointer, i.keyword]), `accounts ${status}`).toEqual([
      ['/headers/tl-trace-id', 'minLength'],
      ...(status === 429 ? [['/headers/retry-after', 'minimum']] : []),
    ]);
    expect(v.validateHeaders('getSignupPlusAccounts', status, { 'tl-trace-id': 'abc', 'retry-after': '5' })).toEqual([]);
  }
  // A number too large for a double reads as Infinity, which strict numbers (strict mode) refuse as an integer.
  expect(v.validateHeaders('getSignupPlusAccounts', 429, { 'retry-after': '1e999' })).toEqual([
    { pointer: '/headers/retry-after', severity: 'error', keyword: 'type', message: 'response header Retry-After must be integer', expected: 'integer', actual: 'number' },
  ]);
  for (const status of TOKEN_STATUSES) {
    const found = v.validateHeaders('requestToken', status, { 'x-tl-correlation-id': '', 'cache-control': 'public', 'tl-trace-id': '' });
    expect(found.map((i) => [i.pointer, i.keyword, i.message]), `token ${status}`).toEqual([
      ['/headers/x-tl-correlation-id', 'minLength', 'response header X-Tl-Correlation-Id must NOT have fewer than 1 characters'],
      ['/headers/cache-control', 'pattern', 'response header Cache-Control must match pattern "(^|,)\\s*no-store\\s*(,|$)"'],
    ]);
    expect(v.validateHeaders('requestToken', status, { 'x-tl-correlation-id': 'abc', 'cache-control': 'no-store' })).toEqual([]);
  }
}

describe('response validation set up from scratch', () => {
  // One fresh copy (a full compile of the spec) is all this costs; precompileValidators reaches every validator
  // and header plan, and the checks after it reach the lazy response plans and status lists.
  it('warmed up with precompileValidators, checks every documented answer and header as the spec says', async () => {
    const v = await fresh();
    v.precompileValidators();
    checkEverything(v);
  });
});
