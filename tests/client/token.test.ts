// The token endpoint through the real client on a MockAgent: form bodies, TokenSet, OAuth errors, retries.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AUTH_CODE, CLIENT_ID, CLIENT_SECRET, NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN, REDIRECT_URI, REFRESH_TOKEN, TOKEN_HEADERS, TRACE_ID,
  example, harness, rejection,
} from './fixtures.ts';
import pkg from '../../package.json' with { type: 'json' };
import { ConfigurationError, createPkcePair, NetworkError, OAuthError, RateLimitError, ResponseValidationError } from '../../src/index.ts';

const tokenBody = { access_token: NEW_ACCESS_TOKEN, expires_in: 3600, token_type: 'Bearer', refresh_token: NEW_REFRESH_TOKEN, scope: 'info accounts signupplus offline_access' };
const NOW = new Date('2025-03-04T05:06:07.000Z');

afterEach(() => {
  vi.useRealTimers();
});

const grants = [
  {
    grant: 'authorization_code',
    call: (h: ReturnType<typeof harness>) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }),
    form: { grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: REDIRECT_URI, code: AUTH_CODE },
  },
  {
    grant: 'refresh_token',
    call: (h: ReturnType<typeof harness>) => h.client.refreshToken({ refreshToken: REFRESH_TOKEN }),
    form: { grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN },
  },
];

describe.each(grants)('the $grant grant', ({ call, form }) => {
  it('posts exactly the documented form fields, form-urlencoded, with the harness User-Agent', async () => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
    await call(h);
    const [sent] = h.calls();
    expect(h.calls()).toHaveLength(1);
    expect(sent!.method).toBe('POST');
    expect(sent!.path).toBe('/connect/token');
    expect(sent!.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': `signup-plus-harness/${pkg.version}`,
    });
    expect(Object.fromEntries(new URLSearchParams(String(sent!.body)))).toEqual(form);
  });

  it('with tokenRequestBody json, posts the same fields as a JSON object', async () => {
    const h = harness({ tokenRequestBody: 'json' });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
    expect((await call(h)).accessToken).toBe(NEW_ACCESS_TOKEN);
    const [sent] = h.calls();
    expect(sent!.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(JSON.parse(String(sent!.body))).toEqual(form);
  });

  it('returns a TokenSet with an absolute expiry computed from expires_in', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
    const tokens = await call(h);
    expect(tokens).toEqual({
      accessToken: NEW_ACCESS_TOKEN,
      tokenType: 'Bearer',
      expiresIn: 3600,
      expiresAt: new Date(NOW.getTime() + 3600_000),
      refreshToken: NEW_REFRESH_TOKEN,
      scope: ['info', 'accounts', 'signupplus', 'offline_access'],
      meta: { status: 200, traceId: TRACE_ID, durationMs: expect.any(Number), attempts: 1, issues: [], warnings: [], headers: TOKEN_HEADERS },
    });
  });

  it('leaves refreshToken and scope out when the answer has none (no offline_access)', async () => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, { access_token: NEW_ACCESS_TOKEN, expires_in: 60, token_type: 'Bearer' }, { headers: TOKEN_HEADERS });
    const tokens = await call(h);
    expect(Object.keys(tokens).sort()).toEqual(['accessToken', 'expiresAt', 'expiresIn', 'meta', 'tokenType']);
  });

  it.each([
    [400, 'oauth-error.invalid-grant', 'invalid_grant'],
    [400, 'oauth-error.invalid-request', 'invalid_request'],
    [400, 'oauth-error.unsupported-grant-type', 'unsupported_grant_type'],
    [400, 'oauth-error.invalid-scope', 'invalid_scope'],
    [400, 'oauth-error.invalid-client', 'invalid_client'],
    [400, 'oauth-error.invalid-authorization-code', 'invalid_authorization_code'],
    [500, 'oauth-error.server-error', 'server_error'],
  ])('turns HTTP %i %s into an OAuthError with error %s', async (status, name, error) => {
    const h = harness();
    const body = example<{ error: string; error_description: string }>(name);
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(status, body, { headers: TOKEN_HEADERS });
    const err = await rejection(() => call(h));
    expect(err).toBeInstanceOf(OAuthError);
    expect({ code: err.code, status: err.status, error: err.error, errorDescription: err.errorDescription, traceId: err.traceId }).toEqual({
      code: 'TL_OAUTH_ERROR',
      status,
      error,
      errorDescription: body.error_description,
      traceId: TRACE_ID,
    });
    expect(h.calls()).toHaveLength(1);
  });

  it('retries on 429 and returns the tokens of the next answer', async () => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...TOKEN_HEADERS, 'retry-after': '0' } });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
    const tokens = await call(h);
    expect(tokens.accessToken).toBe(NEW_ACCESS_TOKEN);
    expect(tokens.meta.attempts).toBe(2);
    expect(h.calls()).toHaveLength(2);
  });

  it.each([
    ['gives up after maxAttempts (3) answers of 429 with a RateLimitError carrying Retry-After', '0', 0, 3],
    ['does not retry a 429 whose Retry-After is longer than maxDelayMs (5 ms here)', '7', 7, 1],
  ])('%s', async (_name, header, retryAfter, calls) => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(429, example('problem.rate-limit-exceeded'), { headers: { ...TOKEN_HEADERS, 'retry-after': header } }).times(3);
    const err = await rejection(() => call(h));
    expect(err).toBeInstanceOf(RateLimitError);
    expect({ code: err.code, status: err.status, retryAfter: err.retryAfter, title: err.title }).toEqual({ code: 'TL_RATE_LIMITED', status: 429, retryAfter, title: 'Rate Limit Exceeded' });
    expect(h.calls()).toHaveLength(calls);
  });

  it.each([500, 502, 503, 504])('never retries HTTP %i (the code may already be spent)', async (status) => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(status, '{"error":"server_error"}', { headers: TOKEN_HEADERS });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
    const err = await rejection(() => call(h));
    // An OAuth-shaped body is the server's refusal whatever the status; only the documented 500 is not drift.
    expect(err).toBeInstanceOf(OAuthError);
    expect({ status: err.status, error: err.error }).toEqual({ status, error: 'server_error' });
    expect(err.issues).toEqual(
      status === 500 ? [] : [{ pointer: '', severity: 'error', keyword: 'status', message: `HTTP ${status} is not a documented answer of requestToken`, expected: '200|400|500', actual: String(status) }],
    );
    expect(h.calls()).toHaveLength(1);
  });

  it('never retries a reset connection', async () => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
    const err = await rejection(() => call(h));
    expect(err).toBeInstanceOf(NetworkError);
    expect({ code: err.code, reason: err.reason }).toEqual({ code: 'TL_NETWORK', reason: 'reset' });
    expect(h.calls()).toHaveLength(1);
  });
});

