// The auth link on the mock, over real HTTP without following redirects: validation as an authorization server
// (error page vs redirect back), the pages in order, cancel at every step, escaping, tamper-proof state,
// form_post, the mock-only automation parameter, and the minted code at the token endpoint.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_TTL_MS, startMock, type RunningMock } from '../../mocks/index.ts';
import { codeGrant, FORM, form, raw, type RawAnswer } from './support.ts';

const REDIRECT = 'https://app.example/callback';
const ALLOWED = [REDIRECT, 'http://127.0.0.1:3000/callback?tenant=a'];
const BASE = { response_type: 'code', client_id: 'test-client', redirect_uri: REDIRECT, scope: 'info signupplus offline_access', state: 'st-123' };

let mock: RunningMock;
let open: RunningMock;
const clock = { now: 1_700_000_000_000 };
const logLines: string[] = [];

beforeAll(async () => {
  [mock, open] = await Promise.all([
    startMock({ port: 0, redirectUris: ALLOWED, now: () => clock.now, log: (line) => logLines.push(line) }),
    startMock({ port: 0, quiet: true, clientId: 'test-client', clientSecret: 'test-secret' }),
  ]);
});
afterAll(() => Promise.all([mock.close(), open.close()]));

function link(params: Record<string, string>, base: string = mock.url): string {
  return `${base}/?${new URLSearchParams(params).toString()}`;
}
const authorize = (params: Record<string, string>, base?: string): Promise<RawAnswer> => raw(link(params, base));
const hidden = (page: RawAnswer): string => /name="dialog" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
const post = (fields: Record<string, string>): Promise<RawAnswer> => raw(`${mock.url}/`, { method: 'POST', headers: FORM, body: form(fields) });
const locationOf = (answer: RawAnswer): URL => new URL(String(answer.headers.location));

/** Walks the dialog as a person does: choose the bank, allow, log in. */
async function walk(params: Record<string, string>, bank = 'mock-single-account'): Promise<RawAnswer> {
  const first = await authorize(params);
  expect(first.status).toBe(200);
  const consent = first.text.includes('name="bank"') ? await post({ dialog: hidden(first), bank, action: 'continue' }) : first;
  expect(consent.text).toContain('Share your data');
  const login = await post({ dialog: hidden(consent), action: 'allow' });
  expect(login.text).toContain('Log in to');
  return post({ dialog: hidden(login), username: 'john', password: 'doe', action: 'login' });
}

function exchange(code: string, extra: Record<string, string> = {}): Promise<RawAnswer> {
  return raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: form(codeGrant(code, extra)) });
}

describe('an auth link that cannot be trusted gets an error page, never a redirect', () => {
  it.each([
    ['no client_id', { client_id: '' }, 'client_id'],
    ['client_id twice', { client_id: 'test-client&client_id=other' }, 'client_id'],
    ['no redirect_uri', { redirect_uri: '' }, 'redirect_uri'],
    ['a relative redirect_uri', { redirect_uri: '/callback' }, 'redirect_uri'],
    ['a javascript: redirect_uri', { redirect_uri: 'javascript:alert(1)' }, 'redirect_uri'],
    ['a data: redirect_uri', { redirect_uri: 'data:text/html,<script>alert(1)</script>' }, 'redirect_uri'],
    ['a custom-scheme redirect_uri', { redirect_uri: 'myapp://callback' }, 'redirect_uri'],
    ['a redirect_uri with a fragment', { redirect_uri: `${REDIRECT}#x` }, 'redirect_uri'],
    ['a redirect_uri with credentials', { redirect_uri: 'https://user:pw@app.example/callback' }, 'redirect_uri'],
    ['a redirect_uri not on the allow-list', { redirect_uri: 'https://evil.example/callback' }, 'redirect_uri'],
    ['an allowed redirect_uri with another query', { redirect_uri: 'http://127.0.0.1:3000/callback?tenant=b' }, 'redirect_uri'],
  ])('%s', async (_name, override, parameter) => {
    const params = { ...BASE, ...override };
    // "client_id twice" needs a raw query: URLSearchParams would encode the second one into the first.
    const url = link(params).replace('client_id=test-client%26client_id%3Dother', 'client_id=test-client&client_id=other');
    const answer = await raw(url);
    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain('This auth link cannot be used');
    expect(answer.text).toContain(`<code>${parameter}</code>`);
    // Not even a link back: the page names no redirect target.
    expect(answer.text).not.toMatch(/href=|action=/);
  });

  it('a client_id other than the one the mock checks (--client-id) is unauthorized_client', async () => {
    const answer = await authorize({ ...BASE, client_id: 'someone-else' }, open.url);
    expect([answer.status, answer.headers.location]).toEqual([400, undefined]);
    expect(answer.text).toContain('unauthorized_client');
    expect((await authorize(BASE, open.url)).status).toBe(200);
  });

  it('without an allow-list any http(s) redirect_uri is accepted, and javascript: still is not', async () => {
    expect((await authorize({ ...BASE, redirect_uri: 'http://127.0.0.1:9/anything' }, open.url)).status).toBe(200);
    const evil = await authorize({ ...BASE, redirect_uri: 'javascript:alert(1)' }, open.url);
    expect([evil.status, evil.headers.location]).toEqual([400, undefined]);
  });
});

