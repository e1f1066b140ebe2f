// Every row of the scenario table, driven with the project's typed client against a real mock on port 0.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { OAuthError, ProblemError, RateLimitError, type SignupPlusClient } from '../../src/index.ts';
import { readPrefer } from '../../mocks/prefer.ts';
import { verifyToken } from '../../mocks/tokens.ts';
import { clientFor, exchange, raw } from './support.ts';

const example = async (name: string): Promise<any> =>
  JSON.parse(await readFile(new URL(`../../specs/examples/${name}.json`, import.meta.url), 'utf8'));

let mock: RunningMock;
let client: SignupPlusClient;
const REDIRECT = 'https://app.example/callback';

beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true });
  client = clientFor(mock.url);
});
afterAll(() => mock.close());

describe('scenario table (code exchanged → accounts answer)', () => {
  it.each(['single-account', 'any-other-code-7f3a'])('code %s gets the single-account example identity', async (code) => {
    const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT });
    const result = await client.getAccounts({ accessToken: tokens.accessToken });
    expect(result.kind).toBe('identity');
    expect(result.kind === 'identity' && result.identity).toEqual(await example('signup-plus-accounts.single-account'));
    expect(result.meta.status).toBe(200);
    expect(result.meta.warnings).toEqual([]);
  });

  it('multiple-accounts lists the linked accounts of the example', async () => {
    const tokens = await client.exchangeCode({ code: 'multiple-accounts', redirectUri: REDIRECT });
    const result = await client.getAccounts({ accessToken: tokens.accessToken });
    expect(result.kind).toBe('multiple_accounts');
    expect(result.kind === 'multiple_accounts' && result.body).toEqual(await example('signup-plus-accounts.multiple-accounts'));
  });

  it.each(['acc-aa360adff0f1574e1', 'acc-8232b085624e6babf', 'acc-469b2c2bcaea10969'])(
    'multiple-accounts with account_id=%s answers that account\'s identity',
    async (accountId) => {
      const tokens = await client.exchangeCode({ code: 'multiple-accounts', redirectUri: REDIRECT });
      const result = await client.getAccounts({ accessToken: tokens.accessToken, accountId });
      expect(result.kind === 'identity' && result.identity).toEqual(await example(`signup-plus-accounts.account-${accountId}`));
    },
  );

  it('getAllIdentities follows every linked account of multiple-accounts', async () => {
    const tokens = await client.exchangeCode({ code: 'multiple-accounts', redirectUri: REDIRECT });
    const all = await client.getAllIdentities({ accessToken: tokens.accessToken });
    expect(all.map((entry) => entry.accountId)).toEqual(['acc-aa360adff0f1574e1', 'acc-8232b085624e6babf', 'acc-469b2c2bcaea10969']);
    expect(all[1]?.identity).toEqual(await example('signup-plus-accounts.account-acc-8232b085624e6babf'));
  });

  it('multiple-accounts with a well-formed but unlisted account_id answers 404 Account Not Found', async () => {
    const tokens = await client.exchangeCode({ code: 'multiple-accounts', redirectUri: REDIRECT });
    const error = await client.getAccounts({ accessToken: tokens.accessToken, accountId: 'acc-000000000000000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(404);
    expect((error as ProblemError).title).toBe('Account Not Found');
  });

  it.each([
    ['user-data-not-found', 422, 'User Data Not Found', 'problem.user-data-not-found'],
    ['joint-account', 422, 'Joint Accounts Not Supported', 'problem.joint-accounts-not-supported'],
    ['reconnect-required', 403, 'Forbidden', 'problem.forbidden'],
    ['server-error', 500, 'Internal server error', 'problem.internal-server-error'],
    ['provider-not-supported', 400, 'Provider not supported', 'problem.provider-not-supported'],
  ])('%s answers %i "%s" as a problem document with a fresh trace id', async (code, status, title, exampleName) => {
    const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT });
    const error = (await client.getAccounts({ accessToken: tokens.accessToken }).catch((e: unknown) => e)) as ProblemError;
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.code).toBe('TL_PROBLEM');
    expect(error.status).toBe(status);
    expect(error.title).toBe(title);
    const { trace_id: exampleTrace, ...documented } = await example(exampleName);
    const { trace_id: traceId, ...answered } = error.problem;
    expect(answered).toEqual(documented);
    expect(traceId).not.toBe(exampleTrace);
    expect(error.traceId).toBe(traceId);
  });

  it('rate-limited answers 429 with Retry-After from the spec', async () => {
    const tokens = await client.exchangeCode({ code: 'rate-limited', redirectUri: REDIRECT });
    const error = (await client.getAccounts({ accessToken: tokens.accessToken }).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe('TL_RATE_LIMITED');
    expect(error.retryAfter).toBe(30);
    expect(error.title).toBe('Rate Limit Exceeded');
  });

  it('expired-code fails the exchange itself with 400 invalid_authorization_code, as TrueLayer answers a stale code', async () => {
    const error = (await client.exchangeCode({ code: 'expired-code', redirectUri: REDIRECT }).catch((e: unknown) => e)) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.status).toBe(400);
    expect(error.error).toBe('invalid_authorization_code');
    expect(error.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('token-server-error fails the exchange with the documented 500 OAuth error', async () => {
    const error = (await client.exchangeCode({ code: 'token-server-error', redirectUri: REDIRECT }).catch((e: unknown) => e)) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.status).toBe(500);
    expect(error.error).toBe((await example('oauth-error.server-error')).error);
    expect(error.issues).toEqual([]);
  });
});

