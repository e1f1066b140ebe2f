// The documented response headers (Tl-Trace-Id on Signup+ answers, X-Tl-Correlation-Id and Cache-Control: no-store
// on token answers, Retry-After on a 429) checked against the spec. TrueLayer documents none of them for these
// calls, so all are optional: a missing one is no finding, a wrong value is. Findings land in meta.issues or on
// the typed error's `issues`, with `/headers/<name>` pointers, and never make an otherwise good answer fail.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN, AUTH_CODE, CLIENT_SECRET, JSON_HEADERS, PROBLEM_HEADERS, REDIRECT_URI, TOKEN_HEADERS, TRACE_ID,
  example, harness, rejection, ACCOUNTS_PATH, TOKEN_BODY, TOKEN_PATH,
} from './fixtures.ts';
import type { Harness } from './fixtures.ts';
import { OAuthError, ProblemError, RateLimitError, REDACTED } from '../../src/index.ts';
import type { ResponseMeta, ValidationIssue } from '../../src/index.ts';

const without = (headers: Record<string, string>, name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));

const NOT_NO_STORE: ValidationIssue = {
  pointer: '/headers/cache-control', severity: 'error', keyword: 'pattern', message: 'response header Cache-Control must match pattern "(^|,)\\s*no-store\\s*(,|$)"', expected: '(^|,)\\s*no-store\\s*(,|$)', actual: 'string',
};

/** An answer that the client returns (2xx): its headers' findings are in meta.issues. */
const returned: Array<{ answer: string; reply: (h: Harness) => void; call: (h: Harness) => Promise<{ meta: ResponseMeta }>; issues: ValidationIssue[] }> = [
  {
    answer: 'an identity without Tl-Trace-Id (optional: not documented for this call)',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: { 'content-type': 'application/json' } }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    issues: [],
  },
  {
    answer: 'an identity with an empty Tl-Trace-Id',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: { ...JSON_HEADERS, 'tl-trace-id': '' } }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    issues: [{ pointer: '/headers/tl-trace-id', severity: 'error', keyword: 'minLength', message: 'response header Tl-Trace-Id must NOT have fewer than 1 characters', actual: 'string' }],
  },
  {
    answer: 'a token answer without Cache-Control (optional: TrueLayer documents none)',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers: without(TOKEN_HEADERS, 'cache-control') }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    issues: [],
  },
  {
    answer: 'a token answer with an empty X-Tl-Correlation-Id',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers: { ...TOKEN_HEADERS, 'x-tl-correlation-id': '' } }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    issues: [{ pointer: '/headers/x-tl-correlation-id', severity: 'error', keyword: 'minLength', message: 'response header X-Tl-Correlation-Id must NOT have fewer than 1 characters', actual: 'string' }],
  },
  {
    answer: 'a token answer whose Cache-Control lists no-store among other directives',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers: { ...TOKEN_HEADERS, 'cache-control': 'no-cache, no-store, must-revalidate' } }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    issues: [],
  },
  {
    answer: 'a token answer with Cache-Control: no-cache',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers: { ...TOKEN_HEADERS, 'cache-control': 'no-cache' } }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    issues: [NOT_NO_STORE],
  },
  {
    answer: 'a token answer with neither header, and an extra field',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, { ...TOKEN_BODY, id_token: 'x.y.z' }, { headers: { 'content-type': 'application/json' } }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    issues: [{ pointer: '/id_token', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' }],
  },
  {
    answer: 'an identity with the documented headers',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    issues: [],
  },
  {
    answer: 'a token answer with the documented headers',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers: TOKEN_HEADERS }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    issues: [],
  },
];