describe('token answers that do not match the spec', () => {
  it.each([
    ['expires_in as a string', { ...tokenBody, expires_in: '3600' }, [{ pointer: '/expires_in', severity: 'error', keyword: 'type', message: 'must be integer', expected: 'integer', actual: 'string' }]],
    ['token_type other than Bearer', { ...tokenBody, token_type: 'MAC' }, [{ pointer: '/token_type', severity: 'error', keyword: 'const', message: 'must be equal to constant', expected: '"Bearer"', actual: 'string' }]],
    ['no access_token', { expires_in: 3600, token_type: 'Bearer' }, [{ pointer: '/access_token', severity: 'error', keyword: 'required', message: 'is required but missing', expected: 'present', actual: 'missing' }]],
  ])('rejects %s with a ResponseValidationError naming the field', async (_name, body, issues) => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, body, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ code: err.code, status: err.status, traceId: err.traceId, issues: err.issues }).toEqual({ code: 'TL_RESPONSE_INVALID', status: 200, traceId: TRACE_ID, issues });
  });

  it('reports an extra field as a warning in meta.warnings and still returns the tokens', async () => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, { ...tokenBody, id_token: 'x.y.z' }, { headers: TOKEN_HEADERS });
    const tokens = await h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI });
    expect(tokens.meta.warnings).toEqual([{ pointer: '/id_token', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' }]);
  });

  it('does not call the token endpoint without a client secret', async () => {
    const h = harness({ clientSecret: undefined });
    const err = await rejection(() => h.client.refreshToken({ refreshToken: REFRESH_TOKEN }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.code).toBe('TL_MISCONFIGURED');
    expect(h.calls()).toHaveLength(0);
  });
});

describe('PKCE on the code exchange', () => {
  it('sends the code_verifier with the code, in either encoding', async () => {
    const { codeVerifier } = createPkcePair();
    for (const tokenRequestBody of ['form', 'json'] as const) {
      const h = harness({ tokenRequestBody });
      h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenBody, { headers: TOKEN_HEADERS });
      await h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI, codeVerifier });
      const body = String(h.calls()[0]!.body);
      const sent = tokenRequestBody === 'json' ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body));
      expect(sent).toEqual({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: REDIRECT_URI, code: AUTH_CODE, code_verifier: codeVerifier });
    }
  });

  it('keeps the code_verifier out of errors', async () => {
    const { codeVerifier } = createPkcePair();
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(400, { error: 'invalid_grant', error_description: `verifier ${codeVerifier} does not match` }, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI, codeVerifier }));
    expect(err).toBeInstanceOf(OAuthError);
    expect(JSON.stringify(err)).not.toContain(codeVerifier);
    expect(err.message).not.toContain(codeVerifier);
  });
});

describe('tokenRequestBody', () => {
  it('refuses a value other than form or json', () => {
    expect(() => harness({ tokenRequestBody: 'xml' as 'json' })).toThrow(ConfigurationError);
  });
});

describe('OAuthError messages say what to do next', () => {
  it.each([
    ['invalid_authorization_code', 'exchange a code at once'],
    ['invalid_client', 'not as HTTP Basic'],
    ['unauthorized_client', 'allowed redirect URIs'],
    ['server_error', 'try again later'],
  ])('for %s', async (error, advice) => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(error === 'server_error' ? 500 : 400, { error }, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(OAuthError);
    expect(err.message).toContain(advice);
  });
});
