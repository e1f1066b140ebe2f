// The mock's self-describing tokens (mocks/tokens.ts): only a token this mock signed, of the right kind and not
// expired, opens anything. Forged shapes an app might send by mistake (or an attacker on purpose) are refused
// with the reason, and never throw.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MOCK_TOKEN_KEY, REFRESH_TOKEN_TTL_S, mintToken, verifyToken } from '../../mocks/tokens.ts';

const NOW = Date.parse('2025-03-04T05:06:07.000Z');
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sign = (input: string, key = MOCK_TOKEN_KEY) => createHmac('sha256', key).update(input).digest('base64url');

const good = mintToken('multiple-accounts', 'access', 3600, NOW);
const [header, payload, signature] = good.split('.') as [string, string, string];
const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
/** A token this mock's key signs over any header and claims: only the checks after the signature can refuse it. */
const signed = (c: Record<string, unknown>, h = header) => `${h}.${b64(c)}.${sign(`${h}.${b64(c)}`)}`;

describe('verifyToken', () => {
  it('accepts what mintToken issued, with the scenario, kind, issue time and expiry in the claims', () => {
    const check = verifyToken(good, 'access', NOW);
    // Minted here too, not only at import: what the test itself runs is what mutation testing credits it with.
    expect(verifyToken(mintToken('joint-account', 'refresh', 60, NOW + 999), 'refresh', NOW)).toMatchObject({ ok: true, claims: { scn: 'joint-account', kind: 'refresh', iat: NOW / 1000, exp: NOW / 1000 + 60 } });
    expect(check).toEqual({ ok: true, claims: { ...claims, iss: 'signup-plus-harness-mock', scn: 'multiple-accounts', kind: 'access', iat: NOW / 1000, exp: NOW / 1000 + 3600 } });
    expect(mintToken('multiple-accounts', 'access', 3600, NOW)).not.toBe(good);
  });

  it.each([
    ['unsigned (empty signature)', 'bad-signature', `${header}.${payload}.`],
    ['alg none, unsigned', 'malformed', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`],
    ['alg none, with the original signature', 'malformed', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`],
    ['with a truncated signature', 'bad-signature', `${header}.${payload}.${signature.slice(0, -2)}`],
    ['with the first signature character changed', 'bad-signature', `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`],
    ['cut short before its signature', 'malformed', `${header}.${payload}`],
    ['with a fourth part', 'malformed', `${good}.x`],
    ['signed with another key', 'bad-signature', `${header}.${payload}.${sign(`${header}.${payload}`, 'another-key')}`],
    ['with claims changed after signing', 'bad-signature', `${header}.${b64({ ...claims, scn: 'joint-account' })}.${signature}`],
    ['signed, but not JSON inside', 'malformed', `${header}.${b64('not json')}.${sign(`${header}.${b64('not json')}`)}`],
    ['signed, but from another issuer', 'malformed', signed({ ...claims, iss: 'someone-else' })],
    ['signed, but without a scenario', 'malformed', signed({ ...claims, scn: 7 })],
    ['signed, but without a numeric expiry', 'malformed', signed({ ...claims, exp: String(claims.exp) })],
    ['longer than 4096 characters', 'malformed', signed({ ...claims, pad: 'x'.repeat(4_096) })],
    ['empty', 'malformed', ''],
  ])('refuses a token %s (%s)', (_what, reason, token) => {
    expect(verifyToken(token, 'access', NOW)).toEqual({ ok: false, reason });
  });

  it('accepts a signed token of exactly 4096 characters, and refuses one of 4097', () => {
    // base64 grows in uneven steps: find paddings that land on each length exactly. Each padding character adds
    // 4/3 of a character, so the search starts a little below the estimate instead of at 0 (thousands of signings).
    const ofLength = (length: number) => {
      const start = Math.max(0, Math.floor(((length - signed({ ...claims, extra: '', pad: '' }).length) * 3) / 4) - 8);
      for (let pad = start; pad < 4_096; pad++) {
        for (const extra of ['', 'y', 'yy']) {
          const token = signed({ ...claims, extra, pad: 'x'.repeat(pad) });
          if (token.length === length) return token;
        }
      }
      throw new Error(`no token of ${length} characters`);
    };
    expect(verifyToken(ofLength(4_096), 'access', NOW).ok).toBe(true);
    expect(verifyToken(ofLength(4_097), 'access', NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a token of the other kind', () => {
    expect(verifyToken(good, 'refresh', NOW)).toEqual({ ok: false, reason: 'wrong-kind' });
    expect(verifyToken(mintToken('single-account', 'refresh', 60, NOW), 'access', NOW)).toEqual({ ok: false, reason: 'wrong-kind' });
  });

  it('honours a token until the second before its expiry, and refuses it from then on', () => {
    expect(verifyToken(good, 'access', NOW + 3_599_999).ok).toBe(true);
    expect(verifyToken(good, 'access', NOW + 3_600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('gives refresh tokens 30 days, as TrueLayer does', () => {
    expect(REFRESH_TOKEN_TTL_S).toBe(30 * 24 * 3600);
  });
});
