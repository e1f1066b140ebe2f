// The auth dialog's pages: plain server-rendered HTML that works without JavaScript, one decision a page, a label on
// every control and a Cancel on every step. A neutral look on purpose: this is a local mock, not TrueLayer.
import { createHash } from 'node:crypto';
import { Html, html } from './html.ts';
import type { MockBank } from './mock-banks.ts';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f3f4f6}
.mock{margin:0;padding:.5rem 1rem;background:#374151;color:#fff;font-size:.875rem;text-align:center}
main{max-width:34rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border:1px solid #d1d5db;border-radius:.5rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
.step{margin:0 0 .25rem;color:#4b5563;font-size:.875rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.bank{display:flex;gap:.75rem;align-items:flex-start;padding:.75rem;border:1px solid #d1d5db;border-radius:.375rem;margin-bottom:.5rem;cursor:pointer}
.bank:hover{border-color:#6b7280}
.bank input{flex:none;margin-top:.3rem;width:1.1rem;height:1.1rem}
.bank small{display:block;color:#4b5563}
label.field{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password]{width:100%;padding:.6rem;font:inherit;border:1px solid #6b7280;border-radius:.375rem}
.hint{color:#4b5563;font-size:.875rem}
.error{padding:.75rem;border-left:4px solid #b91c1c;background:#fef2f2;margin:0 0 1rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.375rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer;min-height:2.75rem}
button.secondary{background:#fff;color:#1f2328;border-color:#6b7280}
button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
dl{margin:0 0 1rem}dt{font-weight:600}dd{margin:0 0 .5rem}
ul{padding-left:1.25rem}
code{font-size:.9em;overflow-wrap:anywhere}
fieldset+fieldset{margin-top:1.25rem}
@media (max-width:36rem){main{margin:0;border:0;border-radius:0}.actions button{flex:1 1 100%}}
`;

const SCOPE_TEXT: Record<string, string> = {
  signupplus: 'Your identity for sign-up: name, date of birth, address and the account’s details (Signup+)',
  info: 'Your name and contact details held by the bank',
  accounts: 'Your accounts and their details',
  balance: 'Your account balances',
  transactions: 'Your transactions',
  offline_access: 'Keep this access after you close this page (a refresh token)',
};

export interface Page {
  status: number;
  body: string;
  /** The SHA-256 sources of inline scripts, for the Content-Security-Policy. */
  scriptHashes: string[];
}

function layout(title: string, main: Html, scripts: string[] = []): Page {
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Signup+ mock</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<p class="mock" role="note">Signup+ mock: a local test server. No real bank is contacted; nothing here is TrueLayer.</p>
<main>
${main}
</main>
</body>
</html>
`;
  return { status: 200, body: doc.text, scriptHashes: scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`) };
}

function step(current: number, total: number, name: string): Html {
  return html`<p class="step">Step ${current} of ${total}: ${name}</p>`;
}

function errorBox(message: string | undefined): Html | undefined {
  return message ? html`<p class="error" role="alert" id="form-error">${message}</p>` : undefined;
}

function actions(primary: string, primaryValue: string): Html {
  // Primary first: Enter in a field submits the first button of the form. Cancel skips the browser's field checks.
  return html`<div class="actions">
<button type="submit" name="action" value="${primaryValue}">${primary}</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
</div>`;
}

export interface StepContext {
  /** The sealed dialog state (mocks/dialog-state.ts). */
  dialog: string;
  clientId: string;
  /** 3 steps with bank selection, 2 when the link named one bank. */
  steps: number;
  error?: string | undefined;
}

/** One radio group; `required` on each radio lets the browser ask for a choice before the form is sent. */
function bankGroup(legend: string, banks: readonly MockBank[], error: string | undefined): Html | undefined {
  if (banks.length === 0) return undefined;
  return html`<fieldset${error ? html` aria-describedby="form-error"` : undefined}>
<legend>${legend}</legend>
${banks.map(
  (bank) => html`<label class="bank" for="bank-${bank.id}"><input type="radio" id="bank-${bank.id}" name="bank" value="${bank.id}" required>
<span>${bank.name}<small>${bank.outcome}</small></span></label>
`,
)}</fieldset>`;
}

export function selectPage(context: StepContext, banks: readonly MockBank[]): Page {
  return layout(
    'Choose your bank',
    html`${step(1, context.steps, 'choose your bank')}
<h1>Choose your bank</h1>
<p>${context.clientId} asks you to connect a bank account. Each mock bank gives your app a different outcome.</p>
${errorBox(context.error)}
<form method="post" action="/">
<input type="hidden" name="dialog" value="${context.dialog}">
${bankGroup('Mock banks', banks.filter((bank) => !bank.fault), context.error)}
${bankGroup('Mock banks that fail on the wire (timeouts, resets, proxies)', banks.filter((bank) => bank.fault), context.error)}
${actions('Continue', 'continue')}
</form>`,
  );
}

export function consentPage(context: StepContext, bank: MockBank, scopes: readonly string[]): Page {
  return layout(
    'Share your data',
    html`${step(context.steps - 1, context.steps, 'consent')}
<h1>Share your data with ${context.clientId}?</h1>
<dl>
<dt>Bank</dt><dd>${bank.name}</dd>
<dt>Outcome for the app</dt><dd>${bank.outcome}</dd>
</dl>
<p>${context.clientId} asks to see:</p>
<ul>
${scopes.map((scope) => html`<li>${SCOPE_TEXT[scope] ?? scope} <span class="hint">(${scope})</span></li>
`)}</ul>
<form method="post" action="/">
<input type="hidden" name="dialog" value="${context.dialog}">
${actions('Allow', 'allow')}
</form>`,
  );
}

export function loginPage(context: StepContext, bank: MockBank): Page {
  return layout(
    `Log in to ${bank.name}`,
    html`${step(context.steps, context.steps, 'log in at your bank')}
<h1>Log in to ${bank.name}</h1>
${errorBox(context.error)}
<form method="post" action="/">
<input type="hidden" name="dialog" value="${context.dialog}">
<p class="hint" id="login-hint">Any user name and password work at a mock bank; they are filled in for you.</p>
<label class="field" for="username">User name</label>
<input type="text" id="username" name="username" value="john" autocomplete="username" required aria-describedby="login-hint">
<label class="field" for="password">Password</label>
<input type="password" id="password" name="password" value="doe" autocomplete="current-password" required>
${actions('Log in', 'login')}
</form>`,
  );
}

const AUTO_SUBMIT = 'document.forms[0].submit();';

/** OAuth 2.0 Form Post Response Mode: a form that posts itself to the app, with a button for browsers without JavaScript. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): Page {
  return layout(
    'Returning to the app',
    html`<h1>Returning to the app</h1>
<form method="post" action="${redirectUri}">
${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">
`)}<p>If nothing happens, press Continue.</p>
<div class="actions"><button type="submit">Continue</button></div>
</form>
<script>${new Html(AUTO_SUBMIT)}</script>`,
    [AUTO_SUBMIT],
  );
}

export function errorPage(error: string, parameter: string, message: string): Page {
  const page = layout(
    'This auth link cannot be used',
    html`<h1>This auth link cannot be used</h1>
<p class="error" role="alert">${message}</p>
<dl>
<dt>Error</dt><dd><code>${error}</code></dd>
<dt>Parameter</dt><dd><code>${parameter}</code></dd>
</dl>
<p>The auth link was not sent back to your app, because its <code>client_id</code> or <code>redirect_uri</code> cannot be trusted (RFC 6749 §4.1.2.1). Fix the link your app builds and start again.</p>`,
  );
  return { ...page, status: 400 };
}

export function expiredPage(): Page {
  const page = layout(
    'This page has expired',
    html`<h1>This page has expired</h1>
<p class="error" role="alert">This step of the dialog is older than 30 minutes, comes from another run of the mock, or was changed.</p>
<p>Go back to your app and start connecting your bank again.</p>`,
  );
  return { ...page, status: 400 };
}
