// Every kind of error the client throws, serialised every way a caller might log it, holds none of the
// request's secrets, even when the server echoes them back in its error body.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN, ALL_SECRETS, AUTH_CODE, CLIENT_SECRET, JSON_HEADERS, NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN, PROBLEM_HEADERS, REDIRECT_URI, REFRESH_TOKEN, TOKEN_HEADERS, TRACE_ID,
  example, harness, rejection,
} from './fixtures.ts';
import {
  AbortedError, NetworkError, OAuthError, ProblemError, RateLimitError, ResponseValidationError, SignupPlusError, TimeoutError,
} from '../../src/index.ts';
import type { Harness } from './fixtures.ts';

/** What a careless server might echo: the request's own secrets, plain, URL-encoded and in credential shapes. */
const echo = (secrets: string[]) =>
  `${secrets.join(' ')}; form client_secret=${encodeURIComponent(secrets[0]!)}&code=${secrets.at(-1)}; json {"token":"${secrets.at(-1)}"}; header Authorization: Bearer ${secrets.at(-1)}`;
const CODE_CALL = [CLIENT_SECRET, AUTH_CODE];
const REFRESH_CALL = [CLIENT_SECRET, REFRESH_TOKEN];
const ACCOUNTS_CALL = [ACCESS_TOKEN];
const exchange = (h: Harness) => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI });
const refresh = (h: Harness) => h.client.refreshToken({ refreshToken: REFRESH_TOKEN });
const accounts = (h: Harness, signal?: AbortSignal) => h.client.getAccounts({ accessToken: ACCESS_TOKEN, ...(signal ? { signal } : {}) });

