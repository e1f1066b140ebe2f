// Validates an auth link (`GET /?response_type=code&client_id=…`) as an authorization server does (RFC 6749
// §4.1.2.1): a bad client_id or redirect_uri gets an error page and never a redirect; any other error is sent back
// to the (validated) redirect URI. Pure: the query and the mock's policy in, a decision out.
import { bankById, MOCK_BANKS, MOCK_PROVIDER_PREFIX, type MockBank } from './mock-banks.ts';

export type ResponseMode = 'query' | 'form_post';
export type Decision = 'approve' | 'deny';

/** The mock-only parameter that answers the dialog at once (automation without a browser). */
export const DECISION_PARAM = 'mock_decision';
/** A scope of the link must be this one (TrueLayer's Signup+ scope). */
export const REQUIRED_SCOPE = 'signupplus';

export interface DialogPolicy {
  /** When the mock checks its client (`--client-id`), the only client_id accepted. */
  clientId?: string;
  /** When set (`--redirect-uri`, repeatable), the only redirect URIs accepted, compared exactly (as Console does). */
  redirectUris?: readonly string[];
}

/** Where and how an answer goes back to the app: known only once client_id and redirect_uri are validated. */
export interface ReturnTo {
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
}

export interface AuthRequest extends ReturnTo {
  clientId: string;
  scopes: string[];
  codeChallenge?: string;
  /** The banks the link offers; one bank means the selection page is skipped. */
  banks: readonly MockBank[];
  decision?: Decision;
}

export type AuthRequestCheck =
  | { kind: 'ok'; request: AuthRequest }
  | { kind: 'error-page'; error: 'invalid_request' | 'unauthorized_client'; parameter: string; message: string }
  | { kind: 'redirect-error'; to: ReturnTo; error: string; description: string };

const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

function redirectUriProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'redirect_uri must be an absolute URL, such as http://127.0.0.1:3000/callback.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `redirect_uri must use http or https, not ${url.protocol.slice(0, 20)}`;
  // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
  if (text.includes('#')) return 'redirect_uri must not contain a fragment (#…).';
  if (url.username || url.password) return 'redirect_uri must not contain a user name or password.';
  return undefined;
}

export function checkAuthRequest(query: URLSearchParams, policy: DialogPolicy): AuthRequestCheck {
  const count = (name: string): number => query.getAll(name).length;
  const page = (error: 'invalid_request' | 'unauthorized_client', parameter: string, message: string): AuthRequestCheck => ({ kind: 'error-page', error, parameter, message });

  // 1. Who is asking, and where the answer may go: errors here are never redirected (no open redirect).
  if (count('client_id') > 1) return page('invalid_request', 'client_id', 'client_id appears more than once.');
  const clientId = query.get('client_id') ?? '';
  if (!clientId) return page('invalid_request', 'client_id', 'client_id is missing. Use the client id of your app in TrueLayer Console (any value works on this mock unless it was started with --client-id).');
  if (policy.clientId !== undefined && clientId !== policy.clientId) {
    return page('unauthorized_client', 'client_id', 'client_id is not the client this mock was started for (--client-id).');
  }
  if (count('redirect_uri') > 1) return page('invalid_request', 'redirect_uri', 'redirect_uri appears more than once.');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!redirectUri) return page('invalid_request', 'redirect_uri', 'redirect_uri is missing. Add the URI of your app\'s callback, as allowed in TrueLayer Console.');
  const problem = redirectUriProblem(redirectUri);
  if (problem) return page('invalid_request', 'redirect_uri', problem);
  if (policy.redirectUris && !policy.redirectUris.includes(redirectUri)) {
    return page('unauthorized_client', 'redirect_uri', 'redirect_uri is not one of the allowed redirect URIs this mock was started with (--redirect-uri); they are compared exactly, as in TrueLayer Console.');
  }

  // 2. From here on errors go back to the app, in the response mode it asked for when that mode is valid.
  const modeText = query.get('response_mode');
  const modeOk = modeText === null || modeText === 'query' || modeText === 'form_post';
  const state = query.get('state') ?? undefined;
  const to: ReturnTo = { redirectUri, responseMode: modeText === 'form_post' ? 'form_post' : 'query', ...(state !== undefined ? { state } : {}) };
  const back = (error: string, description: string): AuthRequestCheck => ({ kind: 'redirect-error', to, error, description });

  if (!modeOk) return back('invalid_request', 'response_mode must be query or form_post.');
  const repeated = [...new Set(query.keys())].find((name) => count(name) > 1);
  if (repeated) return back('invalid_request', `${repeated.slice(0, 40)} appears more than once.`);
  const responseType = query.get('response_type');
  if (!responseType) return back('invalid_request', 'response_type is missing; use response_type=code.');
  if (responseType !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.');
  const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
  if (!scopes.includes(REQUIRED_SCOPE)) return back('invalid_scope', 'scope must include signupplus.');

  const challenge = query.get('code_challenge') ?? undefined;
  const method = query.get('code_challenge_method') ?? undefined;
  if (method !== undefined && challenge === undefined) return back('invalid_request', 'code_challenge_method was sent without code_challenge.');
  if (challenge !== undefined) {
    // RFC 7636 §4.3 makes `plain` the default; this mock, like the S256-only servers, asks for S256 explicitly.
    if (method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256.');
    if (!PKCE_CHALLENGE.test(challenge)) return back('invalid_request', 'code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (BASE64URL of a SHA-256).');
  }

  const banks = offeredBanks(query.get('providers'), query.get('provider_id'));
  if (typeof banks === 'string') return back('invalid_request', banks);
  const decisionText = query.get(DECISION_PARAM);
  if (decisionText !== null && decisionText !== 'approve' && decisionText !== 'deny') return back('invalid_request', `${DECISION_PARAM} must be approve or deny.`);
  if (decisionText === 'approve' && banks.length !== 1) {
    return back('invalid_request', `${DECISION_PARAM}=approve needs one bank: add providers=${MOCK_PROVIDER_PREFIX}<scenario> (e.g. ${MOCK_PROVIDER_PREFIX}single-account).`);
  }

  return {
    kind: 'ok',
    request: {
      ...to,
      clientId,
      scopes,
      ...(challenge !== undefined ? { codeChallenge: challenge } : {}),
      banks,
      ...(decisionText ? { decision: decisionText } : {}),
    },
  };
}

/**
 * The mock banks a link offers. `providers` and `provider_id` entries that name no mock bank (`uk-ob-all`,
 * `ob-monzo`, TrueLayer's own `uk-cs-mock`...) are real providers: the mock offers every mock bank for them.
 */
function offeredBanks(providers: string | null, providerId: string | null): readonly MockBank[] | string {
  const unknown = (id: string): string => `${id.slice(0, 60)} is not a mock bank; use one of ${MOCK_BANKS.map((bank) => bank.id).join(', ')}.`;
  const named: MockBank[] = [];
  for (const id of (providers ?? '').split(' ').filter((entry) => entry.startsWith(MOCK_PROVIDER_PREFIX))) {
    const bank = bankById(id);
    if (!bank) return unknown(id);
    if (!named.includes(bank)) named.push(bank);
  }
  if (providerId?.startsWith(MOCK_PROVIDER_PREFIX)) {
    const bank = bankById(providerId);
    if (!bank) return unknown(providerId);
    // TrueLayer: a provider_id must be covered by providers.
    if (named.length > 0 && !named.includes(bank)) return `provider_id ${providerId} is not among providers.`;
    return [bank];
  }
  return named.length > 0 ? named : MOCK_BANKS;
}
