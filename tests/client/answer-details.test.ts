// What the client reads off an answer besides its body: the trace id (header first, then the body's trace_id),
// repeated headers, the time and attempts a call took, and the problem a bare 429 stands for.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN, API_ORIGIN, AUTH_CODE, JSON_HEADERS, PROBLEM_HEADERS, REDIRECT_URI, TOKEN_HEADERS, TRACE_ID,
  example, harness, rejection, ACCOUNTS_PATH, TOKEN_BODY, TOKEN_PATH,
} from './fixtures.ts';
import { OAuthError, RateLimitError, ResponseValidationError } from '../../src/index.ts';

const exchange = (h: ReturnType<typeof harness>) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI });

describe('the trace id', () => {
  it('of a repeated Tl-Trace-Id header is its first value', async () => {
    const h = harness();
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: { 'content-type': 'application/json', 'tl-trace-id': [TRACE_ID, 'second'] } });
    expect((await h.client.getAccounts({ accessToken: ACCESS_TOKEN })).meta.traceId).toBe(TRACE_ID);
  });

  it('of a header wins over the body trace_id', async () => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, { error: 'invalid_grant', trace_id: 'from-body' }, { headers: TOKEN_HEADERS });
    expect((await rejection(() => exchange(h))).traceId).toBe(TRACE_ID);
  });

  it.each([
    ['a string trace_id in the body', 'from-body', 'from-body'],
    ['a numeric trace_id in the body (ignored)', 42, undefined],
    ['no trace_id at all', undefined, undefined],
  ])('without a header, comes from %s', async (_name, traceId, expected) => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, { error: 'invalid_grant', trace_id: traceId }, { headers: { 'content-type': 'application/json' } });
    const err = await rejection(() => exchange(h));
    expect(err).toBeInstanceOf(OAuthError);
    expect(err.traceId).toBe(expected);
    expect('traceId' in JSON.parse(JSON.stringify(err))).toBe(expected !== undefined);
  });

  it('is left out of meta when the answer has none', async () => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers: { 'content-type': 'application/json' } });
    const { meta } = await exchange(h);
    expect('traceId' in meta).toBe(false);
  });
});

describe('a repeated Content-Type', () => {
  it('is read by its first value, for the check and on the error', async () => {
    const h = harness();
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: { 'content-type': ['application/json', 'text/html'] } });
    expect((await h.client.getAccounts({ accessToken: ACCESS_TOKEN })).meta.issues).toEqual([]);
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(500, '<html>down</html>', { headers: { 'content-type': ['text/html', 'application/json'] } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ contentType: err.contentType, bodyExcerpt: err.bodyExcerpt }).toEqual({ contentType: 'text/html', bodyExcerpt: '<html>down</html>' });
  });
});

describe('meta', () => {
  it('counts the attempts and the time from the first request to the last answer', async () => {
    const h = harness();
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(503, 'busy', { headers: { 'content-type': 'text/plain' } });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const before = performance.now();
    const { meta } = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    const elapsed = performance.now() - before;
    expect(meta.attempts).toBe(2);
    expect(meta.durationMs).toBeGreaterThan(0);
    expect(meta.durationMs).toBeLessThanOrEqual(elapsed);
  });
});

