// Self-describing mock tokens: an HS256 JWT that carries the scenario, the kind (access or refresh) and the
// expiry, signed with a fixed key. A restarted mock honours tokens it issued before and keeps no per-token
// state, so a refresh token stays usable after a refresh, as TrueLayer's do (they are not single use).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The mock-only signing key. It is public on purpose: these tokens open nothing but this mock, and a fixed
 * key is what lets a restarted mock (or a test) accept a token issued by another instance.
 */
export const MOCK_TOKEN_KEY = 'signup-plus-harness/mock-only-signing-key/not-a-secret';
const MOCK_TOKEN_ISSUER = 'signup-plus-harness-mock';

/** Refresh tokens must be used within 30 days (https://support.truelayer.com/hc/en-us/articles/360002750513). */
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 3600;

export type TokenKind = 'access' | 'refresh';

export interface TokenClaims {
  iss: string;
  /** The scenario code the token was issued for. */
  scn: string;
  kind: TokenKind;
  iat: number;
  exp: number;
  /** Makes every token unique, so that a refresh answers a really fresh pair. */
  jti: string;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function sign(input: string): Buffer {
  return createHmac('sha256', MOCK_TOKEN_KEY).update(input).digest();
}

export function mintToken(scenario: string, kind: TokenKind, ttlSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = { iss: MOCK_TOKEN_ISSUER, scn: scenario, kind, iat, exp: iat + ttlSeconds, jti: randomUUID() };
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${sign(signingInput).toString('base64url')}`;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-kind' | 'expired' };

/** Verifies signature, issuer, kind and expiry; never throws, whatever the input. */
export function verifyToken(token: string, kind: TokenKind, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER || token.length > 4096) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = sign(`${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.iss !== MOCK_TOKEN_ISSUER || typeof claims.scn !== 'string' || typeof claims.exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.kind !== kind) return { ok: false, reason: 'wrong-kind' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims as TokenClaims };
}
