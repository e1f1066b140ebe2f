// The example app's pages: plain HTML, every value escaped. What an onboarding page shows for each outcome of
// Signup+: the identity, the choice between several accounts, and a clear page for each error.
import type { Identity, LinkedAccount } from 'signup-plus-harness';

export function escape(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function layout(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Example app</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#111827;background:#fafaf9}
header{padding:.75rem 1rem;background:#065f46;color:#fff;font-weight:600}
main{max-width:36rem;margin:1.5rem auto;padding:0 1rem}
button,.button{display:inline-block;font:inherit;padding:.6rem 1.2rem;border-radius:.375rem;border:0;background:#065f46;color:#fff;text-decoration:none;cursor:pointer}
label{display:flex;gap:.5rem;align-items:center;padding:.6rem;border:1px solid #d6d3d1;border-radius:.375rem;margin:.5rem 0;cursor:pointer}
fieldset{margin:0 0 1rem}
dt{font-weight:600}dd{margin:0 0 .5rem}
.error{border-left:4px solid #b91c1c;padding-left:.75rem}
</style>
</head>
<body>
<header>Example app: onboarding with Signup+</header>
<main>
${main}
</main>
</body>
</html>
`;
}

export function homePage(): string {
  return layout(
    'Sign up',
    `<h1>Sign up in one step</h1>
<p>Connect your bank and we fill in your name, date of birth and address for you.</p>
<form method="get" action="/connect"><button type="submit">Connect your bank</button></form>`,
  );
}

export function identityPage(identity: Identity): string {
  const address = identity.address;
  const details = identity.account_details;
  const lines = [address.address_line1, address.address_line2, address.city, address.state, address.zip, address.country_code].filter(Boolean);
  return layout(
    'Check your details',
    `<h1>Welcome, ${escape(identity.first_name)} ${escape(identity.last_name)}</h1>
<p>Your bank shared these details. Check them before you continue.</p>
<dl>
<dt>Name</dt><dd>${escape([identity.title, identity.first_name, identity.last_name].filter(Boolean).join(' '))}</dd>
<dt>Date of birth</dt><dd>${escape(identity.date_of_birth)}</dd>
<dt>Address</dt><dd>${lines.map(escape).join('<br>')}</dd>
<dt>Account</dt><dd>${details.sort_code ? `Sort code ${escape(details.sort_code)}, account number <span id="account-number">${escape(details.account_number)}</span>` : escape(details.iban)}</dd>
</dl>
<a class="button" href="/">Done</a>`,
  );
}

export function chooseAccountPage(accounts: readonly LinkedAccount[]): string {
  return layout(
    'Choose an account',
    `<h1>Which account should we use?</h1>
<p>You connected several accounts. Choose the one whose holder is signing up.</p>
<form method="get" action="/accounts">
<fieldset><legend>Your accounts</legend>
${accounts
  .map(
    (account, index) => `<label for="account-${index}"><input type="radio" id="account-${index}" name="account_id" value="${escape(account.account_id)}"${index === 0 ? ' required' : ''}>
${escape(account.display_name)} (${escape(account.sort_code)} ${escape(account.account_number)})</label>`,
  )
  .join('\n')}
</fieldset>
<button type="submit">Use this account</button>
</form>`,
  );
}

export interface Explanation {
  status: number;
  /** Stable, for tests and support: which error page this is. */
  kind: string;
  title: string;
  message: string;
}

export function errorPage(explanation: Explanation): string {
  return layout(
    explanation.title,
    `<h1>${escape(explanation.title)}</h1>
<p class="error" role="alert" data-error="${escape(explanation.kind)}">${escape(explanation.message)}</p>
<a class="button" href="/connect">Connect your bank again</a> <a href="/">Back to the start</a>`,
  );
}
