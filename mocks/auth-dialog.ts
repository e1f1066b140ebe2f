// The auth link on the mock (`GET /` and the dialog's own `POST /`): bank selection (skipped when the link names one
// bank), consent, mock bank login, then the redirect with a minted single-use `code` and `state`, or
// `error=access_denied` when the user cancels. `mock_decision=approve|deny` answers at once, for tests without a browser.
import type { AuthCodeStore } from './auth-codes.ts';
import { checkAuthRequest, type AuthRequest, type DialogPolicy, type ResponseMode, type ReturnTo } from './auth-request.ts';
import { consentPage, errorPage, expiredPage, formPostPage, loginPage, selectPage, type Page, type StepContext } from './auth-pages.ts';
import type { DialogSealer } from './dialog-state.ts';
import type { Exchange, Outcome } from './exchange.ts';
import { bankById, type MockBank } from './mock-banks.ts';

export interface DialogSettings {
  policy: DialogPolicy;
  sealer: DialogSealer;
  codes: AuthCodeStore;
}

type Step = 'select' | 'consent' | 'login';

/** What the sealed hidden field carries from one page to the next (validated once, on the first GET). */
interface DialogState {
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  /** Absent when the link had none (sealing drops an undefined one). */
  state?: string | undefined;
  scopes: string[];
  codeChallenge?: string | undefined;
  /** Ids of the banks the link offers. */
  banks: string[];
  bank?: string;
  step: Step;
}

/** Pages are never cached, framed, or leak their URL as a referrer. */
const PAGE_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };

function pageOutcome(page: Page): Outcome {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    page.scriptHashes.length ? `script-src ${page.scriptHashes.join(' ')}` : '',
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].filter(Boolean).join('; ');
  return {
    answer: { status: page.status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: page.body },
    headers: { ...PAGE_HEADERS, 'Content-Security-Policy': csp },
  };
}

/** RFC 6749 §4.1.2: parameters added to the redirect URI's query, which is kept as it is. */
function withQuery(redirectUri: string, params: Record<string, string>): string {
  const separator = redirectUri.includes('?') ? (/[?&]$/.test(redirectUri) ? '' : '&') : '?';
  return `${redirectUri}${separator}${new URLSearchParams(params).toString()}`;
}

/** The answer to the app: a redirect (303 after a form, 302 after the link itself) or, for form_post, a self-posting form. */
function returnToApp(to: ReturnTo, params: Record<string, string>, afterPost: boolean): Outcome {
  const fields = { ...params, ...(to.state !== undefined ? { state: to.state } : {}) };
  if (to.responseMode === 'form_post') return pageOutcome(formPostPage(to.redirectUri, fields));
  return {
    answer: { status: afterPost ? 303 : 302, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '' },
    headers: { ...PAGE_HEADERS, Location: withQuery(to.redirectUri, fields) },
  };
}

function returnTo(state: DialogState): ReturnTo {
  return { redirectUri: state.redirectUri, responseMode: state.responseMode, ...(state.state !== undefined ? { state: state.state } : {}) };
}

const denied = (to: ReturnTo, afterPost: boolean): Outcome =>
  returnToApp(to, { error: 'access_denied', error_description: 'The user cancelled the authorisation.' }, afterPost);

function approved(exchange: Exchange, settings: DialogSettings, state: DialogState, bank: MockBank, afterPost: boolean): Outcome {
  const code = settings.codes.mint({
    scenario: bank.scenario,
    clientId: state.clientId,
    redirectUri: state.redirectUri,
    scopes: state.scopes,
    ...(state.codeChallenge !== undefined ? { codeChallenge: state.codeChallenge } : {}),
  });
  exchange.secrets.push(code);
  return returnToApp(returnTo(state), { code }, afterPost);
}

function render(settings: DialogSettings, state: DialogState, error?: string): Outcome {
  const context: StepContext = {
    dialog: settings.sealer.seal(state),
    clientId: state.clientId,
    steps: state.banks.length > 1 ? 3 : 2,
    error,
  };
  const bank = state.bank ? bankById(state.bank) : undefined;
  // At the choice no bank is set yet; a bank this build does not know gets the choice again.
  if (!bank) {
    return pageOutcome(selectPage(context, state.banks.map((id) => bankById(id)).filter((b): b is MockBank => Boolean(b))));
  }
  if (state.step === 'consent') return pageOutcome(consentPage(context, bank, state.scopes));
  return pageOutcome(loginPage(context, bank));
}

function firstState(request: AuthRequest): DialogState {
  const only = request.banks.length === 1 ? request.banks[0] : undefined;
  return {
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    responseMode: request.responseMode,
    state: request.state,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    banks: request.banks.map((bank) => bank.id),
    ...(only ? { bank: only.id, step: 'consent' as const } : { step: 'select' as const }),
  };
}

export async function handleAuthDialog(exchange: Exchange, settings: DialogSettings): Promise<Outcome> {
  exchange.scenario = 'auth-dialog';
  if (exchange.req.method === 'POST') return handleStep(exchange, settings);
  const check = checkAuthRequest(exchange.url.searchParams, settings.policy);
  if (check.kind === 'error-page') return pageOutcome(errorPage(check.error, check.parameter, check.message));
  if (check.kind === 'redirect-error') return returnToApp(check.to, { error: check.error, error_description: check.description }, false);
  const { request } = check;
  if (request.decision === 'deny') return denied(request, false);
  const state = firstState(request);
  if (request.decision === 'approve') {
    const bank = request.banks[0] as MockBank;
    exchange.scenario = bank.scenario;
    return approved(exchange, settings, state, bank, false);
  }
  return render(settings, state);
}

async function handleStep(exchange: Exchange, settings: DialogSettings): Promise<Outcome> {
  const form = new URLSearchParams(exchange.body.toString('utf8'));
  const opened = settings.sealer.open(form.get('dialog') ?? '');
  if (!opened) return pageOutcome(expiredPage());
  const state = opened as unknown as DialogState;
  if (form.get('action') === 'cancel') return denied(returnTo(state), true);
  if (state.step === 'select') {
    const chosen = form.get('bank') ?? '';
    if (!state.banks.includes(chosen)) return render(settings, state, 'Choose one of the banks to continue, or cancel.');
    return render(settings, { ...state, bank: chosen, step: 'consent' });
  }
  const bank = bankById(state.bank ?? '');
  if (!bank) return pageOutcome(expiredPage());
  exchange.scenario = bank.scenario;
  if (state.step === 'consent') return render(settings, { ...state, step: 'login' });
  if (!form.get('username') || !form.get('password')) return render(settings, state, 'Enter a user name and a password (any will do).');
  return approved(exchange, settings, state, bank, true);
}
