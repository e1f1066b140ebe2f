// The spec checks behind the client, called directly: how a header's text is read before its schema check
// (OpenAPI `simple` style: a number only when the whole text is one), header names in any case and repeated
// headers, media types, and bodies that are not objects. Each finding names its pointer and the JSON type found.
import { describe, expect, it } from 'vitest';
import { example } from './fixtures.ts';
import { validateHeaders, validateResponse } from '../../src/index.ts';
import type { ValidationIssue } from '../../src/index.ts';

const RETRY_AFTER = '/headers/retry-after';
const notInteger = (actual: string): ValidationIssue => ({ pointer: RETRY_AFTER, severity: 'error', keyword: 'type', message: 'response header Retry-After must be integer', expected: 'integer', actual });
const negative: ValidationIssue = { pointer: RETRY_AFTER, severity: 'error', keyword: 'minimum', message: 'response header Retry-After must be >= 0', actual: 'integer' };
const retryAfter = (value: string | string[]) => validateHeaders('getSignupPlusAccounts', 429, { 'retry-after': value });

describe('a Retry-After header (integer, minimum 0) is read as a number only when the whole text is one', () => {
  it.each(['0', '7', '10', '120', '3600', ' 30 ', '2e1', '2E+1', '1.0e1', '0.5e1', '1e10'])('%j is a whole number of seconds: no finding', (value) => {
    expect(retryAfter(value)).toEqual([]);
  });

  it.each([
    ['1.5', notInteger('number')],
    ['0.25', notInteger('number')],
    ['1e-1', notInteger('number')],
    ['-5', negative],
    ['-10', negative],
    ['05', notInteger('string')],
    ['00', notInteger('string')],
    ['-', notInteger('string')],
    ['1.', notInteger('string')],
    ['.5', notInteger('string')],
    ['1e', notInteger('string')],
    ['1e+', notInteger('string')],
    ['5x', notInteger('string')],
    ['x5', notInteger('string')],
    ['1 2', notInteger('string')],
    ['+5', notInteger('string')],
    ['true', notInteger('string')],
    ['', notInteger('string')],
    ['Wed, 21 Oct 2037 07:28:00 GMT', notInteger('string')],
  ])('%j is drift', (value, issue) => {
    expect(retryAfter(value)).toEqual([issue]);
  });

  it('reads a repeated header as its comma-joined values (RFC 9110 §5.3)', () => {
    expect(retryAfter(['5', '6'])).toEqual([notInteger('string')]);
    expect(retryAfter(['5'])).toEqual([]);
    expect(validateHeaders('requestToken', 200, { 'cache-control': ['no-cache', 'no-store'] })).toEqual([]);
    expect(validateHeaders('requestToken', 200, { 'cache-control': ['private', 'no-cache'] }).map((i) => i.pointer)).toEqual(['/headers/cache-control']);
  });
});

describe('validateHeaders', () => {
  it('finds a documented header whatever the case of its name, and reports it under its lower-cased name', () => {
    expect(validateHeaders('getSignupPlusAccounts', 429, { 'Retry-After': '-1', 'TL-TRACE-ID': '' })).toEqual([
      { pointer: '/headers/tl-trace-id', severity: 'error', keyword: 'minLength', message: 'response header Tl-Trace-Id must NOT have fewer than 1 characters', actual: 'string' },
      negative,
    ]);
    expect(validateHeaders('getSignupPlusAccounts', 200, { 'Content-Type': 'application/json', 'Tl-Trace-Id': 'abc' })).toEqual([]);
  });

  it('reads a string header as text even when it looks like a number', () => {
    expect(validateHeaders('getSignupPlusAccounts', 200, { 'tl-trace-id': '42' })).toEqual([]);
    expect(validateHeaders('requestToken', 200, { 'x-tl-correlation-id': '1e3' })).toEqual([]);
  });

  it('prefers the lower-cased name when both spellings are there', () => {
    expect(validateHeaders('getSignupPlusAccounts', 429, { 'retry-after': '5', 'Retry-After': '-1' })).toEqual([]);
  });

  it('has no findings for an undocumented status, or for headers the spec does not list', () => {
    expect(validateHeaders('getSignupPlusAccounts', 418, { 'retry-after': '-1', 'tl-trace-id': '' })).toEqual([]);
    expect(validateHeaders('requestToken', 429, { 'retry-after': '-1' })).toEqual([]);
    expect(validateHeaders('getSignupPlusAccounts', 200, { 'retry-after': '-1', 'x-other': '' })).toEqual([]);
  });

  it('has no findings when no documented header is there, or when a value is undefined', () => {
    expect(validateHeaders('requestToken', 400, {})).toEqual([]);
    expect(validateHeaders('getSignupPlusAccounts', 429, { 'retry-after': undefined })).toEqual([]);
  });

  it('reports every failing header of one answer', () => {
    expect(validateHeaders('requestToken', 500, { 'x-tl-correlation-id': '', 'cache-control': 'public' }).map((i) => [i.pointer, i.keyword])).toEqual([
      ['/headers/x-tl-correlation-id', 'minLength'],
      ['/headers/cache-control', 'pattern'],
    ]);
  });
});

