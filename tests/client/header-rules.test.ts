// The header check follows whatever the spec says, including what today's spec does not use: a header marked
// required, a `type: number` header, a header described without a schema (OpenAPI allows `content` instead).
// A fresh copy of the validation module is loaded against a copy of the spec document with such headers on the
// accounts 200 answer (test files share modules: a fresh copy leaves every other file's validation as it is).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Validation from '../../src/validation.ts';
import type { ValidationIssue } from '../../src/validation.ts';

const SPEC = '../../src/generated/spec-schemas.ts';
let validateHeaders: typeof Validation.validateHeaders;

beforeAll(async () => {
  vi.doMock(SPEC, async (importOriginal) => {
    const { specSchemas } = await importOriginal<typeof import('../../src/generated/spec-schemas.ts')>();
    const copy = structuredClone(specSchemas) as unknown as { operations: Record<string, { responses: Record<string, { headers: Record<string, unknown> }> }> };
    Object.assign(copy.operations.getSignupPlusAccounts!.responses['200']!.headers, {
      'x-request-id': { name: 'X-Request-Id', required: true, schema: { type: 'string', minLength: 1 } },
      'x-ratelimit-reset': { name: 'X-RateLimit-Reset', required: false, schema: { type: 'number', minimum: 0 } },
      link: { name: 'Link', required: false },
    });
    return { specSchemas: copy };
  });
  try {
    const url = `${new URL('../../src/validation.ts', import.meta.url).href}?spec-copy=${randomUUID()}`;
    ({ validateHeaders } = (await import(/* @vite-ignore */ url)) as typeof Validation);
  } finally {
    vi.doUnmock(SPEC);
  }
});

const check = (headers: Record<string, string>) => validateHeaders('getSignupPlusAccounts', 200, { 'x-request-id': 'req-1', ...headers });

describe('validateHeaders with headers today’s spec does not use', () => {
  it('reports a header the spec marks required when it is missing, and nothing once it is there', () => {
    const missing: ValidationIssue = {
      pointer: '/headers/x-request-id',
      severity: 'error',
      keyword: 'required',
      message: 'response header X-Request-Id is required but missing',
      expected: 'present',
      actual: 'missing',
    };
    expect(validateHeaders('getSignupPlusAccounts', 200, {})).toEqual([missing]);
    expect(validateHeaders('getSignupPlusAccounts', 200, { 'tl-trace-id': 'abc' })).toEqual([missing]);
    expect(check({})).toEqual([]);
    expect(check({ 'x-request-id': '' }).map((i) => [i.pointer, i.keyword])).toEqual([['/headers/x-request-id', 'minLength']]);
  });

  it('reads a number header’s text as a number, decimals and exponents too', () => {
    expect(check({ 'x-ratelimit-reset': '1.5' })).toEqual([]);
    expect(check({ 'x-ratelimit-reset': '2e3' })).toEqual([]);
    expect(check({ 'x-ratelimit-reset': '-0.5' }).map((i) => [i.pointer, i.keyword, i.actual])).toEqual([['/headers/x-ratelimit-reset', 'minimum', 'number']]);
    expect(check({ 'x-ratelimit-reset': 'soon' })).toEqual([
      { pointer: '/headers/x-ratelimit-reset', severity: 'error', keyword: 'type', message: 'response header X-RateLimit-Reset must be number', expected: 'number', actual: 'string' },
    ]);
  });

  it('leaves a header documented without a schema unchecked, whatever its value', () => {
    expect(check({ link: '<https://example.com/next>; rel="next"' })).toEqual([]);
    expect(check({ link: '' })).toEqual([]);
  });
});