describe('token answers (RFC 6749 §5.1)', () => {
  it('answers JSON with no-store, Bearer, numeric expires_in 3600, refresh_token and scope', async () => {
    const answer = await raw(`${mock.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'a', client_secret: 'b', redirect_uri: REDIRECT, code: 'x' }).toString(),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['pragma']).toBe('no-cache');
    expect(answer.headers['x-tl-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['tl-trace-id']).toBeUndefined();
    expect(Object.keys(answer.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(answer.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'info accounts signupplus offline_access' });
    expect(answer.json.access_token).not.toBe(answer.json.refresh_token);
  });

  it('the client reads expiry and scope of the token answer', async () => {
    const tokens = await client.exchangeCode({ code: 'single-account', redirectUri: REDIRECT });
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBe(3600);
    expect(tokens.scope).toEqual(['info', 'accounts', 'signupplus', 'offline_access']);
    // Signed mock tokens of the right kind, carrying the scenario (README: tokens carry their scenario).
    expect(verifyToken(tokens.refreshToken ?? '', 'refresh')).toMatchObject({ ok: true, claims: { scn: 'single-account', kind: 'refresh' } });
    expect(verifyToken(tokens.accessToken, 'access')).toMatchObject({ ok: true, claims: { scn: 'single-account', kind: 'access' } });
  });

  it('a refresh_token grant answers a fresh pair for the same scenario', async () => {
    const first = await client.exchangeCode({ code: 'reconnect-required', redirectUri: REDIRECT });
    const second = await client.refreshToken({ refreshToken: first.refreshToken! });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const error = (await client.getAccounts({ accessToken: second.accessToken }).catch((e: unknown) => e)) as ProblemError;
    expect(error.status).toBe(403);
  });

  it('a refresh token stays usable after a refresh: TrueLayer does not make refresh tokens single use', async () => {
    const first = await client.exchangeCode({ code: 'single-account', redirectUri: REDIRECT });
    await client.refreshToken({ refreshToken: first.refreshToken! });
    const again = await client.refreshToken({ refreshToken: first.refreshToken! });
    expect(again.accessToken).toBeTypeOf('string');
    expect((await client.getAccounts({ accessToken: again.accessToken })).kind).toBe('identity');
  });

  it('an access token is refused as a refresh token with invalid_grant', async () => {
    const tokens = await client.exchangeCode({ code: 'single-account', redirectUri: REDIRECT });
    const error = (await client.refreshToken({ refreshToken: tokens.accessToken }).catch((e: unknown) => e)) as OAuthError;
    expect(error.error).toBe('invalid_grant');
  });

  it('every Signup+ answer carries Tl-Trace-Id, equal to trace_id of problem bodies sent as application/json', async () => {
    const tokens = await exchange(mock.url, 'server-error');
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(answer.status).toBe(500);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['tl-trace-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json.trace_id).toBe(answer.headers['tl-trace-id']);
    const again = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(again.json.trace_id).not.toBe(answer.json.trace_id);
  });
});

describe('tokens are self-describing', () => {
  it('a restarted mock honours an access and a refresh token issued before the restart', async () => {
    const first = await startMock({ port: 0, quiet: true });
    const tokens = await exchange(first.url, 'multiple-accounts');
    await first.close();
    const second = await startMock({ port: 0, quiet: true });
    try {
      const restarted = clientFor(second.url);
      const result = await restarted.getAccounts({ accessToken: tokens.access_token });
      expect(result.kind).toBe('multiple_accounts');
      const refreshed = await restarted.refreshToken({ refreshToken: tokens.refresh_token });
      expect((await restarted.getAccounts({ accessToken: refreshed.accessToken })).kind).toBe('multiple_accounts');
    } finally {
      await second.close();
    }
  });
});

describe('Prism Prefer header', () => {
  it('Prefer: code=200, example=multiple-accounts overrides the scenario of the token', async () => {
    const tokens = await exchange(mock.url, 'single-account');
    const answer = await raw(`${mock.url}/signup-plus/accounts`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, prefer: 'code=200, example=multiple-accounts' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(await example('signup-plus-accounts.multiple-accounts'));
  });

  it('Prefer: code=404 answers the documented 404 with a fresh trace id', async () => {
    const tokens = await exchange(mock.url, 'single-account');
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}`, prefer: 'code=404' } });
    expect(answer.status).toBe(404);
    expect(answer.json.title).toBe('Account Not Found');
    expect(answer.json.trace_id).toBe(answer.headers['tl-trace-id']);
  });

  it('Prefer on the token endpoint picks an OAuth error example', async () => {
    const answer = await raw(`${mock.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', prefer: 'code=400, example=invalid-scope' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'a', client_secret: 'b', redirect_uri: REDIRECT, code: 'x' }).toString(),
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(await example('oauth-error.invalid-scope'));
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['code=201', 'Prefer'],
    ['code=200, example=no-such-example', 'Prefer'],
    ['code=abc', 'Prefer: code must be a three-digit status'],
  ])('an unsatisfiable Prefer (%s) answers 400 Invalid Parameters, never Prism\'s own error', async (prefer, detailStart) => {
    const tokens = await exchange(mock.url, 'single-account');
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}`, prefer } });
    expect(answer.status).toBe(400);
    expect(answer.json.title).toBe('Invalid Parameters');
    expect(answer.json.type).toBe('https://docs.truelayer.com/docs/signup-errors#invalid-parameters');
    expect(answer.json.detail.startsWith(detailStart)).toBe(true);
    expect(answer.text).not.toContain('stoplight');
  });
});

