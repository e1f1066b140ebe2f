// The auth dialog's pages as a person meets them: one decision a page, a label on every control, Cancel on every
// step, the step count, the scopes in words, errors announced, every value from the link escaped, and the
// form_post page's one inline script allowed by its hash.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consentPage, errorPage, expiredPage, formPostPage, loginPage, selectPage, type StepContext } from '../../mocks/auth-pages.ts';
import { bankById, MOCK_BANKS, type MockBank } from '../../mocks/mock-banks.ts';

const EVIL = '"><script>alert(1)</script>';
const EVIL_ESCAPED = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
const bank = (id: string): MockBank => bankById(id) as MockBank;
const context = (extra: Partial<StepContext> = {}): StepContext => ({ dialog: 'sealed.state', clientId: 'Acme app', steps: 3, ...extra });
const CANCEL = '<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>';

describe('every page', () => {
  const pages = {
    select: selectPage(context(), MOCK_BANKS),
    consent: consentPage(context(), bank('mock-single-account'), ['signupplus']),
    login: loginPage(context(), bank('mock-single-account')),
    formPost: formPostPage('https://app.example/cb', { code: 'c' }),
    error: errorPage('invalid_request', 'client_id', 'client_id is missing.'),
    expired: expiredPage(),
  };

  it.each(Object.entries(pages))('%s: a whole, styled, unindexed document that says it is a local mock', (_name, page) => {
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n/);
    expect(page.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n<title>');
    expect(page.body).toMatch(/<title>[^<]+ · Signup\+ mock<\/title>\n<style>\n\*\{box-sizing:border-box\}\n/);
    // The style keeps the focus ring and the narrow-screen layout.
    expect(page.body).toContain('button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}');
    expect(page.body).toContain('@media (max-width:36rem){main{margin:0;border:0;border-radius:0}.actions button{flex:1 1 100%}}\n</style>\n</head>');
    expect(page.body).toContain(
      '<body>\n<p class="mock" role="note">Signup+ mock: a local test server. No real bank is contacted; nothing here is TrueLayer.</p>\n<main>\n',
    );
    expect(page.body).toMatch(/\n<\/main>\n<\/body>\n<\/html>\n$/);
  });

  it('the dialog steps are 200 with no script; the error and expired pages are 400', () => {
    expect(Object.values(pages).map((page) => [page.status, page.scriptHashes.length])).toEqual([
      [200, 0], [200, 0], [200, 0], [200, 1], [400, 0], [400, 0],
    ]);
  });
});

describe('choosing the bank', () => {
  it('offers the answering banks and the failing ones in two labelled groups, each radio required, then Continue or Cancel', () => {
    const page = selectPage(context(), [bank('mock-single-account'), bank('mock-slow'), bank('mock-joint-account')]);
    expect(page.body).toContain('<title>Choose your bank · Signup+ mock</title>');
    expect(page.body).toContain(`<main>
<p class="step">Step 1 of 3: choose your bank</p>
<h1>Choose your bank</h1>
<p>Acme app asks you to connect a bank account. Each mock bank gives your app a different outcome.</p>

<form method="post" action="/">
<input type="hidden" name="dialog" value="sealed.state">
<fieldset>
<legend>Mock banks</legend>
<label class="bank" for="bank-mock-single-account"><input type="radio" id="bank-mock-single-account" name="bank" value="mock-single-account" required>
<span>Mock Bank: Single account<small>200 single-account identity</small></span></label>
<label class="bank" for="bank-mock-joint-account"><input type="radio" id="bank-mock-joint-account" name="bank" value="mock-joint-account" required>
<span>Mock Bank: Joint account<small>422 Joint Accounts Not Supported</small></span></label>
</fieldset>
<fieldset>
<legend>Mock banks that fail on the wire (timeouts, resets, proxies)</legend>
<label class="bank" for="bank-mock-slow"><input type="radio" id="bank-mock-slow" name="bank" value="mock-slow" required>
<span>Mock Bank: Slow<small>fault: answers after a delay longer than client timeouts</small></span></label>
</fieldset>
<div class="actions">
<button type="submit" name="action" value="continue">Continue</button>
${CANCEL}
</div>
</form>
</main>`);
  });

  it('leaves out a group with no bank', () => {
    const page = selectPage(context({ steps: 3 }), [bank('mock-joint-account')]);
    expect(page.body.match(/<fieldset/g)).toHaveLength(1);
    expect(page.body).not.toContain('fail on the wire');
  });

  it('announces an error and ties it to the groups', () => {
    const page = selectPage(context({ error: 'Choose one <b>bank</b>.' }), [bank('mock-single-account'), bank('mock-slow')]);
    expect(page.body).toContain('</p>\n<p class="error" role="alert" id="form-error">Choose one &lt;b&gt;bank&lt;/b&gt;.</p>\n<form');
    expect(page.body.match(/<fieldset aria-describedby="form-error">\n<legend>/g)).toHaveLength(2);
  });

  it('escapes the client id and the sealed state', () => {
    const page = selectPage(context({ clientId: EVIL, dialog: EVIL }), [bank('mock-single-account')]);
    expect(page.body).toContain(`<p>${EVIL_ESCAPED} asks you to connect a bank account.`);
    expect(page.body).toContain(`<input type="hidden" name="dialog" value="${EVIL_ESCAPED}">`);
    expect(page.body).not.toContain('<script>');
  });
});