describe('a 429 whose body is no problem document', () => {
  it('stands for the about:blank problem "Too Many Requests" (RFC 7807 §4.2), with the trace id and Retry-After', async () => {
    const h = harness({ retry: { maxAttempts: 1 } });
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(429, 'slow down', { headers: { ...TOKEN_HEADERS, 'content-type': 'text/plain', 'retry-after': '120' } });
    const err = await rejection(() => exchange(h));
    expect(err).toBeInstanceOf(RateLimitError);
    expect({ code: err.code, status: err.status, title: err.title, retryAfter: err.retryAfter, traceId: err.traceId, problem: err.problem, issues: err.issues }).toEqual({
      code: 'TL_RATE_LIMITED',
      status: 429,
      title: 'Too Many Requests',
      retryAfter: 120,
      traceId: TRACE_ID,
      problem: { type: 'about:blank', title: 'Too Many Requests', status: 429, trace_id: TRACE_ID },
      issues: [{ pointer: '', severity: 'error', keyword: 'status', message: 'HTTP 429 is not a documented answer of requestToken', expected: '200|400|500', actual: '429' }],
    });
  });

  it('has an empty trace_id when the answer carries none, and the findings of the accounts 429', async () => {
    const h = harness({ retry: { maxAttempts: 1 } });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(429, '', { headers: { 'retry-after': 'soon' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect({ problem: err.problem, retryAfter: err.retryAfter, issues: err.issues }).toEqual({
      problem: { type: 'about:blank', title: 'Too Many Requests', status: 429, trace_id: '' },
      retryAfter: undefined,
      issues: [
        { pointer: '', severity: 'error', keyword: 'contentType', message: 'content type must be application/json or application/problem+json', expected: 'application/json|application/problem+json', actual: 'none' },
        { pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'none' },
        { pointer: '/headers/retry-after', severity: 'error', keyword: 'type', message: 'response header Retry-After must be integer', expected: 'integer', actual: 'string' },
      ],
    });
  });

  it('keeps a problem document it does carry', async () => {
    const h = harness({ retry: { maxAttempts: 1 } });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: PROBLEM_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err.problem).toEqual(example('problem.rate-limit-exceeded'));
  });
});

describe('secrets of an accounts call', () => {
  it('redact the access token from an error also when the client has no client secret', async () => {
    const h = harness({ clientSecret: undefined });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(500, `<html>token ${ACCESS_TOKEN}</html>`, { headers: { 'content-type': 'text/html' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.bodyExcerpt).toBe('<html>token [REDACTED]</html>');
  });

  it('redact the access token from getAllIdentities\' own error, even in an echoed trace id', async () => {
    const h = harness();
    h.api.intercept({ path: (path) => path.startsWith(ACCOUNTS_PATH), method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: { ...JSON_HEADERS, 'tl-trace-id': `echo-${ACCESS_TOKEN}` } }).times(2);
    const err = await rejection(() => h.client.getAllIdentities({ accessToken: ACCESS_TOKEN, maxAccounts: 1 }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.traceId).toBe('echo-[REDACTED]');
  });
});

describe('getAllIdentities', () => {
  const PATH = '/signup-plus/accounts';

  it.each([0, -1])('follows no account with maxAccounts %i', async (maxAccounts) => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: JSON_HEADERS });
    expect(await h.client.getAllIdentities({ accessToken: ACCESS_TOKEN, maxAccounts })).toEqual([]);
    expect(h.calls()).toHaveLength(1);
  });

  it('names the account list a followed account_id answered, with its status and trace id', async () => {
    const h = harness();
    h.api.intercept({ path: (path) => path.startsWith(PATH), method: 'GET' }).reply(200, example('signup-plus-accounts.multiple-accounts'), { headers: JSON_HEADERS }).times(2);
    const err = await rejection(() => h.client.getAllIdentities({ accessToken: ACCESS_TOKEN, maxAccounts: 1 }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ code: err.code, status: err.status, traceId: err.traceId, issues: err.issues }).toEqual({
      code: 'TL_RESPONSE_INVALID',
      status: 200,
      traceId: TRACE_ID,
      issues: [{ pointer: '/result', severity: 'error', keyword: 'result', message: 'an answer for one account_id must be an identity, not another account list', expected: 'absent', actual: 'string' }],
    });
    expect(err.message).toBe(`GET /signup-plus/accounts: response does not match the spec (HTTP 200, trace id ${TRACE_ID}): /result an answer for one account_id must be an identity, not another account list`);
    expect(h.calls().map((c) => c.fullUrl.startsWith(`${API_ORIGIN}${PATH}`))).toEqual([true, true]);
  });
});
