// The response checks follow whatever the spec says, including what today's spec does not use: a header marked
// required, a `type: number` header, a header described without a schema (OpenAPI allows `content` instead), and
// in a body a nullable object, a field that must be null, `anyOf`, a `oneOf` matched twice, a rule stated twice.
// A fresh copy of the validation module is loaded against a copy of the spec document with such headers on the
// accounts 200 answer and such a body as an extra answer (test files share modules: a fresh copy leaves every
// other file's validation as it is).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Validation from '../../src/validation.ts';
import type { ValidationIssue } from '../../src/validation.ts';

const SPEC = '../../src/generated/spec-schemas.ts';
let validateHeaders: typeof Validation.validateHeaders;
let validateResponse: typeof Validation.validateResponse;
const PROBE = 299;

beforeAll(async () => {
  vi.doMock(SPEC, async (importOriginal) => {
    const { specSchemas } = await importOriginal<typeof import('../../src/generated/spec-schemas.ts')>();
    const copy = structuredClone(specSchemas) as unknown as {
      components: { schemas: Record<string, unknown> };
      operations: Record<string, { responses: Record<string, { content?: unknown; headers: Record<string, unknown> }> }>;
    };
    const owner = { $ref: '#/components/schemas/ProbeOwner' };
    Object.assign(copy.components.schemas, {
      ProbeOwner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Probe: {
        type: 'object',
        properties: {
          gone: { type: 'null' },
          owner: { oneOf: [owner, { type: 'null' }] },
          either: { type: 'string', oneOf: [{ minLength: 1 }, { maxLength: 3 }] },
          eitherCode: { type: 'string' },
          some: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }] },
          twice: { type: 'object', allOf: [owner, owner] },
        },
      },
    });
    copy.operations.getSignupPlusAccounts!.responses[String(PROBE)] = { content: { 'application/json': { $ref: '#/components/schemas/Probe' } }, headers: {} };
    Object.assign(copy.operations.getSignupPlusAccounts!.responses['200']!.headers, {
      'x-request-id': { name: 'X-Request-Id', required: true, schema: { type: 'string', minLength: 1 } },
      'x-ratelimit-reset': { name: 'X-RateLimit-Reset', required: false, schema: { type: 'number', minimum: 0 } },
      link: { name: 'Link', required: false },
    });
    return { specSchemas: copy };
  });
  try {
    const url = `${new URL('../../src/validation.ts', import.meta.url).href}?spec-copy=${randomUUID()}`;
    ({ validateHeaders, validateResponse } = (await import(/* @vite-ignore */ url)) as typeof Validation);
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

describe('validateResponse with schema shapes today’s spec does not use', () => {
  const findings = (body: Record<string, unknown>) => validateResponse('getSignupPlusAccounts', PROBE, 'application/json', body);

  it('reports a field that must be null as "must be null"', () => {
    expect(findings({ gone: 1 })).toEqual([{ pointer: '/gone', severity: 'error', keyword: 'type', message: 'must be null', expected: 'null', actual: 'integer' }]);
  });

  it('names the field inside a nullable object, without the null branch or the oneOf summary', () => {
    expect(findings({ owner: { name: 1 } })).toEqual([{ pointer: '/owner/name', severity: 'error', keyword: 'type', message: 'must be string', expected: 'string', actual: 'integer' }]);
    expect(findings({ owner: {} }).map((i) => [i.pointer, i.keyword])).toEqual([['/owner/name', 'required']]);
    expect(findings({ owner: 'me' })).toEqual([{ pointer: '/owner', severity: 'error', keyword: 'type', message: 'must be object or null', expected: 'object|null', actual: 'string' }]);
    expect(findings({ owner: null })).toEqual([]);
  });

  it('keeps a oneOf that matched twice, the one finding at that field, beside a finding at a field of a similar name', () => {
    expect(findings({ either: 'ab', eitherCode: 5 })).toEqual([
      { pointer: '/either', severity: 'error', keyword: 'oneOf', message: 'must match exactly one schema in oneOf', actual: 'string' },
      { pointer: '/eitherCode', severity: 'error', keyword: 'type', message: 'must be string', expected: 'string', actual: 'integer' },
    ]);
  });

  it('reports what each anyOf branch wants, without the anyOf summary', () => {
    expect(findings({ some: 'x' }).map((i) => [i.pointer, i.keyword, i.message])).toEqual([
      ['/some', 'type', 'must be integer'],
      ['/some', 'pattern', 'must match pattern "^[0-9]+$"'],
    ]);
    expect(findings({ some: '12' })).toEqual([]);
  });

  it('reports a rule the schema states twice once', () => {
    expect(findings({ twice: {} }).map((i) => [i.pointer, i.keyword])).toEqual([['/twice/name', 'required']]);
  });
});
