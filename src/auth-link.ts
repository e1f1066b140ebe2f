// The auth link (TrueLayer auth server, path `/`): where the user picks a bank and consents. Pure function of
// its inputs plus crypto randomness for `state` and `nonce` when the caller gives none.
import { randomBytes } from 'node:crypto';
import type { Environment } from './environments.ts';
import { ConfigurationError } from './errors.ts';

export interface AuthLinkOptions {
  redirectUri: string;
  /** Space-joined into `scope`; `signupplus` is always added. Default: signupplus offline_access. */
  scopes?: string[] | undefined;
  /** Echoed back on the redirect; compare it there (CSRF). Random when not given. */
  state?: string | undefined;
  /** Random when not given (TrueLayer's own SDK always sends one). */
  nonce?: string | undefined;
  /** Space-joined into `providers`, e.g. ['uk-ob-all', 'uk-cs-mock']. */
  providers?: string[] | undefined;
  /** Skips bank selection; must be covered by `providers`. */
  providerId?: string | undefined;
  responseMode?: 'query' | 'form_post' | undefined;
  /**
   * PKCE (RFC 7636): the S256 challenge of a verifier from createPkcePair(); adds `code_challenge` and
   * `code_challenge_method=S256`. Then pass the verifier to exchangeCode as `codeVerifier`.
   */
  codeChallenge?: string | undefined;
}

export const SIGNUP_PLUS_SCOPE = 'signupplus';
export const DEFAULT_SCOPES: readonly string[] = [SIGNUP_PLUS_SCOPE, 'offline_access'];

function randomToken(): string {
  return randomBytes(16).toString('base64url');
}

export function buildAuthLink(environment: Environment, clientId: string, o: AuthLinkOptions): { url: string; state: string } {
  if (!clientId) throw new ConfigurationError('clientId is empty; pass the client id from TrueLayer Console to createClient');
  try {
    new URL(o.redirectUri);
  } catch {
    throw new ConfigurationError(`redirectUri must be an absolute URL registered in TrueLayer Console (got ${JSON.stringify(o.redirectUri)})`);
  }
  const scopes = [...new Set([...(o.scopes ?? DEFAULT_SCOPES), SIGNUP_PLUS_SCOPE].map((s) => s.trim()).filter(Boolean))];
  const state = o.state ?? randomToken();
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: o.redirectUri,
    scope: scopes.join(' '),
    state,
    nonce: o.nonce ?? randomToken(),
  });
  if (o.providers?.length) params.set('providers', o.providers.join(' '));
  if (o.providerId) params.set('provider_id', o.providerId);
  if (o.responseMode) params.set('response_mode', o.responseMode);
  if (o.codeChallenge !== undefined) {
    // RFC 7636 §4.2: an S256 challenge is the base64url of a SHA-256 digest, 43 characters.
    if (!/^[A-Za-z0-9_-]{43}$/.test(o.codeChallenge)) {
      throw new ConfigurationError('codeChallenge must be an S256 challenge (43 base64url characters); take it from createPkcePair()');
    }
    params.set('code_challenge', o.codeChallenge);
    params.set('code_challenge_method', 'S256');
  }
  return { url: `${environment.authUrl}/?${params.toString()}`, state };
}
