// Authorization codes minted by the auth dialog: random, single use within one running mock, alive 5 minutes
// (TrueLayer's Data API errors page), bound to the client, the redirect URI and an optional S256 PKCE challenge.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** TrueLayer: a code older than 5 minutes is refused as invalid_authorization_code. */
export const CODE_TTL_MS = 5 * 60 * 1000;
/** Every minted code starts with this, so the token endpoint tells them from the literal scenario codes. */
export const MINTED_CODE_PREFIX = 'mock-code.';
/** Live codes kept at most; past it the oldest go first (a runaway test loop must not grow the mock forever). */
const MAX_LIVE_CODES = 10_000;

export interface CodeGrant {
  /** The scenario code (mocks/scenarios.ts) of the bank the user picked. */
  scenario: string;
  clientId: string;
  redirectUri: string;
  /** The scopes the user consented to (the auth link's `scope`): the token answer grants these. */
  scopes: readonly string[];
  /** RFC 7636 S256 challenge, when the auth link carried one. */
  codeChallenge?: string;
}

export interface Presented {
  clientId: string;
  redirectUri: string;
  codeVerifier?: string;
}

export type ConsumeResult =
  | { ok: true; grant: CodeGrant }
  /** Unknown, already used or expired: TrueLayer's `invalid_authorization_code`. */
  | { ok: false; error: 'invalid_authorization_code'; reason: string }
  /** Issued to another client or redirect URI, or a PKCE verifier that does not match: `invalid_grant`. */
  | { ok: false; error: 'invalid_grant'; reason: string };

export interface AuthCodeStore {
  mint(grant: CodeGrant): string;
  /** Any presentation spends the code, whether it succeeds or not (RFC 6749 §4.1.2: use it once). */
  consume(code: string, presented: Presented): ConsumeResult;
  /** Live (unspent, unexpired) codes; for tests and the bench. */
  size(): number;
}

export function isMintedCode(code: string): boolean {
  return code.startsWith(MINTED_CODE_PREFIX);
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `now` is injected so that expiry is tested without the wall clock. */
export function createAuthCodeStore(now: () => number = Date.now): AuthCodeStore {
  // Insertion order is mint order, which is expiry order: sweeping stops at the first live code.
  const live = new Map<string, CodeGrant & { expiresAt: number }>();
  const sweep = (at: number): void => {
    for (const [code, entry] of live) {
      if (entry.expiresAt > at && live.size <= MAX_LIVE_CODES) break;
      live.delete(code);
    }
  };
  return {
    mint(grant) {
      const at = now();
      const code = `${MINTED_CODE_PREFIX}${randomBytes(24).toString('base64url')}`;
      live.set(code, { ...grant, expiresAt: at + CODE_TTL_MS });
      // After the new code is in, so that the cap holds: the 10,001st code pushes out the oldest.
      sweep(at);
      return code;
    },
    consume(code, presented) {
      const entry = live.get(code);
      live.delete(code);
      if (!entry) return { ok: false, error: 'invalid_authorization_code', reason: 'The authorization code is unknown or was already used; codes are single use.' };
      if (now() >= entry.expiresAt) return { ok: false, error: 'invalid_authorization_code', reason: 'The authorization code is older than 5 minutes.' };
      if (!sameText(presented.clientId, entry.clientId)) return { ok: false, error: 'invalid_grant', reason: 'The authorization code was issued to another client_id.' };
      if (!sameText(presented.redirectUri, entry.redirectUri)) {
        return { ok: false, error: 'invalid_grant', reason: 'redirect_uri does not match the one in the auth link.' };
      }
      if (entry.codeChallenge !== undefined) {
        if (!presented.codeVerifier) return { ok: false, error: 'invalid_grant', reason: 'The auth link had a code_challenge; send its code_verifier.' };
        if (!sameText(s256(presented.codeVerifier), entry.codeChallenge)) {
          return { ok: false, error: 'invalid_grant', reason: 'code_verifier does not match the code_challenge of the auth link.' };
        }
      }
      const { expiresAt: _expiresAt, ...grant } = entry;
      return { ok: true, grant };
    },
    size() {
      sweep(now());
      return live.size;
    },
  };
}