const cases: Array<[string, abstract new (...args: never[]) => SignupPlusError, string[], (h: Harness) => Promise<unknown>]> = [
  ['OAuthError echoing the form in error_description', OAuthError, CODE_CALL, (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(400, { error: 'invalid_grant', error_description: echo(CODE_CALL) }, { headers: TOKEN_HEADERS });
    return exchange(h);
  }],
  ['OAuthError for a refresh token echoed in a non-standard error code', OAuthError, REFRESH_CALL, (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(401, { error: `bad_${REFRESH_TOKEN}`, error_description: echo(REFRESH_CALL), error_details: { client_secret: CLIENT_SECRET } }, { headers: TOKEN_HEADERS });
    return refresh(h);
  }],
  ['ProblemError echoing the token in detail, instance and field errors', ProblemError, ACCOUNTS_CALL, (h) => {
    h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).reply(401, {
      ...example('problem.unauthorized'), detail: echo(ACCOUNTS_CALL), instance: `/signup-plus/accounts?access_token=${ACCESS_TOKEN}`, errors: { authorization: [`Bearer ${ACCESS_TOKEN}`], [ACCESS_TOKEN]: ['unknown'] },
    }, { headers: PROBLEM_HEADERS });
    return accounts(h);
  }],
  ['RateLimitError echoing the token', RateLimitError, ACCOUNTS_CALL, (h) => {
    h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).reply(429, { ...example('problem.rate-limit-exceeded'), detail: echo(ACCOUNTS_CALL) }, { headers: { ...PROBLEM_HEADERS, 'retry-after': '0' } }).times(3);
    return accounts(h);
  }],
  ['RateLimitError on the token endpoint with a plain-text echo', RateLimitError, CODE_CALL, (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(429, echo(CODE_CALL), { headers: { 'content-type': 'text/plain', 'retry-after': '0' } }).times(3);
    return exchange(h);
  }],
  ['ResponseValidationError for an HTML 500 page echoing the token', ResponseValidationError, ACCOUNTS_CALL, (h) => {
    h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).reply(500, `<html><pre>${echo(ACCOUNTS_CALL)}</pre></html>`, { headers: { 'content-type': 'text/html' } });
    return accounts(h);
  }],
  ['ResponseValidationError for a token 500 echoing the form', ResponseValidationError, CODE_CALL, (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(500, `grant_type=authorization_code&client_secret=${CLIENT_SECRET}&code=${encodeURIComponent(AUTH_CODE)}`, { headers: { 'content-type': 'text/plain' } });
    return exchange(h);
  }],
  ['ResponseValidationError for a malformed token answer holding new tokens', ResponseValidationError, [...CODE_CALL, NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN], (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, { access_token: NEW_ACCESS_TOKEN, refresh_token: NEW_REFRESH_TOKEN, expires_in: 'soon', token_type: 'Bearer', [CLIENT_SECRET]: true }, { headers: TOKEN_HEADERS });
    return exchange(h);
  }],
  ['ResponseValidationError for a non-JSON token answer holding new tokens', ResponseValidationError, [...CODE_CALL, NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN], (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, `access_token=${NEW_ACCESS_TOKEN}&refresh_token=${NEW_REFRESH_TOKEN}&expires_in=3600`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return exchange(h);
  }],
  ['NetworkError whose cause names the token', NetworkError, ACCOUNTS_CALL, (h) => {
    h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).replyWithError(Object.assign(new Error(`connect ECONNREFUSED while sending ${ACCESS_TOKEN}`), { code: 'ECONNREFUSED' }));
    return accounts(h);
  }],
  ['NetworkError on the token endpoint whose cause echoes the form', NetworkError, CODE_CALL, (h) => {
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).replyWithError(Object.assign(new Error(`socket hang up after ${echo(CODE_CALL)}`, { cause: new Error(echo(CODE_CALL)) }), { code: 'ECONNRESET' }));
    return exchange(h);
  }],
  // undici-style errors can carry the request itself as properties (body, headers, socket details): only the
  // cause's name, code and redacted message survive, so not even a secret the call does not know leaks.
  ['NetworkError whose cause carries the request body and headers as properties', NetworkError, CODE_CALL, (h) => {
    const cause = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      body: `grant_type=authorization_code&client_secret=${CLIENT_SECRET}&code=${AUTH_CODE}`,
      headers: { authorization: `Bearer ${NEW_ACCESS_TOKEN}` },
      socket: { localAddress: '127.0.0.1', note: NEW_REFRESH_TOKEN },
    });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).replyWithError(Object.assign(new Error('fetch failed', { cause }), { code: 'UND_ERR_SOCKET', request: { body: NEW_REFRESH_TOKEN } }));
    return exchange(h);
  }],
  ['TimeoutError', TimeoutError, ACCOUNTS_CALL, (h) => {
    h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS }).delay(1_000);
    return h.client.getAccounts({ accessToken: ACCESS_TOKEN, timeouts: { connectMs: 1, headersMs: 10 } });
  }],
  ['AbortedError whose reason names the token', AbortedError, ACCOUNTS_CALL, (h) => {
    h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS }).delay(1_000);
    return accounts(h, AbortSignal.abort(new Error(`cancelled request with ${ACCESS_TOKEN}`)));
  }],
];

describe('errors never carry a secret of the request', () => {
  it.each(cases)('%s', async (_name, kind, secrets, provoke) => {
    const err = await rejection(() => provoke(harness()));
    expect(err).toBeInstanceOf(kind);
    const serialised = {
      message: err.message,
      string: String(err),
      json: JSON.stringify(err),
      inspect: inspect(err, { depth: 20, showHidden: true }),
      stack: String(err.stack),
    };
    for (const [how, text] of Object.entries(serialised)) {
      for (const secret of [...secrets, ...ALL_SECRETS]) expect(text.includes(secret), `${how} holds ${secret}`).toBe(false);
      // Not even part of one (every fake secret carries this marker).
      expect(text.includes('c0ffee'), `${how} holds part of a secret: ${text}`).toBe(false);
    }
    // The JSON form keeps the stable code, so logs stay useful.
    expect(JSON.parse(serialised.json).code).toBe(err.code);
  });

  it('keeps the useful, non-secret parts of an echoed error', async () => {
    const h = harness();
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(400, { error: 'invalid_grant', error_description: `code ${AUTH_CODE} was already used` }, { headers: TOKEN_HEADERS });
    const err = await rejection(() => exchange(h));
    expect(err.errorDescription).toBe('code [REDACTED] was already used');
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'OAuthError',
      code: 'TL_OAUTH_ERROR',
      message: 'token request refused: invalid_grant (code [REDACTED] was already used) (HTTP 400, trace id 7d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a); the refresh token (or code) is invalid, expired or revoked, or redirect_uri differs from the auth link; reconnect the user',
      status: 400,
      traceId: '7d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a',
      error: 'invalid_grant',
      errorDescription: 'code [REDACTED] was already used',
    });
  });
});

