// The Pact provider-state hook: each state sentence gives the scenario code and fresh tokens for it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { handleProviderState, PROVIDER_STATES, PROVIDER_STATES_PATH, type ProviderStateRow } from '../../mocks/provider-states.ts';
import { isScenarioCode } from '../../mocks/scenarios.ts';
import { REFRESH_TOKEN_TTL_S, verifyToken } from '../../mocks/tokens.ts';
import { form, FORM, raw } from './support.ts';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true, providerStates: true });
});
afterAll(() => mock.close());

const setState = (body: unknown, contentType = 'application/json') =>
  raw(`${mock.url}${PROVIDER_STATES_PATH}`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });

describe('POST /_harness/provider-states', () => {
  it.each(PROVIDER_STATES.filter((row: ProviderStateRow) => row.tokens !== 'expired').map((row) => [row.state, row.code]))(
    'setup "%s" answers code %s and a valid token pair for it',
    async (state, code) => {
      const answer = await setState({ state, params: {}, action: 'setup' });
      expect(answer.status).toBe(200);
      expect(answer.json.code).toBe(code);
      const access = verifyToken(answer.json.accessToken, 'access');
      const refresh = verifyToken(answer.json.refreshToken, 'refresh');
      expect(access.ok && access.claims.scn).toBe(code);
      expect(refresh.ok && refresh.claims.scn).toBe(code);
    },
  );

  it('the tokens of a state drive the mock: "the user\'s bank consent has expired" answers 403', async () => {
    const { json } = await setState({ state: "the user's bank consent has expired", action: 'setup' });
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${json.accessToken}` } });
    expect(answer.status).toBe(403);
  });

  it('"no user has authorised the app" gives tokens the mock refuses (401, invalid_grant)', async () => {
    const { json } = await setState({ state: 'no user has authorised the app', params: {}, action: 'setup' });
    expect((await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${json.accessToken}` } })).status).toBe(401);
    const refresh = await raw(`${mock.url}/connect/token`, {
      method: 'POST',
      headers: FORM,
      body: form({ grant_type: 'refresh_token', client_id: 'a', client_secret: 'b', refresh_token: json.refreshToken }),
    });
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('"the authorization code has expired" gives the code the exchange refuses', async () => {
    const { json } = await setState({ state: 'the authorization code has expired', action: 'setup' });
    const answer = await raw(`${mock.url}/connect/token`, {
      method: 'POST',
      headers: FORM,
      body: form({ grant_type: 'authorization_code', client_id: 'a', client_secret: 'b', redirect_uri: 'https://a.example/cb', code: json.code }),
    });
    expect(answer.json.error).toBe('invalid_authorization_code');
  });

  it('teardown answers 200 {} (the mock keeps no state)', async () => {
    const answer = await setState({ state: 'the user is rate limited', params: {}, action: 'teardown' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({});
  });

  it('an unknown state answers 400 naming the table to extend', async () => {
    const answer = await setState({ state: 'a user with a savings account', action: 'setup' });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/^Unknown provider state "a user with a savings account"\. Add it to mocks\/provider-states\.ts\./);
  });

  it('a body that is not JSON answers 400', async () => {
    const answer = await raw(`${mock.url}${PROVIDER_STATES_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(answer.status).toBe(400);
    expect(answer.headers['tl-trace-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.json?.trace_id ?? answer.headers['tl-trace-id']).toBe(answer.headers['tl-trace-id']);
  });

  it('is off unless providerStates is set', async () => {
    const plain = await startMock({ port: 0, quiet: true });
    try {
      const answer = await raw(`${plain.url}${PROVIDER_STATES_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(answer.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('the state-change handler', () => {
  const NOW_S = 1_900_000_000;
  afterEach(() => vi.useRealTimers());

  const call = (body: string, contentType = 'application/json') => handleProviderState(Buffer.from(body), contentType).answer;
  const claims = (token: string): { scn: string; kind: string; iat: number; exp: number } =>
    JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
  const SEND_JSON = { error: 'Send the Pact state-change body as JSON: {"state": "...", "params": {}, "action": "setup"}.' };

  it('every state of the table names a scenario of mocks/scenarios.ts', () => {
    expect(PROVIDER_STATES.filter((row) => !isScenarioCode(row.code))).toEqual([]);
  });

  it('answers setup with the scenario code and tokens issued now: access for an hour, refresh for 30 days', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_S * 1000);
    const answer = call(JSON.stringify({ state: 'an authorization code for a user with several accounts was issued', params: {}, action: 'setup' }));
    expect([answer.status, answer.headers]).toEqual([200, { 'Content-Type': 'application/json' }]);
    const body = answer.body as { code: string; accessToken: string; refreshToken: string };
    expect(body.code).toBe('multiple-accounts');
    expect(claims(body.accessToken)).toMatchObject({ scn: 'multiple-accounts', kind: 'access', iat: NOW_S, exp: NOW_S + 3600 });
    expect(claims(body.refreshToken)).toMatchObject({ scn: 'multiple-accounts', kind: 'refresh', iat: NOW_S, exp: NOW_S + REFRESH_TOKEN_TTL_S });
  });

  it('an action left out means setup, as the Pact verifier\'s older requests send it', () => {
    const answer = call(JSON.stringify({ state: 'the user is rate limited' }));
    expect([answer.status, (answer.body as { code: string }).code]).toEqual([200, 'rate-limited']);
  });

  it('"no user has authorised the app" issues both tokens two refresh lifetimes ago, so both are out of date', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_S * 1000);
    const body = call(JSON.stringify({ state: 'no user has authorised the app', action: 'setup' })).body as { code: string; accessToken: string; refreshToken: string };
    const issued = NOW_S - 2 * REFRESH_TOKEN_TTL_S;
    expect(body.code).toBe('single-account');
    expect(claims(body.accessToken)).toMatchObject({ scn: 'single-account', iat: issued, exp: issued + 3600 });
    expect(claims(body.refreshToken)).toMatchObject({ scn: 'single-account', iat: issued, exp: issued + REFRESH_TOKEN_TTL_S });
    expect(verifyToken(body.refreshToken, 'refresh')).toEqual({ ok: false, reason: 'expired' });
  });

  it('teardown answers {} whatever the state, even one the table lacks', () => {
    expect(call(JSON.stringify({ state: 'nothing like this', action: 'teardown' }))).toEqual({ status: 200, headers: { 'Content-Type': 'application/json' }, body: {} });
  });

  it('an unknown or missing state answers 400 naming the table to extend and every known state', () => {
    const known = PROVIDER_STATES.map((row) => `"${row.state}"`).join(', ');
    expect(known.startsWith('"an authorization code for a user with one account was issued", "an authorization code')).toBe(true);
    expect(call(JSON.stringify({ state: 'a user with a savings account', action: 'setup' }))).toEqual({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: { error: `Unknown provider state "a user with a savings account". Add it to mocks/provider-states.ts. Known states: ${known}.` },
    });
    expect(call('{}').body).toEqual({ error: `Unknown provider state "". Add it to mocks/provider-states.ts. Known states: ${known}.` });
    expect(call('[]').status).toBe(400);
    // A state sent by mistake as a whole document is quoted cut at 200 characters.
    const long = 'x'.repeat(300);
    expect((call(JSON.stringify({ state: long })).body as { error: string }).error).toMatch(new RegExp(`^Unknown provider state "${'x'.repeat(199)}\\. Add it`));
  });

  it.each([
    ['no content type', undefined, '{"state":"the user is rate limited"}'],
    ['text/plain', 'text/plain', '{"state":"the user is rate limited"}'],
    ['broken JSON', 'application/json', '{"state":'],
  ])('a body with %s answers 400 saying to send JSON', (_what, contentType, body) => {
    expect(handleProviderState(Buffer.from(body), contentType).answer).toEqual({ status: 400, headers: { 'Content-Type': 'application/json' }, body: SEND_JSON });
  });

  it('reads the content type in any case, with parameters', () => {
    expect(call('{"state":"the user is rate limited"}', 'Application/JSON; charset=utf-8').status).toBe(200);
  });

  it.each(['null', '7', '"the user is rate limited"', 'true'])('a JSON body that is not an object (%s) answers 400', (body) => {
    expect(call(body)).toEqual({ status: 400, headers: { 'Content-Type': 'application/json' }, body: { error: 'The state-change body must be a JSON object.' } });
  });
});
