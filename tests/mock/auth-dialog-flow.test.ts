// The auth dialog's route in-process (no server): what each step answers (page, redirect or form_post), the state
// each page seals for the next, the headers every page carries, the code minted at the end and what it is bound to,
// and the steps a forged or stale page state cannot reach. tests/mock/auth-dialog.test.ts drives the same over HTTP.
import type { IncomingMessage } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAuthCodeStore, type AuthCodeStore } from '../../mocks/auth-codes.ts';
import { handleAuthDialog, type DialogSettings } from '../../mocks/auth-dialog.ts';
import type { DialogPolicy } from '../../mocks/auth-request.ts';
import { createDialogSealer, type DialogSealer } from '../../mocks/dialog-state.ts';
import type { Exchange, Outcome } from '../../mocks/exchange.ts';
import { MOCK_BANKS } from '../../mocks/mock-banks.ts';

const REDIRECT = 'https://app.example/callback';
const BASE = { response_type: 'code', client_id: 'test-client', redirect_uri: REDIRECT, scope: 'info signupplus', state: 'st-1' };
const ALL_BANKS = MOCK_BANKS.map((bank) => bank.id);
const PAGE_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
const CANCELLED = 'The user cancelled the authorisation.';

let codes: AuthCodeStore;
let sealer: DialogSealer;
let settings: DialogSettings;

function setUp(policy: DialogPolicy = {}): void {
  const now = () => 1_700_000_000_000;
  codes = createAuthCodeStore(now);
  sealer = createDialogSealer(now, Buffer.alloc(32, 3));
  settings = { policy, sealer, codes };
}
beforeEach(() => setUp());

/** A request as the mock's router hands it over; the dialog reads only the method, the URL and the body. */
function exchangeOf(method: 'GET' | 'POST', query: Record<string, string>, body: Record<string, string> = {}): Exchange {
  return {
    req: { method } as IncomingMessage,
    url: new URL(`http://127.0.0.1/?${new URLSearchParams(query).toString()}`),
    body: Buffer.from(new URLSearchParams(body).toString()),
    traceId: 'trace-1',
    secrets: [],
  } as unknown as Exchange;
}

async function get(query: Record<string, string>): Promise<{ outcome: Outcome; exchange: Exchange }> {
  const exchange = exchangeOf('GET', query);
  return { outcome: await handleAuthDialog(exchange, settings), exchange };
}
async function post(body: Record<string, string>): Promise<{ outcome: Outcome; exchange: Exchange }> {
  const exchange = exchangeOf('POST', {}, body);
  return { outcome: await handleAuthDialog(exchange, settings), exchange };
}
const bodyOf = (outcome: Outcome): string => String(outcome.answer.body);
const dialogOf = (outcome: Outcome): string => /name="dialog" value="([^"]+)"/.exec(bodyOf(outcome))?.[1] ?? '';
const stateOf = (outcome: Outcome) => sealer.open(dialogOf(outcome));
const location = (outcome: Outcome): string => String(outcome.headers?.Location);

function expectPage(outcome: Outcome, status: number, title: string): void {
  expect(outcome.answer.status).toBe(status);
  expect(outcome.answer.headers).toEqual({ 'Content-Type': 'text/html; charset=utf-8' });
  expect(outcome.headers).toEqual({ ...PAGE_HEADERS, 'Content-Security-Policy': CSP });
  expect(bodyOf(outcome)).toContain(`<title>${title} · Signup+ mock</title>`);
}
function expectRedirect(outcome: Outcome, status: 302 | 303, to: string): void {
  expect(outcome.answer).toEqual({ status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '' });
  expect(outcome.headers).toEqual({ ...PAGE_HEADERS, Location: to });
}

