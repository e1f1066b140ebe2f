// POST /connect/token answers exactly what TrueLayer's auth server answers: each refusal is the spec's OAuth error
// body (RFC 6749 §5.2) with its exact error and description, never cached; each grant answers the spec's token
// example with freshly minted tokens for the right scenario, scopes and lifetimes. Over raw HTTP on one mock.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_TTL_MS, mintToken, startMock, verifyToken, type RunningMock } from '../../mocks/index.ts';
import { REFRESH_TOKEN_TTL_S } from '../../mocks/tokens.ts';
import { codeGrant, FORM, form, raw, type RawAnswer } from './support.ts';

const REDIRECT = 'https://app.example/callback';
const example = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(new URL(`../../specs/examples/${name}.json`, import.meta.url), 'utf8'));

let mock: RunningMock;
const clock = { now: 1_700_000_000_000 };
const logLines: string[] = [];

beforeAll(async () => {
  // One mock that checks its client (the pair codeGrant sends), with a clock and a log of its own.
  mock = await startMock({ port: 0, clientId: 'test-client', clientSecret: 'test-secret', now: () => clock.now, log: (line) => logLines.push(line) });
});
afterAll(() => mock.close());

const post = (fields: Record<string, string>, headers: Record<string, string> = {}, base = mock.url, path = '/connect/token'): Promise<RawAnswer> =>
  raw(`${base}${path}`, { method: 'POST', headers: { ...FORM, ...headers }, body: form(fields) });

/** An RFC 6749 §5.2 refusal: status 400, exactly this body, and never cached (Cache-Control and Pragma). */
function expectRefusal(answer: RawAnswer, body: Record<string, unknown>, status = 400): void {
  expect({ status: answer.status, body: answer.json }).toEqual({ status, body });
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers.pragma).toBe('no-cache');
}

/** Walks the auth link without a browser (providers + mock_decision=approve) and returns the minted code. */
async function mintedCode(bank: string, scope: string, extra: Record<string, string> = {}): Promise<string> {
  const query = new URLSearchParams({ response_type: 'code', client_id: 'test-client', redirect_uri: REDIRECT, scope, providers: bank, mock_decision: 'approve', ...extra });
  const answer = await raw(`${mock.url}/?${query.toString()}`);
  expect(answer.status).toBe(302);
  return new URL(String(answer.headers.location)).searchParams.get('code') as string;
}

/** The claims of a live token this mock signed (access or refresh). */
const claimsOf = (token: string): Record<string, unknown> => {
  const check = verifyToken(token, 'access');
  const either = check.ok ? check : verifyToken(token, 'refresh');
  if (!either.ok) throw new Error(`not a live mock token: ${either.reason}`);
  return either.claims as unknown as Record<string, unknown>;
};

