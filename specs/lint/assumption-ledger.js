// Spectral function: every `x-assumption` is a ledger entry (id, assumes, source, status) and ids are unique,
// because docs/truelayer-facts.md and the smoke run's verdicts are keyed by those ids.
import { createRulesetFunction } from '@stoplight/spectral-core';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const STATUSES = ['sourced', 'unconfirmed', 'invention'];
const NONE_FOUND = 'none found';

/** Every `x-assumption` value in the (unresolved) document, with its path, in document order. */
function* assumptions(value, path) {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* assumptions(item, [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'x-assumption') yield [child, [...path, key]];
      else yield* assumptions(child, [...path, key]);
    }
  }
}

function isHttpsUrl(text) {
  try {
    return new URL(text).protocol === 'https:' && !/\s/.test(text);
  } catch {
    return false;
  }
}

function balanced(text) {
  let depth = 0;
  for (const char of text) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** What is wrong with one entry, as [message, path] pairs. */
function entryProblems(entry, at) {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return [['x-assumption must be an object with id, assumes, source and status, not a plain ' + (Array.isArray(entry) ? 'list' : typeof entry) + '.', at]];
  }
  const problems = [];
  // Spectral reports a path only as deep as the document goes: a missing field is reported on the entry.
  const field = (key) => (key in entry ? [...at, key] : at);
  if (typeof entry.id !== 'string' || !ID.test(entry.id)) {
    problems.push([`x-assumption needs an id in kebab-case (e.g. "token-invalid-client-status"); got ${entry.id === undefined ? 'none' : JSON.stringify(entry.id)}.`, field('id')]);
  }
  if (typeof entry.assumes !== 'string' || entry.assumes.trim() === '') {
    problems.push(['x-assumption needs "assumes": one sentence saying what the harness assumes.', field('assumes')]);
  } else if (!balanced(entry.assumes)) {
    // In a plain YAML scalar, " #" starts a comment and silently cuts the sentence short.
    problems.push(['x-assumption "assumes" looks cut short (unbalanced parentheses); a " #" in a plain YAML value starts a comment: quote the text or use >-.', field('assumes')]);
  }
  if (typeof entry.source !== 'string' || (entry.source !== NONE_FOUND && !isHttpsUrl(entry.source))) {
    problems.push([`x-assumption "source" must be a public https URL or exactly "${NONE_FOUND}"; got ${entry.source === undefined ? 'none' : JSON.stringify(entry.source)}.`, field('source')]);
  } else if (entry.status === 'sourced' && entry.source === NONE_FOUND) {
    problems.push([`x-assumption with status "sourced" must name its source URL (or use status "unconfirmed").`, field('source')]);
  }
  if (!STATUSES.includes(entry.status)) {
    problems.push([`x-assumption "status" must be one of ${STATUSES.join(', ')}; got ${entry.status === undefined ? 'none' : JSON.stringify(entry.status)}.`, field('status')]);
  }
  return problems;
}

export default createRulesetFunction({ input: null, options: null }, (input, _options, context) => {
  const results = [];
  const firstSeen = new Map();
  for (const [entry, path] of assumptions(input, [])) {
    const at = [...context.path, ...path];
    for (const [message, where] of entryProblems(entry, at)) results.push({ message, path: where });
    const id = entry && typeof entry === 'object' ? entry.id : undefined;
    if (typeof id !== 'string') continue;
    const first = firstSeen.get(id);
    if (first) {
      results.push({ message: `x-assumption id "${id}" is already used at ${first.join('.')}; ids must be unique across the spec.`, path: [...at, 'id'] });
    } else {
      firstSeen.set(id, path);
    }
  }
  return results;
});
