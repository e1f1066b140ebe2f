// The spec → draft-07 conversion for Postman's sandbox: same verdicts as the spec on the spec's own
// examples and on broken bodies, and a loud failure for 2020-12 keywords Ajv 6 would silently ignore.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type JsonObject } from '../../scripts/lib/spec-document.ts';
import { toSandboxSchema } from '../../scripts/postman/sandbox-schema.ts';
import { findOperation, specExample, specResponse, type OperationId } from '../../scripts/postman/spec-facts.ts';

let spec: JsonObject;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);

beforeAll(async () => {
  spec = await loadSpec();
});

const validatorFor = (operationId: OperationId, status: number) =>
  ajv.compile(toSandboxSchema(spec, specResponse(findOperation(spec, operationId), status).schema));

describe('toSandboxSchema', () => {
  it('accepts every named example of every documented response', () => {
    const verdicts: string[] = [];
    const responses: string[] = [];
    for (const operationId of ['requestToken', 'getSignupPlusAccounts'] as const) {
      const operation = findOperation(spec, operationId);
      for (const [status, response] of operation.responses) {
        responses.push(`${operationId} ${status}`);
        const validate = validatorFor(operationId, status);
        for (const name of Object.keys(response.examples)) {
          const ok = validate(specExample(response, name));
          verdicts.push(`${operationId} ${status} ${name}: ${ok ? 'valid' : ajv.errorsText(validate.errors)}`);
        }
      }
    }
    expect(verdicts.filter((v) => !v.endsWith(': valid'))).toEqual([]);
    // Every documented response was checked through at least one example (none skipped for having none).
    expect([...new Set(verdicts.map((v) => v.split(' ').slice(0, 2).join(' ')))]).toEqual(responses);
    expect(responses).toEqual(expect.arrayContaining(['requestToken 200', 'requestToken 400', 'getSignupPlusAccounts 200', 'getSignupPlusAccounts 429']));
  });

  it.each([
    ['lower-case token_type (const)', 'requestToken', 200, { access_token: 'a', expires_in: 3600, token_type: 'bearer' }],
    ['a field the spec does not list (closed object)', 'requestToken', 200, { access_token: 'a', expires_in: 3600, token_type: 'Bearer', extra: 1 }],
    ['expires_in as a string', 'requestToken', 200, { access_token: 'a', expires_in: '3600', token_type: 'Bearer' }],
    ['an OAuth error with an empty error code', 'requestToken', 400, { error: '' }],
    ['a problem with a 2xx status', 'getSignupPlusAccounts', 401, { type: 'https://x.test/a', title: 'T', status: 200, trace_id: 't' }],
    ['a multiple-accounts answer with no accounts', 'getSignupPlusAccounts', 200, { result: 'multiple_accounts_linked', detail: 'd', links: {}, accounts: [] }],
  ] as const)('rejects %s', (_name, operationId, status, body) => {
    expect(validatorFor(operationId, status)(body)).toBe(false);
  });

  it('accepts an OAuth error code the spec does not list: RFC 6749 §5.2 codes are an open set', () => {
    expect(validatorFor('requestToken', 400)({ error: 'access_denied' })).toBe(true);
  });

  it('keeps OAS 3.1 type arrays: an identity with a null title is valid, a numeric title is not', () => {
    const validate = validatorFor('getSignupPlusAccounts', 200);
    const identity = specExample(specResponse(findOperation(spec, 'getSignupPlusAccounts'), 200), 'single-account');
    expect([validate({ ...identity, title: null }), validate({ ...identity, title: 7 })]).toEqual([true, false]);
  });

  it('moves referenced component schemas under definitions and drops annotations', () => {
    expect(toSandboxSchema(spec, { $ref: '#/components/schemas/SortCode' })).toEqual({
      allOf: [{ $ref: '#/definitions/SortCode' }],
      definitions: { SortCode: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}-[0-9]{2}$' } },
    });
  });

  it('wraps a $ref that has validation beside it in allOf (draft-07 would ignore the siblings)', () => {
    expect(toSandboxSchema(spec, { $ref: '#/components/schemas/SortCode', minLength: 8 })).toEqual({
      allOf: [{ $ref: '#/definitions/SortCode' }, { minLength: 8 }],
      definitions: { SortCode: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}-[0-9]{2}$' } },
    });
  });

  it.each([
    [{ type: 'array', prefixItems: [{ type: 'string' }] }, 'keyword "prefixItems" at #'],
    [{ type: 'object', unevaluatedProperties: false }, 'keyword "unevaluatedProperties" at #'],
    [{ type: 'object', properties: { a: { $defs: {} } } }, 'keyword "$defs" at #/properties/a'],
    [{ type: 'string', format: 'iban' }, 'format "iban" at #'],
    [{ $ref: './examples/x.json' }, 'only #/components/schemas refs are supported'],
  ])('fails the generation for %j', (schema, message) => {
    expect(() => toSandboxSchema(spec, schema)).toThrow(message);
  });
});
