// The one redaction helper (src/redact.ts): known secrets in any encoding, credential-shaped pairs, bearer
// credentials and JWTs are replaced; ordinary text is left alone.
import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretKey, redactHeaders, redactText, redactValue } from '../src/redact.ts';

const SECRET = 'SECRET-c0ffee-client/secret+1f2e';
const TOKEN = 'SECRET-c0ffee-token-7c6d';

describe('redactText', () => {
  it.each([
    ['a known secret verbatim', `the secret is ${SECRET}.`, [SECRET], `the secret is ${REDACTED}.`],
    ['a known secret URL-encoded', `client_id=a&x=${encodeURIComponent(SECRET)}`, [SECRET], `client_id=a&x=${REDACTED}`],
    ['a known secret JSON-escaped', JSON.stringify({ note: `said "${TOKEN}"` }), [TOKEN], `{"note":"said \\"${REDACTED}\\""}`],
    ['every occurrence', `${TOKEN} and ${TOKEN}`, [TOKEN], `${REDACTED} and ${REDACTED}`],
    ['the longer of two overlapping secrets whole', `${TOKEN}-extra`, [TOKEN, `${TOKEN}-extra`], REDACTED],
    ['form pairs by name, unknown values too', 'grant_type=refresh_token&refresh_token=abc123&client_secret=s3cr3t&code=xyz', [], `grant_type=refresh_token&refresh_token=${REDACTED}&client_secret=${REDACTED}&code=${REDACTED}`],
    ['JSON pairs by name', '{"access_token": "abc", "expires_in": 3600, "refresh_token":"d\\"ef"}', [], `{"access_token": "${REDACTED}", "expires_in": 3600, "refresh_token":"${REDACTED}"}`],
    ['bearer and basic credentials', 'Authorization: Bearer abc.def-ghi and Basic dXNlcjpwYXNz', [], `Authorization: Bearer ${REDACTED} and Basic ${REDACTED}`],
    ['credentials that look like words but are not plain words', 'Bearer abcdefgh1 and Basic Abcdefghij=', [], `Bearer ${REDACTED} and Basic ${REDACTED}`],
    ['nothing in prose naming the schemes', 'an HTTP Basic Authorization header; a Bearer credential', [], 'an HTTP Basic Authorization header; a Bearer credential'],
    ['a JWT anywhere', 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end', [], `id ${REDACTED} end`],
  ])('redacts %s', (_name, text, secrets, expected) => {
    expect(redactText(text, secrets)).toBe(expected);
  });

  it.each([
    ['ordinary prose', 'The authorization code is invalid, expired or already used.'],
    ['a problem title', 'Rate Limit Exceeded'],
    ['a URL without credentials', 'https://docs.truelayer.com/docs/signup-errors#invalid-parameters'],
    ['a trace id', '00000000-0000-4000-8000-000000000404'],
  ])('leaves %s alone', (_name, text) => {
    expect(redactText(text, [SECRET, TOKEN])).toBe(text);
  });

  it('finds a secret holding a quote and a backslash in its JSON-escaped form, in text and in headers', () => {
    const secret = 'q"7\\Zx-9f2a';
    const json = JSON.stringify({ note: `echo ${secret} end` });
    expect(redactText(json, [secret])).toBe(`{"note":"echo ${REDACTED} end"}`);
    expect(redactHeaders({ 'x-debug': json }, [undefined, '', secret])).toEqual({ 'x-debug': `{"note":"echo ${REDACTED} end"}` });
  });

  it('redacts a known secret of exactly 4 characters, the shortest it trusts', () => {
    expect(redactText('pin q7Zx here', ['q7Zx'])).toBe(`pin ${REDACTED} here`);
    expect(redactHeaders({ 'x-pin': 'q7Zx' }, ['q7Zx'])).toEqual({ 'x-pin': REDACTED });
    expect(redactHeaders({ 'x-pin': 'q7Z' }, ['q7Z'])).toEqual({ 'x-pin': 'q7Z' });
  });

  it('ignores known secrets shorter than 4 characters (they would shred ordinary words) and undefined ones', () => {
    expect(redactText('a b c abc', ['abc', undefined, ''])).toBe('a b c abc');
  });
});

describe('redactValue', () => {
  it('replaces credential-named fields at any depth, redacts strings and keys, and leaves the input unchanged', () => {
    const input = {
      client_id: 'client-id',
      client_secret: 'anything',
      nested: [{ access_token: 'abc', note: `echo ${TOKEN}` }, { Authorization: 'Bearer xyz' }],
      errors: { [TOKEN]: ['unknown field'] },
      count: 3,
      empty: null,
    };
    const copy = structuredClone(input);
    expect(redactValue(input, [TOKEN])).toEqual({
      client_id: 'client-id',
      client_secret: REDACTED,
      nested: [{ access_token: REDACTED, note: `echo ${REDACTED}` }, { Authorization: REDACTED }],
      errors: { [REDACTED]: ['unknown field'] },
      count: 3,
      empty: null,
    });
    expect(input).toEqual(copy);
  });

  it('keeps empty and null credential fields as they are (nothing to hide, and absence is useful)', () => {
    expect(redactValue({ refresh_token: '', access_token: null, code: undefined })).toEqual({ refresh_token: '', access_token: null, code: undefined });
    expect(redactValue({ nested: { client_secret: null } })).toEqual({ nested: { client_secret: null } });
  });
});

describe('redactHeaders', () => {
  it('lower-cases names, joins repeated headers, replaces credential-named ones and redacts values as redactText does', () => {
    const headers = {
      'Content-Type': 'application/json',
      'tl-trace-id': '00000000-0000-4000-8000-000000000404',
      'set-cookie': ['session=abc', 'theme=dark'],
      'WWW-Authenticate': 'Bearer realm="x", error_description="token SECRET-c0ffee-token-7c6d expired"',
      'x-echo': `form client_secret=${encodeURIComponent(SECRET)}`,
      'x-jwt': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      vary: ['Accept', 'Origin'],
      'x-absent': undefined,
    };
    expect(redactHeaders(headers, [SECRET, TOKEN])).toEqual({
      'content-type': 'application/json',
      'tl-trace-id': '00000000-0000-4000-8000-000000000404',
      'set-cookie': REDACTED,
      'www-authenticate': `Bearer realm="x", error_description="token ${REDACTED} expired"`,
      'x-echo': `form client_secret=${REDACTED}`,
      'x-jwt': REDACTED,
      vary: 'Accept, Origin',
    });
  });
});

describe('isSecretKey', () => {
  it.each(['client_secret', 'code', 'access_token', 'refresh_token', 'id_token', 'Authorization', 'COOKIE', 'password'])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['client_id', 'token_type', 'expires_in', 'error_description', 'scope', 'trace_id'])('treats %s as not secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('redactText on prose', () => {
  it('leaves the words "bearer token" alone but not a bearer credential', () => {
    expect(redactText('Call it without a bearer token; then with bearer abcdefgh12 here')).toBe(
      `Call it without a bearer token; then with bearer ${REDACTED} here`,
    );
  });
});