describe('documented headers of an answer the client returns', () => {
  it.each(returned)('$answer: returned, with exactly these findings in meta.issues', async ({ reply, call, issues }) => {
    const h = harness();
    reply(h);
    const { meta } = await call(h);
    expect(meta.issues).toEqual(issues);
    // Header findings are not warnings: meta.warnings keeps only the warning-severity findings.
    expect(meta.warnings).toEqual(issues.filter((i) => i.severity === 'warning'));
  });

  it.each(returned)('$answer: no findings when validation is off', async ({ reply, call }) => {
    const h = harness({ validateResponses: false });
    reply(h);
    const { meta } = await call(h);
    expect({ issues: meta.issues, warnings: meta.warnings }).toEqual({ issues: [], warnings: [] });
  });
});

/** An error answer: the findings ride on the typed error's `issues`. */
const refused: Array<{ answer: string; reply: (h: Harness) => void; call: (h: Harness) => Promise<unknown>; type: abstract new (...args: never[]) => Error; issues: ValidationIssue[] }> = [
  {
    answer: 'a 429 without Retry-After (optional: TrueLayer documents none)',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: PROBLEM_HEADERS }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    type: RateLimitError,
    issues: [],
  },
  {
    answer: 'a 429 with Retry-After as an HTTP-date',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': 'Wed, 21 Oct 2037 07:28:00 GMT' } }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    type: RateLimitError,
    issues: [{ pointer: '/headers/retry-after', severity: 'error', keyword: 'type', message: 'response header Retry-After must be integer', expected: 'integer', actual: 'string' }],
  },
  {
    answer: 'a 429 with a negative Retry-After',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': '-5' } }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    type: RateLimitError,
    issues: [{ pointer: '/headers/retry-after', severity: 'error', keyword: 'minimum', message: 'response header Retry-After must be >= 0', actual: 'integer' }],
  },
  {
    answer: 'a 429 with the documented headers',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': '30' } }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    type: RateLimitError,
    issues: [],
  },
  {
    answer: 'a 404 problem without Tl-Trace-Id',
    reply: (h) => h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(404, example('problem.account-not-found'), { headers: { 'content-type': 'application/problem+json' } }),
    call: (h) => h.client.getAccounts({ accessToken: ACCESS_TOKEN }),
    type: ProblemError,
    issues: [],
  },
  {
    answer: 'an invalid_grant without Cache-Control (optional on token errors)',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, example('oauth-error.invalid-grant'), { headers: without(TOKEN_HEADERS, 'cache-control') }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    type: OAuthError,
    issues: [],
  },
  {
    answer: 'an invalid_client with Cache-Control: no-cache',
    reply: (h) => h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, example('oauth-error.invalid-client'), { headers: { ...TOKEN_HEADERS, 'cache-control': 'no-cache' } }),
    call: (h) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    type: OAuthError,
    issues: [NOT_NO_STORE],
  },
];

describe('documented headers of an error answer', () => {
  it.each(refused)('$answer: the typed error carries exactly these issues', async ({ reply, call, type, issues }) => {
    const h = harness({ retry: { maxAttempts: 1 } });
    reply(h);
    const err = await rejection(() => call(h));
    expect(err).toBeInstanceOf(type);
    expect(err.issues).toEqual(issues);
    expect(err.toJSON().issues).toEqual(issues.length ? issues : undefined);
  });
});

describe('meta.headers', () => {
  it('holds the answer headers by lower-cased name, with credential-like headers and known secrets redacted', async () => {
    const h = harness();
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), {
      headers: { ...JSON_HEADERS, 'Set-Cookie': `session=${ACCESS_TOKEN}`, 'X-Echo': `you sent ${ACCESS_TOKEN}`, 'X-Request-Cost': '3' },
    });
    const { meta } = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(meta.headers).toEqual({
      'content-type': 'application/json',
      'tl-trace-id': TRACE_ID,
      'set-cookie': REDACTED,
      'x-echo': `you sent ${REDACTED}`,
      'x-request-cost': '3',
    });
    expect(JSON.stringify(meta)).not.toContain(ACCESS_TOKEN);
  });
});

