// Pact bodies built from the spec's named examples: every value becomes a type or regex matcher, so a pact states
// the shape TrueLayer answers with (and the example only as an illustration), never one person's data. Patterns
// come from the spec's own schemas, so a pattern change in the spec reaches the pacts on the next run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specSchemas } from '../src/generated/spec-schemas.ts';
import { EXAMPLES_DIR } from '../src/spec-files.ts';
import { pactMatchers } from './matchers.ts';

const schemas = specSchemas.components.schemas;

/** Field name → the pattern its value must match, wherever the field appears. */
export const FIELD_PATTERNS: Readonly<Record<string, string>> = {
  // `format: date` in the spec: an RFC 3339 full-date.
  date_of_birth: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  sort_code: schemas.SortCode.pattern,
  account_number: schemas.AccountNumber.pattern,
  country_code: schemas.CountryCode.pattern,
  currency: schemas.CurrencyCode.pattern,
  iban: schemas.AccountDetails.properties.iban.pattern,
  // The account_id query parameter's pattern; ids in answers are what the client sends back.
  account_id: '^[A-Za-z0-9_-]+$',
  // Problem `type`: a URL under TrueLayer's Signup+ errors page (see the spec's Problem schema).
  type: '^https://docs\\.truelayer\\.com/docs/signup-errors#[a-z0-9-]+$',
};

/** Fields whose map keys are data (account ids), so only their values have a shape: field → value pattern. */
const MAP_FIELDS: ReadonlyMap<string, string> = new Map([['links', schemas.MultipleAccountsLinked.properties.links.additionalProperties.pattern]]);

export interface ShapeOptions {
  /** Fields that are part of the contract by value (`token_type`, `error`, a problem's `title`...). */
  exact?: readonly string[] | undefined;
}

/** A named example of the spec (`specs/examples/<name>.json`, e.g. `signup-plus-accounts.single-account`). */
export function example<T = Record<string, unknown>>(name: string): T {
  if (!/^[a-z0-9.-]+$/.test(name)) throw new Error(`example names are lower-case words, dots and dashes; got "${name}"`);
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as T;
}

/** The matcher tree for an example body. Arrays keep one element (`eachLike`, at least one). */
export function shapeOf(value: unknown, options: ShapeOptions = {}, key?: string): unknown {
  const { like, eachLike, eachKeyLike, regex, integer, decimal, boolean, nullValue } = pactMatchers();
  const exact = new Set(options.exact ?? []);
  if (value === null) return nullValue();
  if (key !== undefined && exact.has(key)) return value;
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error(`example array "${key}" is empty; a pact needs one element to state its shape`);
    return eachLike(shapeOf(value[0], options, key));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const valuePattern = key === undefined ? undefined : MAP_FIELDS.get(key);
    if (valuePattern !== undefined) {
      const [first] = entries;
      if (!first || typeof first[1] !== 'string') throw new Error(`example map "${key}" needs a first entry with a string value`);
      return eachKeyLike(first[0], regex(wholeValue(valuePattern), first[1]));
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, shapeOf(v, options, k)]));
  }
  if (typeof value === 'string') {
    const pattern = key === undefined ? undefined : FIELD_PATTERNS[key];
    if (pattern === undefined) return like(value);
    if (!new RegExp(pattern).test(value)) throw new Error(`example value of "${key}" does not match its own pattern ${pattern}`);
    return regex(wholeValue(pattern), value);
  }
  if (typeof value === 'number') return Number.isInteger(value) ? integer(value) : decimal(value);
  if (typeof value === 'boolean') return boolean(value);
  throw new Error(`cannot describe a ${typeof value} in a pact`);
}

/**
 * JSON Schema patterns match anywhere in the value; Pact's regex matcher must match the whole value. A pattern
 * that is not anchored at the end (the spec's `^/` for links) gets `.*` so both mean the same.
 */
function wholeValue(pattern: string): string {
  return pattern.endsWith('$') ? pattern : `${pattern}.*`;
}

/** The example as the consumer should see it through the pact: arrays cut to their first element, maps to their first key. */
export function firstOfEach<T>(value: T, key?: string): T {
  if (Array.isArray(value)) return value.slice(0, 1).map((v) => firstOfEach(v, key)) as T;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const kept = key !== undefined && MAP_FIELDS.has(key) ? entries.slice(0, 1) : entries;
    return Object.fromEntries(kept.map(([k, v]) => [k, firstOfEach(v, k)])) as T;
  }
  return value;
}
