// The auth link: TrueLayer's auth host, path `/`, the documented query parameters, signupplus always in scope.
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, REDIRECT_URI, harness } from './fixtures.ts';
import { createHash } from 'node:crypto';
import { ConfigurationError, LIVE, SANDBOX, createClient, createPkcePair, pkceChallenge } from '../../src/index.ts';

const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('buildAuthLink', () => {
  it('builds the link on the auth host with every parameter given', () => {
    const { client } = harness();
    const link = client.buildAuthLink({
      redirectUri: REDIRECT_URI,
      scopes: ['info', 'accounts', 'offline_access'],
      state: 'state-123',
      nonce: 'nonce-456',
      providers: ['uk-ob-all', 'uk-oauth-all'],
      providerId: 'ob-monzo',
      responseMode: 'form_post',
    });
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://auth.signup-plus.test/');
    expect(query(link.url)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'info accounts offline_access signupplus',
      state: 'state-123',
      nonce: 'nonce-456',
      providers: 'uk-ob-all uk-oauth-all',
      provider_id: 'ob-monzo',
      response_mode: 'form_post',
    });
    expect(link.state).toBe('state-123');
  });

  it('defaults to signupplus offline_access and leaves out the optional parameters', () => {
    const { client } = harness();
    const link = client.buildAuthLink({ redirectUri: REDIRECT_URI });
    const q = query(link.url);
    expect(Object.keys(q).sort()).toEqual(['client_id', 'nonce', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(q.scope).toBe('signupplus offline_access');
  });

  it.each([
    [['info'], 'info signupplus'],
    [['signupplus', 'info'], 'signupplus info'],
    [[], 'signupplus'],
    [['info', 'info', ' accounts '], 'info accounts signupplus'],
  ])('scopes %j give scope %j (signupplus always, no duplicates)', (scopes, scope) => {
    const { client } = harness();
    expect(query(client.buildAuthLink({ redirectUri: REDIRECT_URI, scopes }).url).scope).toBe(scope);
  });

  it('makes a fresh random state and nonce for each link when none is given', () => {
    const { client } = harness();
    const links = Array.from({ length: 20 }, () => client.buildAuthLink({ redirectUri: REDIRECT_URI }));
    const states = new Set(links.map((l) => l.state));
    const nonces = new Set(links.map((l) => query(l.url).nonce));
    expect(states.size).toBe(20);
    expect(nonces.size).toBe(20);
    for (const link of links) {
      expect(link.state).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(query(link.url).state).toBe(link.state);
    }
  });

  it.each([
    [SANDBOX, 'https://auth.truelayer-sandbox.com/'],
    [LIVE, 'https://auth.truelayer.com/'],
  ])('uses the auth host of the %s environment', (environment, prefix) => {
    const client = createClient({ environment, clientId: CLIENT_ID });
    expect(client.buildAuthLink({ redirectUri: REDIRECT_URI }).url.startsWith(`${prefix}?response_type=code&`)).toBe(true);
  });

  it('refuses a redirect URI that is not an absolute URL, saying it must be registered in Console', () => {
    const { client } = harness();
    expect(() => client.buildAuthLink({ redirectUri: '/callback' })).toThrow(ConfigurationError);
    expect(() => client.buildAuthLink({ redirectUri: '/callback' })).toThrow('redirectUri must be an absolute URL registered in TrueLayer Console (got "/callback")');
  });

  it('refuses an empty client id, saying where to find it', () => {
    const client = createClient({ environment: SANDBOX, clientId: '' });
    expect(() => client.buildAuthLink({ redirectUri: REDIRECT_URI })).toThrow(ConfigurationError);
    expect(() => client.buildAuthLink({ redirectUri: REDIRECT_URI })).toThrow(/clientId is empty; pass the client id from TrueLayer Console/);
  });

  it('drops blank scopes instead of sending an empty one', () => {
    const { client } = harness();
    expect(query(client.buildAuthLink({ redirectUri: REDIRECT_URI, scopes: ['info', ' ', ''] }).url).scope).toBe('info signupplus');
  });

  it('leaves out providers when the list is empty', () => {
    const { client } = harness();
    expect(query(client.buildAuthLink({ redirectUri: REDIRECT_URI, providers: [] }).url)).not.toHaveProperty('providers');
  });
});

describe('PKCE (RFC 7636)', () => {
  it('createPkcePair gives a 43-character verifier and its S256 challenge', () => {
    const pair = createPkcePair();
    expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.codeChallenge).toBe(createHash('sha256').update(pair.codeVerifier).digest('base64url'));
    expect(pair.codeChallengeMethod).toBe('S256');
    expect(createPkcePair().codeVerifier).not.toBe(pair.codeVerifier);
  });

  it('pkceChallenge matches the S256 example of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it.each(['too-short', 'x'.repeat(42), 'x'.repeat(129), `${'x'.repeat(42)} `, `${'x'.repeat(43)}!`, `!${'x'.repeat(43)}`, `${'x'.repeat(21)}+${'x'.repeat(21)}`])(
    'pkceChallenge refuses the verifier %j, pointing to createPkcePair',
    (verifier) => {
      expect(() => pkceChallenge(verifier)).toThrow(ConfigurationError);
      expect(() => pkceChallenge(verifier)).toThrow(/codeVerifier must be 43 to 128 characters .*; use createPkcePair\(\)/);
    },
  );

  it.each([
    ['43 characters', 'a'.repeat(43)],
    ['128 characters', 'Z'.repeat(128)],
    ['every unreserved character (RFC 7636 §4.1)', `AZaz09-._~${'m'.repeat(33)}`],
  ])('pkceChallenge accepts a verifier of %s', (_name, verifier) => {
    expect(pkceChallenge(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('buildAuthLink adds code_challenge and code_challenge_method=S256', () => {
    const { client } = harness();
    const { codeChallenge } = createPkcePair();
    const q = query(client.buildAuthLink({ redirectUri: REDIRECT_URI, codeChallenge }).url);
    expect({ code_challenge: q.code_challenge, code_challenge_method: q.code_challenge_method }).toEqual({ code_challenge: codeChallenge, code_challenge_method: 'S256' });
  });

  it.each(['plain-verifier', 'E'.repeat(42), 'E'.repeat(44), `${'E'.repeat(42)}=`, `+${'E'.repeat(42)}`, ''])(
    'buildAuthLink refuses a challenge that is not S256-shaped: %j',
    (codeChallenge) => {
      const { client } = harness();
      expect(() => client.buildAuthLink({ redirectUri: REDIRECT_URI, codeChallenge })).toThrow(ConfigurationError);
      expect(() => client.buildAuthLink({ redirectUri: REDIRECT_URI, codeChallenge })).toThrow(/codeChallenge must be an S256 challenge .*createPkcePair\(\)/);
    },
  );
});
