// GET /signup-plus/accounts through the real client on a MockAgent: both 200 shapes, every documented error,
// retries (429 with Retry-After, 502/503/504, resets) and their limits, and getAllIdentities.
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, API_ORIGIN, JSON_HEADERS, PROBLEM_HEADERS, TRACE_ID, example, harness, rejection } from './fixtures.ts';
import pkg from '../../package.json' with { type: 'json' };
import { NetworkError, ProblemError, RateLimitError, ResponseValidationError } from '../../src/index.ts';
import type { Identity, MultipleAccountsLinked } from '../../src/index.ts';

const PATH = '/signup-plus/accounts';
const ACCOUNT_IDS = ['acc-aa360adff0f1574e1', 'acc-8232b085624e6babf', 'acc-469b2c2bcaea10969'];

describe('getAccounts', () => {
  it('sends the bearer token, Accept and User-Agent, and returns the identity of a single-account user', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result).toEqual({
      kind: 'identity',
      identity: example<Identity>('signup-plus-accounts.single-account'),
      meta: { status: 200, traceId: TRACE_ID, durationMs: expect.any(Number), attempts: 1, issues: [], warnings: [], headers: JSON_HEADERS },
    });
    const [sent] = h.calls();
    expect(sent!.headers).toMatchObject({
      authorization: `Bearer ${ACCESS_TOKEN}`,
      accept: 'application/json, application/problem+json',
      'user-agent': `signup-plus-harness/${pkg.version}`,
    });
    expect(sent!.searchParams).toEqual({});
  });

  it('returns kind multiple_accounts with the linked accounts when the body has `result`', async () => {
    const h = harness();
    const body = example<MultipleAccountsLinked>('signup-plus-accounts.multiple-accounts');
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.kind).toBe('multiple_accounts');
    if (result.kind !== 'multiple_accounts') return;
    expect(result.accounts.map((a) => a.account_id)).toEqual(ACCOUNT_IDS);
    expect(result.body).toEqual(body);
    expect(result.meta.warnings).toEqual([]);
  });

  it('percent-encodes an account_id so that it cannot add or break query parameters', async () => {
    const h = harness();
    h.api.intercept({ path: () => true, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    await h.client.getAccounts({ accessToken: ACCESS_TOKEN, accountId: 'a b/c&account_id=x#é' });
    expect(h.calls().map((c) => c.fullUrl)).toEqual([`${API_ORIGIN}${PATH}?account_id=a+b%2Fc%26account_id%3Dx%23%C3%A9`]);
  });

  it('sends account_id as a query parameter', async () => {
    const h = harness();
    h.api.intercept({ path: `${PATH}?account_id=${ACCOUNT_IDS[1]}`, method: 'GET' }).reply(200, example(`signup-plus-accounts.account-${ACCOUNT_IDS[1]}`), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_IDS[1] });
    expect(result.kind).toBe('identity');
    expect(h.calls()[0]!.searchParams).toEqual({ account_id: ACCOUNT_IDS[1] });
  });

  it('takes an explicit undefined in any option as "not given": no account_id, the default User-Agent, attempts and timeouts', async () => {
    const h = harness({
      userAgent: undefined,
      validateResponses: undefined,
      timeouts: { connectMs: undefined, headersMs: undefined, bodyMs: undefined },
      retry: { maxAttempts: undefined, minDelayMs: 1, maxDelayMs: 5 },
    });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(503, 'Service Unavailable', { headers: { 'content-type': 'text/plain' } }).times(2);
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN, accountId: undefined, signal: undefined, timeouts: { bodyMs: undefined } });
    expect(result.kind).toBe('identity');
    expect(result.meta.attempts).toBe(3);
    expect(h.calls().map((c) => c.searchParams)).toEqual([{}, {}, {}]);
    expect(h.calls()[0]!.headers).toMatchObject({ 'user-agent': `signup-plus-harness/${pkg.version}` });
  });

  it.each([
    [400, 'problem.invalid-parameters', 'Invalid Parameters', { account_id: ['The account_id is malformed.'] }],
    [401, 'problem.unauthorized', 'Unauthorized', undefined],
    [403, 'problem.forbidden', 'Forbidden', undefined],
    [404, 'problem.account-not-found', 'Account Not Found', undefined],
    [422, 'problem.user-data-not-found', 'User Data Not Found', undefined],
    [422, 'problem.joint-accounts-not-supported', 'Joint Accounts Not Supported', undefined],
    [500, 'problem.internal-server-error', 'Internal server error', undefined],
  ])('turns HTTP %i %s into a ProblemError titled %j', async (status, name, title, errors) => {
    const h = harness();
    const problem = example<{ detail: string; trace_id: string }>(name);
    h.api.intercept({ path: PATH, method: 'GET' }).reply(status, problem, { headers: PROBLEM_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ProblemError);
    expect(err).not.toBeInstanceOf(RateLimitError);
    expect({ code: err.code, status: err.status, title: err.title, detail: err.detail, errors: err.errors, traceId: err.traceId, problem: err.problem, issues: err.issues }).toEqual({
      code: 'TL_PROBLEM', status, title, detail: problem.detail, errors, traceId: TRACE_ID, problem, issues: [],
    });
    expect(h.calls()).toHaveLength(1);
  });

  it('falls back to the body trace_id when the Tl-Trace-Id header is missing', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(404, example('problem.account-not-found'), { headers: { 'content-type': 'application/problem+json' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err.traceId).toBe('00000000-0000-4000-8000-000000000404');
  });

  it('retries a 429 after its Retry-After and returns the next answer', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': '0' } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.kind).toBe('identity');
    expect(result.meta.attempts).toBe(2);
    expect(h.calls()).toHaveLength(2);
  });

  it('gives up after maxAttempts 429s with a RateLimitError', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': '0' } }).times(3);
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect({ code: err.code, retryAfter: err.retryAfter }).toEqual({ code: 'TL_RATE_LIMITED', retryAfter: 0 });
    expect(h.calls()).toHaveLength(2);
  });

  it('does not retry a 429 whose Retry-After (an HTTP-date) is beyond maxDelayMs, and reports it in seconds', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5 } });
    const retryAt = new Date(Date.now() + 120_000).toUTCString();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': retryAt } }).times(2);
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.code).toBe('TL_RATE_LIMITED');
    // toUTCString() drops the milliseconds, so the date is 119-120 s away when the answer arrives.
    expect(err.retryAfter).toBeGreaterThanOrEqual(119);
    expect(err.retryAfter).toBeLessThanOrEqual(120);
    expect(h.calls()).toHaveLength(1);
  });

  it.each([502, 503, 504])('retries HTTP %i and returns the answer that follows', async (status) => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(status, '<html>Bad gateway</html>', { headers: { 'content-type': 'text/html' } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.meta).toMatchObject({ status: 200, attempts: 2 });
  });

  it.each([400, 401, 403, 404, 422, 500])('does not retry HTTP %i', async (status) => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(status, { ...example('problem.internal-server-error'), status }, { headers: PROBLEM_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    // Each is a documented problem answer: a ProblemError with the status, after one call.
    expect(err).toBeInstanceOf(ProblemError);
    expect({ code: err.code, status: err.status }).toEqual({ code: 'TL_PROBLEM', status });
    expect(h.calls()).toHaveLength(1);
  });

  it('gives up on 503 after maxAttempts (default 3) with a ResponseValidationError for the undocumented status', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(503, 'Service Unavailable', { headers: { 'content-type': 'text/plain' } }).times(4);
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ status: err.status, bodyExcerpt: err.bodyExcerpt, issues: err.issues }).toEqual({
      status: 503,
      bodyExcerpt: 'Service Unavailable',
      issues: [{ pointer: '', severity: 'error', keyword: 'status', message: 'HTTP 503 is not a documented answer of getSignupPlusAccounts', expected: '200|400|401|403|404|422|429|500', actual: '503' }],
    });
    expect(h.calls()).toHaveLength(3);
  });

  it('retries a reset connection, then succeeds', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.meta.attempts).toBe(2);
  });

  it('gives up on resets after maxAttempts with a NetworkError', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5 } });
    h.api.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })).times(3);
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(NetworkError);
    expect({ code: err.code, reason: err.reason }).toEqual({ code: 'TL_NETWORK', reason: 'reset' });
    expect(h.calls()).toHaveLength(2);
  });

  it('does not retry a refused connection (only a reset one): the server is not there', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).times(3);
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect({ code: err.code, reason: err.reason }).toEqual({ code: 'TL_NETWORK', reason: 'refused' });
    expect(h.calls()).toHaveLength(1);
  });

  it('does not start a retry that would end after maxElapsedMs', async () => {
    const h = harness({ retry: { maxAttempts: 5, maxElapsedMs: 1_000, minDelayMs: 1, maxDelayMs: 60_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': '30' } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfter).toBe(30);
    expect(h.calls()).toHaveLength(1);
  });
});

describe('getAllIdentities', () => {
  it('returns the one identity of a single-account user without an account id', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const all = await h.client.getAllIdentities({ accessToken: ACCESS_TOKEN });
    expect(all).toEqual([{ identity: example('signup-plus-accounts.single-account'), meta: expect.objectContaining({ status: 200 }) }]);
  });

  it('follows every listed account_id and returns each identity, in order', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: JSON_HEADERS });
    for (const id of ACCOUNT_IDS) {
      h.api.intercept({ path: `${PATH}?account_id=${id}`, method: 'GET' }).reply(200, example(`signup-plus-accounts.account-${id}`), { headers: JSON_HEADERS });
    }
    const all = await h.client.getAllIdentities({ accessToken: ACCESS_TOKEN });
    expect(all.map((entry) => [entry.accountId, entry.identity])).toEqual(ACCOUNT_IDS.map((id) => [id, example(`signup-plus-accounts.account-${id}`)]));
    expect(h.calls().map((c) => c.searchParams.account_id ?? null)).toEqual([null, ...ACCOUNT_IDS]);
  });

  it('stops at maxAccounts', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: JSON_HEADERS });
    for (const id of ACCOUNT_IDS.slice(0, 2)) {
      h.api.intercept({ path: `${PATH}?account_id=${id}`, method: 'GET' }).reply(200, example(`signup-plus-accounts.account-${id}`), { headers: JSON_HEADERS });
    }
    const all = await h.client.getAllIdentities({ accessToken: ACCESS_TOKEN, maxAccounts: 2 });
    expect(all.map((entry) => entry.accountId)).toEqual(ACCOUNT_IDS.slice(0, 2));
    expect(h.calls()).toHaveLength(3);
  });

  it('fails with a ResponseValidationError when an account_id answers another account list', async () => {
    const h = harness();
    h.api.intercept({ path: (path) => path.startsWith(PATH), method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: JSON_HEADERS }).times(2);
    const err = await rejection(() => h.client.getAllIdentities({ accessToken: ACCESS_TOKEN, maxAccounts: 1 }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues.map((i: { pointer: string; keyword: string }) => [i.pointer, i.keyword])).toEqual([['/result', 'result']]);
  });

  it('passes a ProblemError of a followed account through', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: JSON_HEADERS });
    h.api.intercept({ path: `${PATH}?account_id=${ACCOUNT_IDS[0]}`, method: 'GET' }).reply(422, example('problem.joint-accounts-not-supported'), { headers: PROBLEM_HEADERS });
    const err = await rejection(() => h.client.getAllIdentities({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.title).toBe('Joint Accounts Not Supported');
  });
});