describe('redacted causes', () => {
  it('keep each cause\'s name, code and message, and none of its other properties', async () => {
    const h = harness();
    const inner = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', body: `client_secret=${CLIENT_SECRET}` });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).replyWithError(Object.assign(new TypeError('fetch failed', { cause: inner }), { code: 'UND_ERR_SOCKET', headers: { authorization: 'Bearer x' } }));
    const err = await rejection(() => exchange(h));
    expect(err).toBeInstanceOf(NetworkError);
    expect(Object.keys(err.cause)).toEqual(['code']);
    expect({ name: err.cause.name, code: err.cause.code, message: err.cause.message }).toEqual({ name: 'TypeError', code: 'UND_ERR_SOCKET', message: 'fetch failed' });
    expect({ name: err.cause.cause.name, code: err.cause.cause.code, message: err.cause.cause.message, keys: Object.keys(err.cause.cause) })
      .toEqual({ name: 'Error', code: 'UND_ERR_SOCKET', message: 'other side closed', keys: ['code'] });
    expect(JSON.parse(JSON.stringify(err)).cause).toEqual({ name: 'TypeError', message: 'fetch failed', code: 'UND_ERR_SOCKET' });
  });
});

describe('answers never carry a secret in meta.headers', () => {
  // Realistic secrets: random, with nothing in them ("token", "secret", "code", "eyJ") that a pattern could key
  // on. Only redaction by value can catch these.
  const random = () => randomBytes(24).toString('base64url');
  const [clientSecret, code, oldRefresh, newAccess, newRefresh] = [random(), random(), random(), random(), random()];
  const echoHeaders = (values: string[]) => ({
    'x-echo-plain': values.join(' '),
    'x-echo-encoded': values.map(encodeURIComponent).join(','),
    'x-echo-list': values,
    link: `<https://auth.example.test/next?state=${values[0]}>; rel="next"`,
  });
  const client = () => harness({ clientSecret });
  const tokenAnswer = { access_token: newAccess, refresh_token: newRefresh, expires_in: 3600, token_type: 'Bearer' };

  it.each([
    ['exchangeCode echoing the code, the client secret and both new tokens', (h: Harness) => {
      h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenAnswer, { headers: { ...TOKEN_HEADERS, ...echoHeaders([code, clientSecret, newAccess, newRefresh]) } });
      return h.client.exchangeCode({ code, redirectUri: REDIRECT_URI });
    }],
    ['refreshToken echoing the refresh token it was given and the new pair', (h: Harness) => {
      h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, tokenAnswer, { headers: { ...TOKEN_HEADERS, ...echoHeaders([oldRefresh, newRefresh, newAccess, clientSecret]) } });
      return h.client.refreshToken({ refreshToken: oldRefresh });
    }],
    ['getAccounts echoing the access token and the client secret', (h: Harness) => {
      h.api.intercept({ path: '/signup-plus/accounts', method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: { ...JSON_HEADERS, ...echoHeaders([newAccess, clientSecret]) } });
      return h.client.getAccounts({ accessToken: newAccess });
    }],
  ])('%s', async (_name, provoke) => {
    const result = (await provoke(client())) as { meta: { headers: Record<string, string> } };
    const shown = JSON.stringify(result.meta.headers);
    for (const secret of [clientSecret, code, oldRefresh, newAccess, newRefresh]) {
      expect(shown.includes(secret), `meta.headers holds ${secret}: ${shown}`).toBe(false);
      expect(shown.includes(encodeURIComponent(secret))).toBe(false);
    }
    // The header is kept, its secret replaced: the rest of the value is still there to read.
    expect(result.meta.headers['x-echo-plain']).toMatch(/^\[REDACTED\]( \[REDACTED\])+$/);
    expect(result.meta.headers.link).toBe('<https://auth.example.test/next?state=[REDACTED]>; rel="next"');
    // The id headers (Tl-Trace-Id on the API, X-Tl-Correlation-Id on the auth host) stay readable.
    expect(result.meta.headers['tl-trace-id'] ?? result.meta.headers['x-tl-correlation-id']).toBe(TRACE_ID);
  });
});