describe('consent', () => {
  it('names the bank, its outcome and each scope in words, then Allow or Cancel', () => {
    const page = consentPage(context(), bank('mock-joint-account'), ['info', 'accounts', 'balance', 'transactions', 'signupplus', 'offline_access', 'custom_scope']);
    expect(page.body).toContain('<title>Share your data · Signup+ mock</title>');
    expect(page.body).toContain(`<main>
<p class="step">Step 2 of 3: consent</p>
<h1>Share your data with Acme app?</h1>
<dl>
<dt>Bank</dt><dd>Mock Bank: Joint account</dd>
<dt>Outcome for the app</dt><dd>422 Joint Accounts Not Supported</dd>
</dl>
<p>Acme app asks to see:</p>
<ul>
<li>Your name and contact details held by the bank <span class="hint">(info)</span></li>
<li>Your accounts and their details <span class="hint">(accounts)</span></li>
<li>Your account balances <span class="hint">(balance)</span></li>
<li>Your transactions <span class="hint">(transactions)</span></li>
<li>Your identity for sign-up: name, date of birth, address and the account’s details (Signup+) <span class="hint">(signupplus)</span></li>
<li>Keep this access after you close this page (a refresh token) <span class="hint">(offline_access)</span></li>
<li>custom_scope <span class="hint">(custom_scope)</span></li>
</ul>
<form method="post" action="/">
<input type="hidden" name="dialog" value="sealed.state">
<div class="actions">
<button type="submit" name="action" value="allow">Allow</button>
${CANCEL}
</div>
</form>
</main>`);
  });

  it('is step 1 of 2 when the link named the bank, and escapes the client id and scopes', () => {
    const page = consentPage(context({ steps: 2, clientId: EVIL }), bank('mock-single-account'), [EVIL]);
    expect(page.body).toContain('<p class="step">Step 1 of 2: consent</p>');
    expect(page.body).toContain(`<h1>Share your data with ${EVIL_ESCAPED}?</h1>`);
    expect(page.body).toContain(`<li>${EVIL_ESCAPED} <span class="hint">(${EVIL_ESCAPED})</span></li>`);
    expect(page.body).not.toContain('<script>');
  });
});

describe('the mock bank login', () => {
  it('is the last step, with labelled fields filled in, then Log in or Cancel', () => {
    const page = loginPage(context({ steps: 2 }), bank('mock-server-error'));
    expect(page.body).toContain('<title>Log in to Mock Bank: Server error · Signup+ mock</title>');
    expect(page.body).toContain(`<main>
<p class="step">Step 2 of 2: log in at your bank</p>
<h1>Log in to Mock Bank: Server error</h1>

<form method="post" action="/">
<input type="hidden" name="dialog" value="sealed.state">
<p class="hint" id="login-hint">Any user name and password work at a mock bank; they are filled in for you.</p>
<label class="field" for="username">User name</label>
<input type="text" id="username" name="username" value="john" autocomplete="username" required aria-describedby="login-hint">
<label class="field" for="password">Password</label>
<input type="password" id="password" name="password" value="doe" autocomplete="current-password" required>
<div class="actions">
<button type="submit" name="action" value="login">Log in</button>
${CANCEL}
</div>
</form>
</main>`);
  });

  it('announces an error above the form', () => {
    const page = loginPage(context({ error: 'Enter a user name.' }), bank('mock-single-account'));
    expect(page.body).toContain('<p class="step">Step 3 of 3: log in at your bank</p>');
    expect(page.body).toContain('</h1>\n<p class="error" role="alert" id="form-error">Enter a user name.</p>\n<form');
  });
});

describe('form_post: returning to the app', () => {
  it('posts every field to the redirect URI, escaped, by its one inline script (allowed by hash) or by a button', () => {
    const page = formPostPage(`https://app.example/cb?x=1&y="`, { code: 'mock-code.abc', state: EVIL });
    expect(page.body).toContain('<title>Returning to the app · Signup+ mock</title>');
    expect(page.body).toContain(`<main>
<h1>Returning to the app</h1>
<form method="post" action="https://app.example/cb?x=1&amp;y=&quot;">
<input type="hidden" name="code" value="mock-code.abc">
<input type="hidden" name="state" value="${EVIL_ESCAPED}">
<p>If nothing happens, press Continue.</p>
<div class="actions"><button type="submit">Continue</button></div>
</form>
<script>document.forms[0].submit();</script>
</main>`);
    const hash = createHash('sha256').update('document.forms[0].submit();').digest('base64');
    expect(page.scriptHashes).toEqual([`'sha256-${hash}'`]);
  });
});

describe('pages that end the dialog', () => {
  it('an untrusted link: the error, the parameter and why nothing was sent back, escaped, and no link anywhere', () => {
    const page = errorPage('unauthorized_client', 'redirect_uri', `not allowed: ${EVIL}`);
    expect(page.body).toContain('<title>This auth link cannot be used · Signup+ mock</title>');
    expect(page.body).toContain(`<main>
<h1>This auth link cannot be used</h1>
<p class="error" role="alert">not allowed: ${EVIL_ESCAPED}</p>
<dl>
<dt>Error</dt><dd><code>unauthorized_client</code></dd>
<dt>Parameter</dt><dd><code>redirect_uri</code></dd>
</dl>
<p>The auth link was not sent back to your app, because its <code>client_id</code> or <code>redirect_uri</code> cannot be trusted (RFC 6749 §4.1.2.1). Fix the link your app builds and start again.</p>
</main>`);
    expect(page.body).not.toMatch(/href=|action=|<script>/);
  });

  it('a stale, foreign or changed step: says so and what to do', () => {
    const page = expiredPage();
    expect(page.body).toContain('<title>This page has expired · Signup+ mock</title>');
    expect(page.body).toContain(`<main>
<h1>This page has expired</h1>
<p class="error" role="alert">This step of the dialog is older than 30 minutes, comes from another run of the mock, or was changed.</p>
<p>Go back to your app and start connecting your bank again.</p>
</main>`);
  });
});