describe('the link (GET /)', () => {
  it('an untrusted link gets the error page, never a redirect', async () => {
    const { outcome, exchange } = await get({ ...BASE, redirect_uri: 'javascript:alert(1)' });
    expectPage(outcome, 400, 'This auth link cannot be used');
    expect(bodyOf(outcome)).toContain('<dt>Error</dt><dd><code>invalid_request</code></dd>\n<dt>Parameter</dt><dd><code>redirect_uri</code></dd>');
    expect(bodyOf(outcome)).toContain('redirect_uri must use http or https, not javascript:');
    expect(exchange.scenario).toBe('auth-dialog');
  });

  it('another error is redirected (302) with error, error_description and state, after the redirect URI\'s own query', async () => {
    const { outcome } = await get({ ...BASE, redirect_uri: `${REDIRECT}?tenant=a`, scope: 'info' });
    expectRedirect(outcome, 302, `${REDIRECT}?tenant=a&error=invalid_scope&error_description=scope+must+include+signupplus.&state=st-1`);
  });

  it('in form_post, an error is a page that posts error, error_description and state', async () => {
    const { outcome } = await get({ ...BASE, response_mode: 'form_post', scope: 'info' });
    expect(outcome.answer.status).toBe(200);
    expect(outcome.headers?.['Content-Security-Policy']).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/]{43}='; base-uri 'none'; frame-ancestors 'none'$/,
    );
    expect(bodyOf(outcome)).toContain(`<form method="post" action="${REDIRECT}">
<input type="hidden" name="error" value="invalid_scope">
<input type="hidden" name="error_description" value="scope must include signupplus.">
<input type="hidden" name="state" value="st-1">
<p>`);
  });

  it('opens at the bank choice (3 steps) and seals the link for the next page', async () => {
    const { outcome, exchange } = await get({ ...BASE, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' });
    expectPage(outcome, 200, 'Choose your bank');
    expect(bodyOf(outcome)).toContain('Step 1 of 3: choose your bank');
    expect(stateOf(outcome)).toStrictEqual({
      clientId: 'test-client',
      redirectUri: REDIRECT,
      responseMode: 'query',
      state: 'st-1',
      scopes: ['info', 'signupplus'],
      codeChallenge: 'c'.repeat(43),
      banks: ALL_BANKS,
      step: 'select',
    });
    expect(exchange.scenario).toBe('auth-dialog');
  });

  it('with one bank named, opens at consent (2 steps), and seals no state or challenge the link did not carry', async () => {
    const { state: _state, ...withoutState } = BASE;
    const { outcome } = await get({ ...withoutState, providers: 'mock-joint-account', response_mode: 'form_post' });
    expectPage(outcome, 200, 'Share your data');
    expect(bodyOf(outcome)).toContain('Step 1 of 2: consent');
    expect(stateOf(outcome)).toStrictEqual({
      clientId: 'test-client',
      redirectUri: REDIRECT,
      responseMode: 'form_post',
      scopes: ['info', 'signupplus'],
      banks: ['mock-joint-account'],
      bank: 'mock-joint-account',
      step: 'consent',
    });
  });

  it('with two banks named, asks which (3 steps)', async () => {
    const { outcome } = await get({ ...BASE, providers: 'mock-joint-account mock-slow' });
    expect(bodyOf(outcome)).toContain('Step 1 of 3: choose your bank');
    expect(stateOf(outcome)).toMatchObject({ banks: ['mock-joint-account', 'mock-slow'], step: 'select' });
    expect(stateOf(outcome)).not.toHaveProperty('bank');
  });

  it('mock_decision=deny redirects (302) with access_denied and the state', async () => {
    const { outcome } = await get({ ...BASE, mock_decision: 'deny' });
    expectRedirect(outcome, 302, `${REDIRECT}?error=access_denied&error_description=The+user+cancelled+the+authorisation.&state=st-1`);
  });

  it('mock_decision=approve redirects (302) with a code bound to the client, redirect URI, scopes, challenge and bank', async () => {
    const challenge = 'c'.repeat(43);
    const { outcome, exchange } = await get({ ...BASE, provider_id: 'mock-expired-code', mock_decision: 'approve', code_challenge: challenge, code_challenge_method: 'S256' });
    const code = new URL(location(outcome)).searchParams.get('code') as string;
    expectRedirect(outcome, 302, `${REDIRECT}?code=${code}&state=st-1`);
    expect(code).toMatch(/^mock-code\./);
    expect(exchange.secrets).toEqual([code]);
    expect(exchange.scenario).toBe('expired-code');
    // Presented without the verifier: refused for PKCE, which shows the challenge was bound.
    expect(codes.consume(code, { clientId: 'test-client', redirectUri: REDIRECT })).toMatchObject({ ok: false, error: 'invalid_grant', reason: expect.stringMatching(/code_verifier/) });
  });

  it('a code without PKCE carries exactly the link\'s grant', async () => {
    const { outcome } = await get({ ...BASE, providers: 'mock-single-account', mock_decision: 'approve' });
    const code = new URL(location(outcome)).searchParams.get('code') as string;
    expect(codes.consume(code, { clientId: 'test-client', redirectUri: REDIRECT })).toStrictEqual({
      ok: true,
      grant: { scenario: 'single-account', clientId: 'test-client', redirectUri: REDIRECT, scopes: ['info', 'signupplus'] },
    });
  });
});