/** Token error bodies that drift from the spec's OAuthError: still an OAuthError, with the drift as issues. */
describe('OAuth error bodies against the spec', () => {
  it.each([
    {
      drift: 'an undocumented field',
      status: 400,
      body: { ...example('oauth-error.invalid-grant'), error_uri: 'https://docs.truelayer.com/errors#invalid_grant' },
      error: 'invalid_grant',
      issues: [{ pointer: '/error_uri', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' }],
    },
    {
      drift: 'an error code TrueLayer does not list (the set is open: not drift)',
      status: 400,
      body: { error: 'access_denied', error_description: 'The user denied access.' },
      error: 'access_denied',
      issues: [],
    },
    {
      drift: 'the 401 RFC 6749 allows for invalid_client (TrueLayer documents 400)',
      status: 401,
      body: example('oauth-error.invalid-client'),
      error: 'invalid_client',
      issues: [{ pointer: '', severity: 'error', keyword: 'status', message: 'HTTP 401 is not a documented answer of requestToken', expected: '200|400|500', actual: '401' }],
    },
    {
      drift: 'error_description of the wrong type',
      status: 400,
      body: { error: 'invalid_client', error_description: 401 },
      error: 'invalid_client',
      issues: [{ pointer: '/error_description', severity: 'error', keyword: 'type', message: 'must be string', expected: 'string', actual: 'integer' }],
    },
    {
      drift: 'a field named after the client secret (redacted in the pointer)',
      status: 400,
      body: { error: 'invalid_client', [CLIENT_SECRET]: 'echoed' },
      error: 'invalid_client',
      issues: [{ pointer: `/${REDACTED}`, severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' }],
    },
    { drift: 'nothing (the published example)', status: 400, body: example('oauth-error.invalid-request'), error: 'invalid_request', issues: [] },
  ])('a $status with $drift is an OAuthError whose issues name it', async ({ status, body, error, issues }) => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(status, body, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(OAuthError);
    expect({ code: err.code, status: err.status, error: err.error, issues: err.issues }).toEqual({ code: 'TL_OAUTH_ERROR', status, error, issues });
    expect(JSON.stringify(err)).not.toContain(CLIENT_SECRET);
  });

  it('reports an OAuth body sent with the wrong media type on the OAuthError', async () => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, JSON.stringify(example('oauth-error.invalid-grant')), { headers: { ...TOKEN_HEADERS, 'content-type': 'text/plain' } });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(OAuthError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'contentType', message: 'content type must be application/json', expected: 'application/json', actual: 'text/plain' }]);
  });

  it('attaches no issues with validation off', async () => {
    const h = harness({ validateResponses: false });
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, { error: 'access_denied', error_uri: 'x' }, { headers: { 'content-type': 'application/json' } });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(OAuthError);
    expect(err.issues).toEqual([]);
  });

  it('gives a problem body with an undocumented field the same treatment on the ProblemError', async () => {
    const h = harness();
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(403, { ...example('problem.forbidden'), reason: 'consent_expired' }, { headers: PROBLEM_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.issues).toEqual([{ pointer: '/reason', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' }]);
  });
});

describe('the trace id of an answer', () => {
  it.each([
    ['a token answer, from X-Tl-Correlation-Id (the auth host)', { 'content-type': 'application/json', 'x-tl-correlation-id': TRACE_ID }],
    ['a token answer, from Tl-Trace-Id when a server sends that instead', { 'content-type': 'application/json', 'tl-trace-id': TRACE_ID }],
  ])('of %s', async (_what, headers) => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, TOKEN_BODY, { headers });
    expect((await h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI })).meta.traceId).toBe(TRACE_ID);
  });

  it('of a token refusal comes from X-Tl-Correlation-Id', async () => {
    const h = harness();
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, example('oauth-error.invalid-authorization-code'), { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(OAuthError);
    expect({ traceId: err.traceId, error: err.error, issues: err.issues }).toEqual({ traceId: TRACE_ID, error: 'invalid_authorization_code', issues: [] });
  });

  it('of a Signup+ answer comes from Tl-Trace-Id', async () => {
    const h = harness();
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    expect((await h.client.getAccounts({ accessToken: ACCESS_TOKEN })).meta.traceId).toBe(TRACE_ID);
  });
});