describe('other errors go back to the app with error, error_description and state', () => {
  it.each([
    ['no response_type', { response_type: '' }, 'invalid_request'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
    ['a scope without signupplus', { scope: 'info accounts' }, 'invalid_scope'],
    ['no scope', { scope: '' }, 'invalid_scope'],
    ['an unknown response_mode', { response_mode: 'fragment' }, 'invalid_request'],
    ['code_challenge_method=plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
    ['code_challenge without a method', { code_challenge: 'a'.repeat(43) }, 'invalid_request'],
    ['a method without code_challenge', { code_challenge_method: 'S256' }, 'invalid_request'],
    ['a malformed code_challenge', { code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
    ['an unknown mock bank', { providers: 'mock-no-such-bank' }, 'invalid_request'],
    ['provider_id not among providers', { providers: 'mock-joint-account', provider_id: 'mock-single-account' }, 'invalid_request'],
    ['mock_decision=approve without one bank', { mock_decision: 'approve' }, 'invalid_request'],
    ['an unknown mock_decision', { mock_decision: 'maybe', providers: 'mock-single-account' }, 'invalid_request'],
  ])('%s → error=%s', async (_name, override, error) => {
    const answer = await authorize({ ...BASE, ...override });
    expect(answer.status).toBe(302);
    const back = locationOf(answer);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe(error);
    expect(back.searchParams.get('error_description')).toMatch(/\w/);
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('a repeated parameter is invalid_request', async () => {
    const answer = await raw(`${link(BASE)}&scope=signupplus`);
    expect(locationOf(answer).searchParams.get('error')).toBe('invalid_request');
  });

  it('unknown parameters and TrueLayer\'s other ones (nonce, enable_mock, real providers) are accepted', async () => {
    const answer = await authorize({ ...BASE, nonce: 'n-1', enable_mock: 'true', providers: 'uk-ob-all uk-cs-mock', provider_id: 'ob-monzo', whatever: '1' });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Choose your bank');
  });
});

describe('the dialog', () => {
  it('offers every scenario as a bank, then consent, then login, then redirects with a code and the state', async () => {
    const first = await authorize(BASE);
    expect(first.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.text).toContain('<meta name="viewport"');
    for (const bank of ['mock-single-account', 'mock-multiple-accounts', 'mock-user-data-not-found', 'mock-joint-account']) {
      expect(first.text).toContain(`value="${bank}"`);
    }
    // Every control has a label.
    for (const [, id] of first.text.matchAll(/<input type="radio" id="([^"]+)"/g)) expect(first.text).toContain(`<label class="bank" for="${id}">`);
    const done = await walk(BASE, 'mock-multiple-accounts');
    expect(done.status).toBe(303);
    const back = locationOf(done);
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code') as string;
    const token = await exchange(code);
    expect(token.status).toBe(200);
    const accounts = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${token.json.access_token}` } });
    expect(accounts.json.result).toBe('multiple_accounts_linked');
  });

  it('skips the bank selection when providers names one mock bank (2 steps)', async () => {
    const first = await authorize({ ...BASE, providers: 'uk-ob-all mock-joint-account' });
    expect(first.text).toContain('Step 1 of 2: consent');
    expect(first.text).toContain('Mock Bank: Joint account');
  });

  it('offers only the mock banks that providers names', async () => {
    const first = await authorize({ ...BASE, providers: 'mock-joint-account mock-server-error' });
    expect([...first.text.matchAll(/name="bank" value="([^"]+)"/g)].map((m) => m[1])).toEqual(['mock-joint-account', 'mock-server-error']);
  });

  it('keeps the redirect URI\'s own query', async () => {
    const done = await walk({ ...BASE, redirect_uri: 'http://127.0.0.1:3000/callback?tenant=a' });
    expect(String(done.headers.location)).toMatch(/^http:\/\/127\.0\.0\.1:3000\/callback\?tenant=a&code=mock-code\.[\w-]+&state=st-123$/);
  });

  it('omits state when the link had none', async () => {
    const { state: _state, ...withoutState } = BASE;
    const back = locationOf(await walk(withoutState));
    expect([...back.searchParams.keys()]).toEqual(['code']);
  });

  it.each(['select', 'consent', 'login'])('cancel at the %s step → error=access_denied with the state', async (stepName) => {
    let page = await authorize(BASE);
    if (stepName !== 'select') page = await post({ dialog: hidden(page), bank: 'mock-single-account', action: 'continue' });
    if (stepName === 'login') page = await post({ dialog: hidden(page), action: 'allow' });
    const answer = await post({ dialog: hidden(page), action: 'cancel' });
    expect(answer.status).toBe(303);
    const back = locationOf(answer);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('asks again, with an error, when no bank is chosen or the login is empty', async () => {
    const first = await authorize(BASE);
    const again = await post({ dialog: hidden(first), action: 'continue' });
    expect([again.status, again.text.includes('role="alert"'), again.text.includes('Choose your bank')]).toEqual([200, true, true]);
    const foreign = await post({ dialog: hidden(first), bank: 'mock-not-offered', action: 'continue' });
    expect(foreign.text).toContain('Choose one of the banks');
    const consent = await post({ dialog: hidden(first), bank: 'mock-single-account', action: 'continue' });
    const login = await post({ dialog: hidden(consent), action: 'allow' });
    const empty = await post({ dialog: hidden(login), username: '', password: '', action: 'login' });
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Enter a user name and a password');
  });

  it('refuses a changed, foreign or stale page state with a page, not a redirect', async () => {
    const first = await authorize(BASE);
    const sealed = hidden(first);
    const [payload, signature] = sealed.split('.') as [string, string];
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    state.v.redirectUri = 'javascript:alert(1)';
    const forged = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${signature}`;
    const fromOtherMock = hidden(await authorize(BASE, open.url));
    for (const dialog of [forged, fromOtherMock, '', 'x.y.z']) {
      const answer = await post({ dialog, action: 'cancel' });
      expect([answer.status, answer.headers.location]).toEqual([400, undefined]);
      expect(answer.text).toContain('This page has expired');
    }
    clock.now += 31 * 60 * 1000;
    const stale = await post({ dialog: sealed, action: 'cancel' });
    expect([stale.status, stale.headers.location]).toEqual([400, undefined]);
  });

  it('escapes everything it renders from the link', async () => {
    const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const page = await authorize({ ...BASE, client_id: evil, state: evil, providers: 'mock-single-account' });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const error = await authorize({ ...BASE, redirect_uri: `https://app.example/${evil}#` });
    expect(error.text).not.toContain('<script>alert(1)');
  });

  it('form_post: a page that posts code and state to the redirect URI, with a button for no-JavaScript browsers', async () => {
    const evilState = '"><b>x</b>';
    const done = await walk({ ...BASE, response_mode: 'form_post', state: evilState });
    expect(done.status).toBe(200);
    expect(done.headers.location).toBeUndefined();
    expect(done.text).toContain(`<form method="post" action="${REDIRECT}">`);
    expect(done.text).toMatch(/<input type="hidden" name="code" value="mock-code\.[\w-]+">/);
    expect(done.text).toContain('<input type="hidden" name="state" value="&quot;&gt;&lt;b&gt;x&lt;/b&gt;">');
    expect(done.text).toContain('<button type="submit">Continue</button>');
    // The one inline script is allowed by its hash, nothing else.
    const script = /<script>(.*?)<\/script>/.exec(done.text)?.[1] as string;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(done.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
  });

  it('form_post errors are posted too', async () => {
    const answer = await authorize({ ...BASE, response_mode: 'form_post', scope: 'info' });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('name="error" value="invalid_scope"');
  });
});

describe('automation without a browser: providers=mock-<scenario> and mock_decision', () => {
  it('approve: one redirect carries a code for that bank', async () => {
    const answer = await authorize({ ...BASE, providers: 'mock-user-data-not-found', mock_decision: 'approve' });
    expect(answer.status).toBe(302);
    const code = locationOf(answer).searchParams.get('code') as string;
    const token = await exchange(code);
    const accounts = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${token.json.access_token}` } });
    expect([accounts.status, accounts.json.title]).toEqual([422, 'User Data Not Found']);
  });

  it('approve with provider_id works as well', async () => {
    const answer = await authorize({ ...BASE, provider_id: 'mock-single-account', mock_decision: 'approve' });
    expect(locationOf(answer).searchParams.get('code')).toMatch(/^mock-code\./);
  });

  it('deny: error=access_denied', async () => {
    const answer = await authorize({ ...BASE, mock_decision: 'deny' });
    expect(locationOf(answer).searchParams.get('error')).toBe('access_denied');
  });

  it('fetch with redirect: "manual" sees the redirect and its code', async () => {
    const answer = await fetch(link({ ...BASE, providers: 'mock-single-account', mock_decision: 'approve' }), { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toMatch(/^https:\/\/app\.example\/callback\?code=mock-code\./);
  });
});

describe('a minted code at the token endpoint', () => {
  const approve = async (extra: Record<string, string> = {}): Promise<string> =>
    locationOf(await authorize({ ...BASE, providers: 'mock-single-account', mock_decision: 'approve', ...extra })).searchParams.get('code') as string;

  it('exchanges once; a replay gets 400 invalid_authorization_code', async () => {
    const code = await approve();
    expect((await exchange(code)).status).toBe(200);
    const replay = await exchange(code);
    expect([replay.status, replay.json.error]).toEqual([400, 'invalid_authorization_code']);
  });

  it('grants the consented scopes, and a refresh token only with offline_access', async () => {
    const offline = await exchange(await approve());
    expect([offline.status, offline.json.scope, typeof offline.json.refresh_token]).toEqual([200, 'info signupplus offline_access', 'string']);
    const online = await exchange(await approve({ scope: 'signupplus' }));
    expect([online.status, online.json.scope, 'refresh_token' in online.json]).toEqual([200, 'signupplus', false]);
  });

  it('expires after 5 minutes (injected clock)', async () => {
    const code = await approve();
    clock.now += CODE_TTL_MS;
    const late = await exchange(code);
    expect([late.status, late.json.error]).toEqual([400, 'invalid_authorization_code']);
  });

  it.each([
    ['another client_id', { client_id: 'other-client' }],
    ['another redirect_uri', { redirect_uri: 'https://app.example/other' }],
  ])('with %s gets invalid_grant', async (_name, extra) => {
    const answer = await exchange(await approve(), extra);
    expect([answer.status, answer.json.error]).toEqual([400, 'invalid_grant']);
  });

  it('with PKCE needs the matching code_verifier', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    expect((await exchange(await approve(pkce))).json.error).toBe('invalid_grant');
    expect((await exchange(await approve(pkce), { code_verifier: `${verifier}0` })).json.error).toBe('invalid_grant');
    expect((await exchange(await approve(pkce), { code_verifier: verifier })).status).toBe(200);
  });

  it('an unknown mock-code. is invalid_authorization_code, and literal scenario codes still work', async () => {
    expect((await exchange('mock-code.never-minted')).json.error).toBe('invalid_authorization_code');
    expect((await exchange('multiple-accounts')).status).toBe(200);
    expect((await exchange('multiple-accounts')).status).toBe(200);
  });

  it('never writes a minted code, a verifier or the bank password to the request log or the journal', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await approve({ code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
    await exchange(code, { code_verifier: verifier });
    const log = logLines.join('\n');
    expect(log).toContain('POST /connect/token');
    expect(log).not.toContain(code);
    expect(log).not.toContain(code.slice('mock-code.'.length));
    expect(log).not.toContain(verifier);
    await walk({ ...BASE, providers: 'mock-single-account' });
    const journal = JSON.stringify(mock.requests());
    expect(journal).toContain('/connect/token');
    expect(journal).toContain('"path":"/"');
    for (const secret of [code, code.slice('mock-code.'.length), verifier, '"doe"']) expect(journal).not.toContain(secret);
  });
});
