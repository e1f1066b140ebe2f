// The one redaction helper: every log line, error, report and pact in the harness passes through it, so that
// client secrets, authorization codes, access and refresh tokens never leave the process in clear.
export const REDACTED = '[REDACTED]';

/** Field names whose values are credentials, wherever they appear (JSON, forms, headers, query strings). */
const SECRET_KEY = /^(client_secret|code|access_token|refresh_token|id_token|authorization|proxy-authorization|password|token|cookie|set-cookie)$/i;

/** `key=value` in forms and query strings, `"key": "value"` in JSON, `key: value` in headers. */
const SECRET_PAIR = new RegExp(
  [
    String.raw`((?:^|[?&\s])(?:client_secret|code|access_token|refresh_token|id_token|password|token)=)[^&\s"']*`,
    String.raw`("(?:client_secret|code|access_token|refresh_token|id_token|password|token)"\s*:\s*")(?:[^"\\]|\\.)*`,
  ].join('|'),
  'gi',
);
// The scheme is case-insensitive (RFC 9110 §11.1); a credential is at least 8 characters and not a plain word, so
// that prose such as "without a bearer token" or "an HTTP Basic Authorization header" is left alone.
const BEARER = /\b(Bearer|Basic)\s+([A-Za-z0-9\-._~+/]{8,}=*)/gi;
const PLAIN_WORD = /^[A-Z]?[a-z]+$/;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Redacts a piece of text: every known secret value wherever it occurs (also URL-encoded), then every
 * credential-shaped pair, bearer or basic credential and JWT. Known secrets shorter than 4 characters are
 * matched only in their credential-shaped context, so that redaction does not shred ordinary words.
 */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  const known = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4))];
  // Longest first, so a secret that contains another is replaced whole.
  known.sort((a, b) => b.length - a.length);
  for (const secret of known) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out
    // Exactly one of the pattern's two alternatives matched: the key is the form's or the JSON's.
    .replace(SECRET_PAIR, (_match, formKey: string | undefined, jsonKey: string) => `${formKey ?? jsonKey}${REDACTED}`)
    .replace(BEARER, (match, scheme: string, credential: string) => (PLAIN_WORD.test(credential) ? match : `${scheme} ${REDACTED}`))
    .replace(JWT, REDACTED);
}

/** Anything redactText's patterns could act on: every credential key, scheme and JWT prefix it knows contains one of these. */
const CREDENTIAL_HINT = /code|token|secret|password|bearer|basic|eyJ/i;

/**
 * HTTP headers for keeping or showing: lower-cased names, a repeated header comma-joined, credential-named
 * headers (set-cookie, authorization...) replaced, every other value as {@link redactText} leaves it. Values
 * that hold no known secret and nothing credential-shaped (nearly all of them) skip the full pass, so that
 * this is cheap enough to run on every response.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  secrets: Iterable<string | undefined> = [],
): Record<string, string> {
  const known: string[] = [];
  const forms: string[] = [];
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < 4) continue;
    known.push(secret);
    forms.push(secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1));
  }
  const holdsKnown = (value: string): boolean => {
    for (const form of forms) if (value.includes(form)) return true;
    return false;
  };
  const out: Record<string, string> = {};
  for (const name in headers) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const key = name.toLowerCase();
    const value = typeof raw === 'string' ? raw : raw.join(', ');
    if (isSecretKey(key)) out[key] = REDACTED;
    else if (CREDENTIAL_HINT.test(value) || holdsKnown(value)) out[key] = redactText(value, known);
    else out[key] = value;
  }
  return out;
}

/** A deep copy with credential-named fields replaced and every string (values and keys) passed through {@link redactText}. */
export function redactValue<T>(value: T, secrets: Iterable<string | undefined> = []): T {
  const known = [...secrets];
  const walk = (node: unknown, key?: string): unknown => {
    if (key !== undefined && isSecretKey(key) && node !== null && node !== undefined && node !== '') return REDACTED;
    if (typeof node === 'string') return redactText(node, known);
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node && typeof node === 'object') {
      // Keys too: a server may echo a secret as a field name (e.g. in a problem's `errors` map).
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [redactText(k, known), walk(v, k)]));
    }
    return node;
  };
  return walk(value) as T;
}
