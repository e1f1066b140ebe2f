// The mock as a process others manage and assert against: GET /_harness/health, and the request journal
// (GET /_harness/requests, filterable, redacted; DELETE to clear), as an app's own test would use them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HEALTH_PATH, REQUESTS_PATH, startMock, type JournalEntry, type RunningMock } from '../../mocks/index.ts';
import { createRequestJournal } from '../../mocks/request-journal.ts';
import { HARNESS_VERSION } from '../../src/version.ts';
import { clientFor, FORM, form, raw } from './support.ts';

/** Looks like a real credential: 32 random bytes, base64url, as a console-issued secret would. */
const realistic = (): string => randomBytes(32).toString('base64url');

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true });
});
afterAll(() => mock.close());
beforeEach(() => mock.clearRequests());

const journal = async (query = ''): Promise<{ text: string; requests: JournalEntry[] }> => {
  const answer = await raw(`${mock.url}${REQUESTS_PATH}${query}`);
  expect(answer.status).toBe(200);
  return { text: answer.text, requests: answer.json.requests };
};

describe('GET /_harness/health', () => {
  it('answers 200 JSON with the harness version and the spec it serves as soon as startMock resolves', async () => {
    const fresh = await startMock({ port: 0, quiet: true });
    try {
      const answer = await raw(`${fresh.url}${HEALTH_PATH}`);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(answer.json).toMatchObject({
        status: 'ok',
        version: HARNESS_VERSION,
        spec: { title: 'TrueLayer Signup+ (data flow)', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
        providerStates: false,
        journal: 0,
      });
      expect(answer.json.uptimeSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      await fresh.close();
    }
  });

  it('is not journaled, and refuses other methods with 405 and Allow', async () => {
    await raw(`${mock.url}${HEALTH_PATH}`);
    const post = await raw(`${mock.url}${HEALTH_PATH}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((await journal()).requests).toEqual([]);
  });
});

describe('request journal', () => {
  it('holds what the app sent, newest last, with every credential redacted', async () => {
    const clientSecret = realistic();
    const client = clientFor(mock.url, { clientId: 'journal-client', clientSecret });
    const code = `single-account`;
    const tokens = await client.exchangeCode({ code, redirectUri: 'https://app.example/callback' });
    await client.getAccounts({ accessToken: tokens.accessToken });
    if (!tokens.refreshToken) throw new Error('the mock answered no refresh token');
    const refreshed = await client.refreshToken({ refreshToken: tokens.refreshToken });

    const { text, requests } = await journal();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /connect/token 200', 'GET /signup-plus/accounts 200', 'POST /connect/token 200']);
    for (const secret of [clientSecret, tokens.accessToken, tokens.refreshToken, refreshed.accessToken, refreshed.refreshToken ?? tokens.refreshToken]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    const [exchange, accounts, refresh] = requests as [JournalEntry, JournalEntry, JournalEntry];
    // What a test asserts on stays readable: the grant, the client id, the redirect URI, the scenario.
    expect(exchange.body).toEqual({
      grant_type: 'authorization_code',
      client_id: 'journal-client',
      client_secret: '[REDACTED]',
      redirect_uri: 'https://app.example/callback',
      code: '[REDACTED]',
    });
    expect(exchange).toMatchObject({ scenario: 'single-account', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(exchange.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(accounts.headers.authorization).toBe('[REDACTED]');
    expect(refresh.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: '[REDACTED]' });
    expect(accounts.id).toBeGreaterThan(exchange.id);
  });

  it('redacts credentials in a JSON body and in a query string, wherever the mock refuses them', async () => {
    const secret = realistic();
    await raw(`${mock.url}/connect/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code', client_secret: secret, note: `copy ${secret}` }) });
    await raw(`${mock.url}/signup-plus/accounts?access_token=${secret}`);
    const { text, requests } = await journal();
    expect(requests.map((r) => r.status)).toEqual([400, 401]);
    expect(text).not.toContain(secret);
    expect(requests[0]?.body).toEqual({ grant_type: 'authorization_code', client_secret: '[REDACTED]', note: 'copy [REDACTED]' });
    expect(requests[1]?.query).toEqual({ access_token: '[REDACTED]' });
  });

  it('filters by method and path', async () => {
    await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: form({ grant_type: 'password' }) });
    await raw(`${mock.url}/signup-plus/accounts`);
    await raw(`${mock.url}/nowhere`);
    expect((await journal('?method=get')).requests.map((r) => r.path)).toEqual(['/signup-plus/accounts', '/nowhere']);
    expect((await journal('?path=/connect/token')).requests.map((r) => r.method)).toEqual(['POST']);
    expect(mock.requests({ method: 'GET', path: '/nowhere' }).map((r) => r.status)).toEqual([404]);
  });

  it('DELETE /_harness/requests empties it (204, no body, type or Content-Length), and later requests are kept again', async () => {
    await raw(`${mock.url}/signup-plus/accounts`);
    expect((await journal()).requests).toHaveLength(1);
    const cleared = await raw(`${mock.url}${REQUESTS_PATH}`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect([cleared.headers['content-length'], cleared.headers['content-type'], cleared.headers['transfer-encoding']]).toEqual([undefined, undefined, undefined]);
    expect(cleared.headers['tl-trace-id']).toMatch(/\S/);
    expect((await journal()).requests).toEqual([]);
    await raw(`${mock.url}/signup-plus/accounts`);
    expect((await journal()).requests).toHaveLength(1);
  });

  it('keeps only the newest entries when full, and none with size 0', () => {
    const small = createRequestJournal(2, () => new Date(0));
    for (const n of [1, 2, 3]) small.record({ method: 'GET', target: `/r${n}`, headers: {}, body: undefined, status: 200, traceId: 't', durationMs: 1, secrets: [] });
    expect(small.list().map((e) => [e.id, e.path])).toEqual([
      [2, '/r2'],
      [3, '/r3'],
    ]);
    const off = createRequestJournal(0);
    off.record({ method: 'GET', target: '/x', headers: {}, body: undefined, status: 200, traceId: 't', durationMs: 1, secrets: [] });
    expect(off.list()).toEqual([]);
  });

  it('keeps a long body cut short, redacted before the cut', () => {
    const secret = realistic();
    const j = createRequestJournal();
    const body = Buffer.from(`${'x'.repeat(8 * 1024 - 10)}&client_secret=${secret}`);
    j.record({ method: 'POST', target: '/connect/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, status: 413, traceId: 't', durationMs: 1, secrets: [] });
    const [entry] = j.list();
    expect(entry?.bodyTruncated).toBe(true);
    expect(String(entry?.body)).not.toContain(secret.slice(0, 8));
  });
});
