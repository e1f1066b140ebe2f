// The example app as an app team would test its own onboarding without a browser: follow the app's redirect to the
// mock's auth link, add the mock-only `providers=mock-<scenario>&mock_decision=…`, and follow the redirects back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../examples/node-app/app.ts';
import { startMock, type RunningMock } from '../../mocks/index.ts';

let mock: RunningMock;
let app: RunningApp;

beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true });
  app = await startApp({ port: 0, mockUrl: mock.url });
});
afterAll(() => Promise.all([app.close(), mock.close()]));

interface Visit {
  status: number;
  location: string;
  text: string;
}

/** One browser-like session: a cookie jar, and fetch without following redirects. */
function session() {
  let cookie = '';
  const get = async (url: string): Promise<Visit> => {
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] as string;
    return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() };
  };
  /** App → auth link (with the mock-only automation added) → callback; returns the callback's URL and answer. */
  const onboard = async (extra: Record<string, string>): Promise<{ callbackUrl: string; callback: Visit }> => {
    const toLink = await get(`${app.url}/connect`);
    expect(toLink.status).toBe(303);
    const link = new URL(toLink.location);
    expect(link.origin).toBe(mock.url);
    expect(link.searchParams.get('code_challenge_method')).toBe('S256');
    for (const [name, value] of Object.entries(extra)) link.searchParams.set(name, value);
    const back = await get(link.href);
    expect(back.status).toBe(302);
    return { callbackUrl: back.location, callback: await get(back.location) };
  };
  return { get, onboard };
}

const dataError = (visit: Visit): string | undefined => /data-error="([^"]+)"/.exec(visit.text)?.[1];

describe('example app, driven over HTTP with the mock-only automation', () => {
  it('one account: callback → /accounts → the identity', async () => {
    const user = session();
    const { callback } = await user.onboard({ providers: 'mock-single-account', mock_decision: 'approve' });
    expect([callback.status, callback.location]).toEqual([303, '/accounts']);
    const accounts = await user.get(`${app.url}/accounts`);
    expect(accounts.text).toContain('Welcome, Joe Blogs');
  });

  it('several accounts: the choice page, then the chosen account', async () => {
    const user = session();
    await user.onboard({ providers: 'mock-multiple-accounts', mock_decision: 'approve' });
    const choice = await user.get(`${app.url}/accounts`);
    const ids = [...choice.text.matchAll(/name="account_id" value="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    const chosen = await user.get(`${app.url}/accounts?account_id=${ids[2]}`);
    expect(chosen.text).toContain('<span id="account-number">50000000</span>');
  });

  it.each([
    ['mock-user-data-not-found', 'user-data-not-found', 422],
    ['mock-joint-account', 'joint-account', 422],
    ['mock-reconnect-required', 'reconnect', 422],
    ['mock-server-error', 'unavailable', 502],
    ['mock-rate-limited', 'rate-limited', 503],
    ['mock-provider-not-supported', 'provider-not-supported', 422],
  ])('%s: a clear error page (%s)', async (bank, kind, status) => {
    const user = session();
    await user.onboard({ providers: bank, mock_decision: 'approve' });
    const page = await user.get(`${app.url}/accounts`);
    expect([page.status, dataError(page)]).toEqual([status, kind]);
  });

  it('an expired code at the exchange: the code-used page', async () => {
    const { callback } = await session().onboard({ providers: 'mock-expired-code', mock_decision: 'approve' });
    expect([callback.status, dataError(callback)]).toEqual([400, 'code-used']);
  });

  it('a token endpoint failure: the unavailable page', async () => {
    const { callback } = await session().onboard({ providers: 'mock-token-server-error', mock_decision: 'approve' });
    expect([callback.status, dataError(callback)]).toEqual([502, 'unavailable']);
  });

  it('cancel: the cancelled page', async () => {
    const { callback } = await session().onboard({ mock_decision: 'deny' });
    expect([callback.status, dataError(callback)]).toEqual([400, 'cancelled']);
  });

  it('a reloaded callback sends the used code again: the code-used page', async () => {
    const user = session();
    const { callbackUrl } = await user.onboard({ providers: 'mock-single-account', mock_decision: 'approve' });
    const reload = await user.get(callbackUrl);
    expect([reload.status, dataError(reload)]).toEqual([400, 'code-used']);
  });

  it('a callback from another browser session (no cookie) or with another state is refused (CSRF)', async () => {
    const { callbackUrl } = await session().onboard({ providers: 'mock-single-account', mock_decision: 'approve' });
    const stranger = await session().get(callbackUrl);
    expect([stranger.status, dataError(stranger)]).toEqual([400, 'state-mismatch']);
    const user = session();
    const { callbackUrl: own } = await user.onboard({ providers: 'mock-single-account', mock_decision: 'deny' });
    const forged = new URL(own);
    forged.searchParams.set('state', 'forged');
    expect(dataError(await user.get(forged.href))).toBe('state-mismatch');
  });

  it('escapes what it renders from the callback', async () => {
    const user = session();
    const { callbackUrl } = await user.onboard({ mock_decision: 'deny' });
    const url = new URL(callbackUrl);
    url.searchParams.set('error', '<script>alert(1)</script>');
    const page = await user.get(url.href);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('&lt;script&gt;');
  });
});
