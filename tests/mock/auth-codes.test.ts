// Minted authorization codes: single use, 5-minute life on an injected clock, bound to client, redirect URI and PKCE.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_TTL_MS, createAuthCodeStore, isMintedCode, s256 } from '../../mocks/auth-codes.ts';

const REDIRECT = 'https://app.example/callback';
const SCOPES = ['signupplus', 'offline_access'];
const verifier = randomBytes(32).toString('base64url');

function storeAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, store: createAuthCodeStore(() => clock.now) };
}

describe('minted authorization codes', () => {
  it('are unguessable, recognisable as minted, and spent by the first exchange', () => {
    const { store } = storeAt();
    const code = store.mint({ scenario: 'multiple-accounts', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES });
    expect(isMintedCode(code)).toBe(true);
    expect(code.length).toBeGreaterThan(40);
    expect(store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES })).not.toBe(code);
    expect(store.consume(code, { clientId: 'app', redirectUri: REDIRECT })).toEqual({
      ok: true,
      grant: { scenario: 'multiple-accounts', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES },
    });
    expect(store.consume(code, { clientId: 'app', redirectUri: REDIRECT })).toMatchObject({ ok: false, error: 'invalid_authorization_code' });
  });

  it('live 5 minutes on the injected clock', () => {
    const { clock, store } = storeAt();
    const justInTime = store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES });
    const late = store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES });
    clock.now += CODE_TTL_MS - 1;
    expect(store.consume(justInTime, { clientId: 'app', redirectUri: REDIRECT }).ok).toBe(true);
    clock.now += 1;
    expect(store.consume(late, { clientId: 'app', redirectUri: REDIRECT })).toMatchObject({ ok: false, error: 'invalid_authorization_code', reason: expect.stringMatching(/5 minutes/) });
    expect(store.size()).toBe(0);
  });

  it.each([
    ['another client_id', { clientId: 'other', redirectUri: REDIRECT, codeVerifier: verifier }, /client_id/],
    ['another redirect_uri', { clientId: 'app', redirectUri: `${REDIRECT}/`, codeVerifier: verifier }, /redirect_uri/],
    ['no code_verifier for a PKCE code', { clientId: 'app', redirectUri: REDIRECT }, /code_verifier/],
    ['a code_verifier that does not match', { clientId: 'app', redirectUri: REDIRECT, codeVerifier: `${verifier}x` }, /code_verifier/],
  ])('refuse %s with invalid_grant, and the code is spent anyway', (_name, presented, reason) => {
    const { store } = storeAt();
    const code = store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES, codeChallenge: s256(verifier) });
    expect(store.consume(code, presented)).toMatchObject({ ok: false, error: 'invalid_grant', reason: expect.stringMatching(reason) });
    expect(store.consume(code, { clientId: 'app', redirectUri: REDIRECT, codeVerifier: verifier })).toMatchObject({ error: 'invalid_authorization_code' });
  });

  it('accept the matching PKCE verifier (RFC 7636 appendix B)', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const { store } = storeAt();
    const code = store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES, codeChallenge: s256(verifier) });
    expect(store.consume(code, { clientId: 'app', redirectUri: REDIRECT, codeVerifier: verifier }).ok).toBe(true);
  });

  it('keep at most 10,000 live codes: minting one more forgets the oldest, so a runaway loop cannot grow the mock', () => {
    const { store } = storeAt();
    const codes = Array.from({ length: 10_001 }, () => store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES }));
    expect(store.consume(codes[0]!, { clientId: 'app', redirectUri: REDIRECT })).toMatchObject({ ok: false, error: 'invalid_authorization_code', reason: expect.stringMatching(/unknown/) });
    expect(store.consume(codes[1]!, { clientId: 'app', redirectUri: REDIRECT }).ok).toBe(true);
    expect(store.size()).toBe(9_999);
  });

  it('forget expired codes, so a long-running mock does not grow', () => {
    const { clock, store } = storeAt();
    for (let i = 0; i < 50; i++) store.mint({ scenario: 'single-account', clientId: 'app', redirectUri: REDIRECT, scopes: SCOPES });
    expect(store.size()).toBe(50);
    clock.now += CODE_TTL_MS;
    expect(store.size()).toBe(0);
  });
});