describe('reading the Prefer header (as Prism reads it)', () => {
  it.each([
    ['code=404', { status: 404 }],
    [' Code = 200 ;EXAMPLE="multiple-accounts"', { status: 200, example: 'multiple-accounts' }],
    [['code=200', 'example=single-account'], { status: 200, example: 'single-account' }],
    ['dynamic=true, seed=7', { dynamic: true, seed: '7' }],
    ['dynamic=false', { dynamic: false }],
    ['code=200,, ;return=minimal', { status: 200 }],
    ['example=a"b"', { example: 'a"b"' }],
    ['example="a"b', { example: '"a"b' }],
  ])('%j is read as the preference %j (separators , and ;, names in any case, quotes dropped)', (header, preference) => {
    expect(readPrefer(header)).toEqual({ ok: true, preference });
  });

  it.each([undefined, '', 'return=minimal, respond-async', 'seed=7'])('%j asks for nothing of Prism: no preference', (header) => {
    expect(readPrefer(header)).toBeUndefined();
  });

  it.each([
    ['code=40', 'Prefer: code must be a three-digit status, got "40".'],
    ['code=4040', 'Prefer: code must be a three-digit status, got "4040".'],
    ['code=x404', 'Prefer: code must be a three-digit status, got "x404".'],
    ['code', 'Prefer: code must be a three-digit status, got "".'],
    [`code=${'9'.repeat(30)}`, `Prefer: code must be a three-digit status, got "${'9'.repeat(20)}".`],
    ['example=', 'Prefer: example needs a name.'],
    ['code=200, example', 'Prefer: example needs a name.'],
    ['dynamic', 'Prefer: dynamic must be true or false.'],
    ['dynamic=yes', 'Prefer: dynamic must be true or false.'],
  ])('%j is refused with the reason %j', (header, reason) => {
    expect(readPrefer(header)).toEqual({ ok: false, reason });
  });
});