describe('the redirect URI keeps its own query', () => {
  it.each([
    ['no query', REDIRECT, `${REDIRECT}?error=access_denied`],
    ['a query', `${REDIRECT}?tenant=a`, `${REDIRECT}?tenant=a&error=access_denied`],
    ['an empty query', `${REDIRECT}?`, `${REDIRECT}?error=access_denied`],
    ['a query ending in &', `${REDIRECT}?tenant=a&`, `${REDIRECT}?tenant=a&error=access_denied`],
    ['a ? inside the query', `${REDIRECT}?next=/a?b`, `${REDIRECT}?next=/a?b&error=access_denied`],
  ])('%s', async (_name, redirectUri, start) => {
    const { state: _state, ...withoutState } = BASE;
    const { outcome } = await get({ ...withoutState, redirect_uri: redirectUri, mock_decision: 'deny' });
    expect(location(outcome)).toBe(`${start}&error_description=The+user+cancelled+the+authorisation.`);
  });
});

describe('the steps (POST /)', () => {
  async function atSelect(query: Record<string, string> = BASE): Promise<string> {
    return dialogOf((await get(query)).outcome);
  }

  it('choose a bank → consent, naming it, with the bank sealed', async () => {
    const { outcome, exchange } = await post({ dialog: await atSelect(), bank: 'mock-server-error', action: 'continue' });
    expectPage(outcome, 200, 'Share your data');
    expect(bodyOf(outcome)).toContain('Step 2 of 3: consent');
    expect(bodyOf(outcome)).toContain('<dt>Bank</dt><dd>Mock Bank: Server error</dd>');
    expect(stateOf(outcome)).toMatchObject({ bank: 'mock-server-error', step: 'consent', banks: ALL_BANKS });
    expect(exchange.scenario).toBe('auth-dialog');
  });

  it.each([
    ['no bank', {}],
    ['an empty bank', { bank: '' }],
    ['a bank the link did not offer', { bank: 'mock-single-account' }],
  ])('%s → the choice again, with the error, at the same step', async (_name, choice) => {
    const dialog = await atSelect({ ...BASE, providers: 'mock-joint-account mock-slow' });
    const { outcome } = await post({ dialog, ...choice, action: 'continue' });
    expectPage(outcome, 200, 'Choose your bank');
    expect(bodyOf(outcome)).toContain('<p class="error" role="alert" id="form-error">Choose one of the banks to continue, or cancel.</p>');
    expect(stateOf(outcome)).toMatchObject({ step: 'select', banks: ['mock-joint-account', 'mock-slow'] });
  });

  it('allow → the bank\'s login, last step; the bank\'s scenario is logged from here on', async () => {
    const consent = await post({ dialog: await atSelect(), bank: 'mock-rate-limited', action: 'continue' });
    const { outcome, exchange } = await post({ dialog: dialogOf(consent.outcome), action: 'allow' });
    expectPage(outcome, 200, 'Log in to Mock Bank: Rate limited');
    expect(bodyOf(outcome)).toContain('Step 3 of 3: log in at your bank');
    expect(bodyOf(outcome)).not.toContain('role="alert"');
    expect(stateOf(outcome)).toMatchObject({ bank: 'mock-rate-limited', step: 'login' });
    expect(exchange.scenario).toBe('rate-limited');
  });

  it.each([
    ['no user name', { password: 'doe' }],
    ['no password', { username: 'john' }],
    ['neither', {}],
  ])('login with %s → the login again, with the error', async (_name, credentials) => {
    const login = (await post({ dialog: dialogOf((await get({ ...BASE, providers: 'mock-single-account' })).outcome), action: 'allow' })).outcome;
    const { outcome } = await post({ dialog: dialogOf(login), ...credentials, action: 'login' });
    expectPage(outcome, 200, 'Log in to Mock Bank: Single account');
    expect(bodyOf(outcome)).toContain('<p class="error" role="alert" id="form-error">Enter a user name and a password (any will do).</p>');
    expect(stateOf(outcome)).toMatchObject({ step: 'login' });
  });

  it('login → 303 to the app with a minted code for the chosen bank and the state', async () => {
    const consent = await post({ dialog: await atSelect(), bank: 'mock-joint-account', action: 'continue' });
    const login = await post({ dialog: dialogOf(consent.outcome), action: 'allow' });
    const { outcome, exchange } = await post({ dialog: dialogOf(login.outcome), username: 'john', password: 'doe', action: 'login' });
    const code = new URL(location(outcome)).searchParams.get('code') as string;
    expectRedirect(outcome, 303, `${REDIRECT}?code=${code}&state=st-1`);
    expect(exchange.secrets).toEqual([code]);
    expect(exchange.scenario).toBe('joint-account');
    expect(codes.consume(code, { clientId: 'test-client', redirectUri: REDIRECT })).toMatchObject({ ok: true, grant: { scenario: 'joint-account' } });
  });

  it.each(['select', 'consent', 'login'])('cancel at %s → 303 to the app with access_denied and the state', async (at) => {
    let dialog = await atSelect();
    if (at !== 'select') dialog = dialogOf((await post({ dialog, bank: 'mock-single-account', action: 'continue' })).outcome);
    if (at === 'login') dialog = dialogOf((await post({ dialog, action: 'allow' })).outcome);
    const { outcome } = await post({ dialog, action: 'cancel' });
    expectRedirect(outcome, 303, `${REDIRECT}?error=access_denied&error_description=The+user+cancelled+the+authorisation.&state=st-1`);
  });

  it('in form_post, the end is a page posting the code and the state', async () => {
    const login = await post({ dialog: dialogOf((await get({ ...BASE, providers: 'mock-single-account', response_mode: 'form_post' })).outcome), action: 'allow' });
    const { outcome } = await post({ dialog: dialogOf(login.outcome), username: 'a', password: 'b', action: 'login' });
    expect(outcome.answer.status).toBe(200);
    expect(outcome.headers?.Location).toBeUndefined();
    expect(bodyOf(outcome)).toMatch(/<input type="hidden" name="code" value="mock-code\.[\w-]+">\n<input type="hidden" name="state" value="st-1">\n/);
  });

  it('a missing, foreign or edited page state gets the expired page, not a redirect', async () => {
    const foreign = createDialogSealer(() => 1_700_000_000_000, Buffer.alloc(32, 4)).seal({ redirectUri: REDIRECT, step: 'select' });
    for (const body of [{ action: 'cancel' }, { dialog: foreign, action: 'cancel' }, { dialog: `${await atSelect()}x`, action: 'cancel' }]) {
      const { outcome } = await post(body);
      expectPage(outcome, 400, 'This page has expired');
    }
  });

  it('a sealed state past the bank choice without a known bank gets the expired page', async () => {
    const sealed = { clientId: 'c', redirectUri: REDIRECT, responseMode: 'query', scopes: ['signupplus'], banks: ['mock-gone'] };
    for (const state of [{ ...sealed, step: 'consent', bank: 'mock-gone' }, { ...sealed, step: 'login' }]) {
      const { outcome, exchange } = await post({ dialog: sealer.seal(state), username: 'a', password: 'b', action: 'login' });
      expectPage(outcome, 400, 'This page has expired');
      expect(exchange.secrets).toEqual([]);
    }
  });

  it('a bank the running mock does not know (a state sealed by an older build) is never rendered: the choice of known ones is', async () => {
    const sealed = { clientId: 'c', redirectUri: REDIRECT, responseMode: 'query', scopes: ['signupplus'], banks: ['mock-gone', 'mock-joint-account'], step: 'select' };
    const { outcome } = await post({ dialog: sealer.seal(sealed), bank: 'mock-gone', action: 'continue' });
    expectPage(outcome, 200, 'Choose your bank');
    expect(bodyOf(outcome)).toContain('Step 1 of 3: choose your bank');
    expect([...bodyOf(outcome).matchAll(/name="bank" value="([^"]+)"/g)].map((match) => match[1])).toEqual(['mock-joint-account']);
    expect(stateOf(outcome)).toMatchObject({ bank: 'mock-gone', step: 'consent' });
  });
});