describe('refusals: the spec\'s OAuth error bodies, exactly', () => {
  it('a request it cannot read, a repeated field or a missing field answers invalid_request with the documented description', async () => {
    const invalidRequest = await example('oauth-error.invalid-request');
    expectRefusal(await raw(`${mock.url}/connect/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), invalidRequest);
    expectRefusal(await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: `${form(codeGrant('single-account'))}&code=again` }), invalidRequest);
    for (const field of ['grant_type', 'client_id', 'client_secret', 'code', 'redirect_uri']) {
      const { [field]: _left, ...fields } = codeGrant('single-account');
      expectRefusal(await post(fields), invalidRequest);
      expectRefusal(await post({ ...fields, [field]: '' }), invalidRequest);
    }
    expectRefusal(await post(codeGrant('single-account', { redirect_uri: 'app.example/callback' })), invalidRequest);
    expectRefusal(await post({ grant_type: 'refresh_token', client_id: 'test-client', client_secret: 'test-secret' }), invalidRequest);
    expectRefusal(await post({ grant_type: 'refresh_token', client_secret: 'b', refresh_token: 'r' }), invalidRequest);
  });

  it('an unknown grant_type answers unsupported_grant_type, checked before the client and the other fields', async () => {
    expectRefusal(await post({ grant_type: 'client_credentials' }), await example('oauth-error.unsupported-grant-type'));
  });

  it('a client the mock does not know answers invalid_client with the documented description', async () => {
    const invalidClient = await example('oauth-error.invalid-client');
    expectRefusal(await post(codeGrant('single-account', { client_id: 'test-client', client_secret: 'wrong' })), invalidClient);
    expectRefusal(await post(codeGrant('single-account', { client_id: 'another', client_secret: 'test-secret' })), invalidClient);
    // The right pair, on either grant.
    const granted = await post(codeGrant('multiple-accounts', { client_id: 'test-client', client_secret: 'test-secret' }));
    expect(granted.status).toBe(200);
    const refreshed = await post({ grant_type: 'refresh_token', client_id: 'test-client', client_secret: 'test-secret', refresh_token: granted.json.refresh_token });
    expect(refreshed.status).toBe(200);
  });

  it.each([
    ['Basic with credentials', `Basic ${Buffer.from('test-client:test-secret').toString('base64')}`],
    ['lower-case basic', `basic ${Buffer.from('test-client:test-secret').toString('base64')}`],
    ['a bare Basic', 'Basic'],
    ['Basic and a tab', 'BASIC\tx'],
  ])('HTTP Basic client authentication (%s) answers invalid_client saying where the credentials go', async (_what, authorization) => {
    expectRefusal(await post(codeGrant('single-account', { client_id: 'test-client', client_secret: 'test-secret' }), { authorization }), {
      error: 'invalid_client',
      error_description: 'HTTP Basic client authentication is not supported; send client_id and client_secret in the request body.',
    });
  });

  it.each([
    ['another scheme that mentions basic', 'Bearer basic'],
    ['a word that starts with Basic', 'Basically x'],
  ])('an Authorization header that is not Basic (%s) is ignored: the body authenticates the client', async (_what, authorization) => {
    expect((await post(codeGrant('single-account', { client_id: 'test-client', client_secret: 'test-secret' }), { authorization })).status).toBe(200);
  });

  it('a refresh token the mock did not issue, of the wrong kind, expired or for a scenario it no longer has answers invalid_grant', async () => {
    const invalidGrant = await example('oauth-error.invalid-grant');
    const refresh = (refreshToken: string): Promise<RawAnswer> => post({ grant_type: 'refresh_token', client_id: 'test-client', client_secret: 'test-secret', refresh_token: refreshToken });
    expectRefusal(await refresh('not-a-token'), invalidGrant);
    expectRefusal(await refresh(mintToken('single-account', 'access', 3600, clock.now)), invalidGrant);
    expectRefusal(await refresh(mintToken('single-account', 'refresh', 60, Date.now() - 3_600_000)), invalidGrant);
    expectRefusal(await refresh(mintToken('retired-scenario', 'refresh', 3600)), invalidGrant);
  });

  it('the expired-code and token-server-error scenarios answer their documented errors, never cached', async () => {
    expectRefusal(await post(codeGrant('expired-code')), await example('oauth-error.invalid-authorization-code'));
    expectRefusal(await post(codeGrant('token-server-error')), await example('oauth-error.server-error'), 500);
  });
});

describe('codes minted by the auth link', () => {
  it('a spent, unknown or expired minted code answers invalid_authorization_code with the reason', async () => {
    const code = await mintedCode('mock-single-account', 'info signupplus offline_access');
    expect((await post(codeGrant(code))).status).toBe(200);
    const spent = { error: 'invalid_authorization_code', error_description: 'The authorization code is unknown or was already used; codes are single use.' };
    expectRefusal(await post(codeGrant(code)), spent);
    expectRefusal(await post(codeGrant('mock-code.never-minted')), spent);
    const stale = await mintedCode('mock-single-account', 'info signupplus');
    clock.now += CODE_TTL_MS;
    try {
      expectRefusal(await post(codeGrant(stale)), { error: 'invalid_authorization_code', error_description: 'The authorization code is older than 5 minutes.' });
    } finally {
      clock.now -= CODE_TTL_MS;
    }
  });

  it('a minted code presented with another redirect_uri, without its PKCE verifier or with a wrong one answers invalid_grant with the reason', async () => {
    const refusal = (reason: string) => ({ error: 'invalid_grant', error_description: reason });
    const scope = 'info signupplus';
    // A mock that checks its client refuses another client first, as the wrong client it is.
    expectRefusal(await post(codeGrant(await mintedCode('mock-single-account', scope), { client_id: 'other-client' })), await example('oauth-error.invalid-client'));
    expectRefusal(
      await post(codeGrant(await mintedCode('mock-single-account', scope), { redirect_uri: 'https://app.example/other' })),
      refusal('redirect_uri does not match the one in the auth link.'),
    );
    const verifier = 'v'.repeat(43);
    const { createHash } = await import('node:crypto');
    const pkce = { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' };
    expectRefusal(await post(codeGrant(await mintedCode('mock-single-account', scope, pkce))), refusal('The auth link had a code_challenge; send its code_verifier.'));
    expectRefusal(
      await post(codeGrant(await mintedCode('mock-single-account', scope, pkce), { code_verifier: 'w'.repeat(43) })),
      refusal('code_verifier does not match the code_challenge of the auth link.'),
    );
    expect((await post(codeGrant(await mintedCode('mock-single-account', scope, pkce), { code_verifier: verifier }))).status).toBe(200);
  });

  it('grants the consented scopes, and a refresh token only with offline_access', async () => {
    const online = await post(codeGrant(await mintedCode('mock-multiple-accounts', 'info signupplus')));
    expect(online.status).toBe(200);
    expect(Object.keys(online.json).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(online.json.scope).toBe('info signupplus');
    expect(claimsOf(online.json.access_token).scn).toBe('multiple-accounts');

    const offline = await post(codeGrant(await mintedCode('mock-reconnect-required', 'signupplus offline_access info')));
    expect(offline.json.scope).toBe('signupplus offline_access info');
    expect(claimsOf(offline.json.access_token)).toMatchObject({ scn: 'reconnect-required', kind: 'access' });
    expect(claimsOf(offline.json.refresh_token)).toMatchObject({ scn: 'reconnect-required', kind: 'refresh' });
  });
});

describe('grants: the spec\'s token example with fresh tokens', () => {
  it('an authorization_code grant answers the example with an access token of its lifetime and a 30-day refresh token', async () => {
    const documented = await example('token.success');
    const answer = await post(codeGrant('joint-account'));
    expect(answer.status).toBe(200);
    expect(answer.headers.pragma).toBe('no-cache');
    const { access_token: access, refresh_token: refresh, ...rest } = answer.json;
    const { access_token: _a, refresh_token: _r, ...documentedRest } = documented;
    expect(rest).toEqual(documentedRest);
    const accessClaims = claimsOf(access);
    expect(accessClaims).toMatchObject({ scn: 'joint-account', kind: 'access' });
    expect((accessClaims.exp as number) - (accessClaims.iat as number)).toBe(documented.expires_in);
    const refreshClaims = claimsOf(refresh);
    expect(refreshClaims).toMatchObject({ scn: 'joint-account', kind: 'refresh' });
    expect((refreshClaims.exp as number) - (refreshClaims.iat as number)).toBe(REFRESH_TOKEN_TTL_S);
  });

  it('a refresh_token grant keeps the scenario of the refresh token, whatever code comes with it', async () => {
    const first = await post(codeGrant('rate-limited'));
    // Even beside a live code minted for another bank: a refresh grant reads only its refresh token.
    const code = await mintedCode('mock-single-account', 'info signupplus');
    const answer = await post({ grant_type: 'refresh_token', client_id: 'test-client', client_secret: 'test-secret', refresh_token: first.json.refresh_token, code });
    expect(answer.status).toBe(200);
    expect(answer.headers.pragma).toBe('no-cache');
    expect(claimsOf(answer.json.access_token).scn).toBe('rate-limited');
    expect(claimsOf(answer.json.refresh_token).scn).toBe('rate-limited');
    expect(answer.json.scope).toBe('info accounts signupplus offline_access');
  });
});

describe('Prefer on the token endpoint', () => {
  const prefer = (value: string, code = 'multiple-accounts'): Promise<RawAnswer> => post(codeGrant(code), { prefer: value });

  it('a documented token answer it picks still carries fresh tokens for the scenario of the code', async () => {
    const answer = await prefer('code=200, example=token');
    expect(answer.status).toBe(200);
    expect(answer.headers.pragma).toBe('no-cache');
    expect(claimsOf(answer.json.access_token).scn).toBe('multiple-accounts');
    expect(claimsOf(answer.json.refresh_token).scn).toBe('multiple-accounts');
  });

  it('a generated token answer (dynamic=true) keeps its generated lifetime and scope, with mock tokens of that lifetime', async () => {
    const answer = await prefer('code=200, dynamic=true, seed=1');
    expect(answer.status).toBe(200);
    expect(answer.json.expires_in).toBeGreaterThan(3600);
    expect(answer.json.scope).not.toBe('info accounts signupplus offline_access');
    const claims = claimsOf(answer.json.access_token);
    expect(claims).toMatchObject({ scn: 'multiple-accounts', kind: 'access' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(answer.json.expires_in);
    expect(claimsOf(answer.json.refresh_token)).toMatchObject({ scn: 'multiple-accounts', kind: 'refresh' });
  });

  it('a documented error it picks is answered as documented, never cached', async () => {
    expectRefusal(await prefer('code=400, example=invalid-grant'), await example('oauth-error.invalid-grant'));
  });

  it('a Prefer it cannot read or satisfy answers invalid_request saying why', async () => {
    expectRefusal(await prefer('code=20'), { error: 'invalid_request', error_description: 'Prefer: code must be a three-digit status, got "20".' });
    expectRefusal(await prefer('code=201'), { error: 'invalid_request', error_description: 'Prefer: requestToken documents no answer for status 201.' });
    expectRefusal(await prefer('example=nothing-like-it'), {
      error: 'invalid_request',
      error_description: 'Prefer: requestToken documents no answer for example "nothing-like-it".',
    });
  });
});

describe('what the request log and journal keep of a token request', () => {
  it('never a client secret, refresh token, code verifier, minted code or Authorization value, wherever it appears; scenario codes stay readable', async () => {
    const secret = `cs-${Math.random().toString(36).slice(2)}x9`;
    const verifier = `${'k'.repeat(30)}${Math.random().toString(36).slice(2, 15)}`;
    // TrueLayer's refresh tokens are opaque: nothing in the value itself says it is a token.
    const refreshToken = `rt-${Math.random().toString(36).slice(2)}q4`;
    const minted = await mintedCode('mock-single-account', 'info signupplus');
    const authorization = `Token-${Math.random().toString(36).slice(2)}z7`;
    // Each value the request carries also in its query string, where only the endpoint's own list says it is a secret.
    const sent = (values: string[], scenario: string): string => `/connect/token?${values.map((value, index) => `n${index}=${encodeURIComponent(value)}`).join('&')}&scenario=${scenario}`;
    logLines.length = 0;
    mock.clearRequests();
    const refreshLeaks = [secret, verifier, refreshToken, authorization];
    // Refused (the mock checks its client secret), yet logged: the secrets are collected before any check.
    await post({ grant_type: 'refresh_token', client_id: 'test-client', client_secret: secret, refresh_token: refreshToken, code_verifier: verifier }, { authorization }, mock.url, sent(refreshLeaks, 'single-account'));
    await post(codeGrant(minted), {}, mock.url, sent([minted], 'single-account'));
    // A code that names a scenario is public: the scenario's name.
    await post(codeGrant('multiple-accounts'), {}, mock.url, sent([], 'multiple-accounts'));
    const written = JSON.stringify([logLines, mock.requests()]);
    for (const leak of [...refreshLeaks, minted]) expect(written).not.toContain(leak);
    expect(logLines).toHaveLength(3);
    expect(logLines[0]).toMatch(/ scenario=- 400 /);
    expect(logLines[2]).toMatch(/^POST \/connect\/token\?&scenario=multiple-accounts scenario=multiple-accounts 200 /);
    expect(mock.requests().map((entry) => entry.scenario)).toEqual([undefined, 'single-account', 'multiple-accounts']);
  });
});
