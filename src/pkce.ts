// PKCE (RFC 7636): a random code_verifier and its S256 code_challenge. The challenge goes on the auth link, the
// verifier (a secret, kept server-side until the exchange) goes with the authorization code to /connect/token.
import { createHash, randomBytes } from 'node:crypto';
import { ConfigurationError } from './errors.ts';

export interface PkcePair {
  /** 43–128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1). Keep it with the user's session; never log it. */
  codeVerifier: string;
  /** BASE64URL(SHA-256(codeVerifier)), for the auth link's `code_challenge` (RFC 7636 §4.2). */
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** The S256 challenge of a verifier; throws ConfigurationError for a verifier RFC 7636 §4.1 does not allow. */
export function pkceChallenge(codeVerifier: string): string {
  if (!VERIFIER.test(codeVerifier)) {
    throw new ConfigurationError('codeVerifier must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" or "~" (RFC 7636 §4.1); use createPkcePair()');
  }
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** A fresh verifier (32 random bytes, base64url: 43 characters) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier), codeChallengeMethod: 'S256' };
}
