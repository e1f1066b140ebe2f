// The Pact provider-state hook: each state sentence gives the scenario code and fresh tokens for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { PROVIDER_STATES, PROVIDER_STATES_PATH, type ProviderStateRow } from '../../mocks/provider-states.ts';
import { verifyToken } from '../../mocks/tokens.ts';
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
