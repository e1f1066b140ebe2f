// createClient's options checked up front: each wrong value is a ConfigurationError (TL_MISCONFIGURED) whose
// message names the option and what to pass, before any request is sent.
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, AUTH_CODE, JSON_HEADERS, NEW_ACCESS_TOKEN, REDIRECT_URI, REFRESH_TOKEN, TOKEN_HEADERS, example, harness, rejection } from './fixtures.ts';
import { ConfigurationError, createClient } from '../../src/index.ts';
import type { ClientOptions } from '../../src/index.ts';

const refusal = (make: () => unknown): ConfigurationError => {
  try {
    make();
  } catch (error) {
    return error as ConfigurationError;
  }
  throw new Error('expected createClient to refuse its options');
};

describe('createClient refuses', () => {
  it.each([
    ['tokenRequestBody other than form or json', { tokenRequestBody: 'xml' as 'json' }, `tokenRequestBody must be 'form' or 'json' (got "xml")`],
    ['an empty tokenRequestBody', { tokenRequestBody: '' as 'json' }, `tokenRequestBody must be 'form' or 'json' (got "")`],
    ['retry.maxAttempts of 0', { retry: { maxAttempts: 0 } }, 'retry.maxAttempts must be a whole number >= 1'],
    ['a fractional retry.maxAttempts', { retry: { maxAttempts: 1.5 } }, 'retry.maxAttempts must be a whole number >= 1'],
    ['a negative retry.maxAttempts', { retry: { maxAttempts: -1 } }, 'retry.maxAttempts must be a whole number >= 1'],
  ] as Array<[string, Partial<ClientOptions>, string]>)('%s, saying what to pass', (_name, options, message) => {
    const h = () => harness(options);
    const err = refusal(h);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect({ code: err.code, message: err.message }).toEqual({ code: 'TL_MISCONFIGURED', message });
  });

  it.each([
    ['a relative base URL', '/signup-plus', 'environment URL "/signup-plus" is not absolute; use SANDBOX, LIVE or customEnvironment()'],
    ['an empty base URL', '', 'environment URL "" is not absolute; use SANDBOX, LIVE or customEnvironment()'],
  ])('an environment built by hand with %s', (_name, url) => {
    const bad = { name: 'custom', authUrl: url, apiUrl: 'https://api.signup-plus.test' } as ClientOptions['environment'];
    const err = refusal(() => createClient({ environment: bad, clientId: 'x' }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toBe(`environment URL ${JSON.stringify(url)} is not absolute; use SANDBOX, LIVE or customEnvironment()`);
  });

  it('a token call without a client secret (empty counts as none), before any request', async () => {
    for (const clientSecret of [undefined, '']) {
      const h = harness({ clientSecret });
      for (const call of [() => h.client.refreshToken({ refreshToken: REFRESH_TOKEN }), () => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI })]) {
        const err = await rejection(call);
        expect(err).toBeInstanceOf(ConfigurationError);
        expect({ code: err.code, message: err.message }).toEqual({ code: 'TL_MISCONFIGURED', message: 'clientSecret is not set; pass it to createClient to call the token endpoint' });
      }
      expect(h.calls()).toHaveLength(0);
    }
  });
});

describe('createClient accepts', () => {
  it('an environment built by hand with trailing slashes, sending requests under its base path', async () => {
    const environment = { name: 'custom', authUrl: 'https://auth.signup-plus.test/tl//', apiUrl: 'https://api.signup-plus.test/tl/v1///' } as ClientOptions['environment'];
    const h = harness({ environment });
    h.api.intercept({ path: '/tl/v1/signup-plus/accounts', method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    h.auth.intercept({ path: '/tl/connect/token', method: 'POST' }).reply(200, { access_token: NEW_ACCESS_TOKEN, expires_in: 60, token_type: 'Bearer' }, { headers: TOKEN_HEADERS });
    expect((await h.client.getAccounts({ accessToken: ACCESS_TOKEN })).kind).toBe('identity');
    expect((await h.client.refreshToken({ refreshToken: REFRESH_TOKEN })).accessToken).toBe(NEW_ACCESS_TOKEN);
    expect(h.calls().map((c) => c.fullUrl)).toEqual(['https://api.signup-plus.test/tl/v1/signup-plus/accounts', 'https://auth.signup-plus.test/tl/connect/token']);
  });

  it.each([undefined, 'form', 'json'] as const)('tokenRequestBody %s', (tokenRequestBody) => {
    expect(() => harness({ tokenRequestBody })).not.toThrow();
  });

  it.each([1, 2, 10])('retry.maxAttempts %i', (maxAttempts) => {
    expect(() => harness({ retry: { maxAttempts } })).not.toThrow();
  });
});
