// Spectral function: flags example values that look like real credentials.
// Credentials in examples must be obvious fakes (`example-...`), never a JWT or a long random token.
import { createRulesetFunction } from '@stoplight/spectral-core';

const CREDENTIAL_KEYS = new Set(['access_token', 'refresh_token', 'client_secret', 'code', 'client_id', 'code_verifier']);
const JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./;
// 32+ characters of token alphabet with both letters and digits: the shape of a generated secret.
const LONG_TOKEN = /^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_\-+/=.]{32,}$/;

function* walk(value, path) {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* walk(item, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* walk(v, [...path, k]);
}

export default createRulesetFunction({ input: null, options: null }, (input, _options, context) => {
  const results = [];
  for (const [text, path] of walk(input, [])) {
    const key = path[path.length - 1];
    const fakeCredential = CREDENTIAL_KEYS.has(key) && !text.startsWith('example-');
    if (JWT.test(text) || LONG_TOKEN.test(text) || fakeCredential) {
      results.push({
        message: `Example value at "${path.join('.')}" looks like a real credential; use an obvious fake such as "example-${String(key).replace(/_/g, '-')}".`,
        path: [...context.path, ...path],
      });
    }
  }
  return results;
});