describe('validateResponse', () => {
  const token = () => example('token.success');

  it.each([
    ['application/json', []],
    ['APPLICATION/JSON; charset=UTF-8', []],
    ['  application/json  ;  charset=utf-8', []],
    ['application/problem+json', ['application/problem+json']],
    ['text/plain', ['text/plain']],
    ['', ['none']],
    [';charset=utf-8', ['none']],
    [undefined, ['none']],
  ] as Array<[string | undefined, string[]]>)('reads the media type of %j (finding: %j)', (contentType, actual) => {
    expect(validateResponse('requestToken', 200, contentType, token())).toEqual(
      actual.map((a) => ({ pointer: '', severity: 'error', keyword: 'contentType', message: 'content type must be application/json', expected: 'application/json', actual: a })),
    );
  });

  it('reports a missing body and a missing media type together', () => {
    expect(validateResponse('getSignupPlusAccounts', 200, undefined, undefined)).toEqual([
      { pointer: '', severity: 'error', keyword: 'contentType', message: 'content type must be application/json', expected: 'application/json', actual: 'none' },
      { pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'none' },
    ]);
  });

  it.each([
    [null, 'null'],
    ['identity', 'string'],
    [42, 'integer'],
    [4.2, 'number'],
    [true, 'boolean'],
  ])('reports a 200 accounts body %j as the wrong type at the root', (body, actual) => {
    expect(validateResponse('getSignupPlusAccounts', 200, 'application/json', body)).toEqual([
      { pointer: '', severity: 'error', keyword: 'type', message: 'must be object', expected: 'object', actual },
    ]);
  });

  it('checks a body with `result` against the account list, and one without against the identity', () => {
    const list = validateResponse('getSignupPlusAccounts', 200, 'application/json', { result: 'multiple_accounts_linked' });
    expect(list.filter((i) => i.keyword === 'required').map((i) => i.pointer)).toEqual(['/detail', '/links', '/accounts']);
    const identity = validateResponse('getSignupPlusAccounts', 200, 'application/json', {});
    expect(identity.map((i) => i.pointer)).toEqual(['/first_name', '/last_name', '/date_of_birth', '/address', '/account_details']);
  });

  it('checks a problem status against the problem document only', () => {
    expect(validateResponse('getSignupPlusAccounts', 404, 'application/problem+json', { ...example<Record<string, unknown>>('problem.account-not-found'), result: 'x' })).toEqual([
      { pointer: '/result', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' },
    ]);
  });

  it('names the type found, never the value', () => {
    const body = { ...example('signup-plus-accounts.single-account'), title: ['Mr'], sex: { v: 'M' }, first_name: null };
    expect(validateResponse('getSignupPlusAccounts', 200, 'application/json', body)).toEqual([
      { pointer: '/title', severity: 'error', keyword: 'type', message: 'must be string or null', expected: 'string|null', actual: 'array' },
      { pointer: '/first_name', severity: 'error', keyword: 'type', message: 'must be string', expected: 'string', actual: 'null' },
      { pointer: '/sex', severity: 'error', keyword: 'type', message: 'must be string or null', expected: 'string|null', actual: 'object' },
    ]);
  });
});
