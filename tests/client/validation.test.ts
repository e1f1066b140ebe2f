// Response validation against the spec: each kind of mismatch becomes a ResponseValidationError listing each
// issue with its JSON pointer; extra fields are warnings; validation can be switched off.
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, JSON_HEADERS, example, harness, rejection } from './fixtures.ts';
import { MAX_BODY_BYTES, ResponseValidationError, customEnvironment, validateResponse } from '../../src/index.ts';
import { escapePointer } from '../../src/validation.ts';

const PATH = '/signup-plus/accounts';
type Body = Record<string, any>;
const identity = () => example<Body>('signup-plus-accounts.single-account');
const accounts = () => example<Body>('signup-plus-accounts.multiple-accounts');

const mismatches: Array<[string, () => Body, unknown[]]> = [
  ['a missing required field', () => { const b = identity(); delete b.last_name; return b; },
    [{ pointer: '/last_name', severity: 'error', keyword: 'required', message: 'is required but missing', expected: 'present', actual: 'missing' }]],
  ['a missing nested field', () => { const b = identity(); delete b.address.country_code; return b; },
    [{ pointer: '/address/country_code', severity: 'error', keyword: 'required', message: 'is required but missing', expected: 'present', actual: 'missing' }]],
  ['a wrong type', () => ({ ...identity(), first_name: 42 }),
    [{ pointer: '/first_name', severity: 'error', keyword: 'type', message: 'must be string', expected: 'string', actual: 'integer' }]],
  ['a nested wrong value (country code)', () => { const b = identity(); b.address.country_code = 'gbr'; return b; },
    [{ pointer: '/address/country_code', severity: 'error', keyword: 'pattern', message: 'must match pattern "^[A-Z]{2}$"', expected: '^[A-Z]{2}$', actual: 'string' }]],
  ['a nullable field of the wrong type', () => { const b = identity(); b.account_details.sort_code = 40102; return b; },
    [{ pointer: '/account_details/sort_code', severity: 'error', keyword: 'type', message: 'must be string or null', expected: 'string|null', actual: 'integer' }]],
  ['a nullable field with a bad pattern', () => { const b = identity(); b.account_details.sort_code = '040102'; return b; },
    [{ pointer: '/account_details/sort_code', severity: 'error', keyword: 'pattern', message: 'must match pattern "^[0-9]{2}-[0-9]{2}-[0-9]{2}$"', expected: '^[0-9]{2}-[0-9]{2}-[0-9]{2}$', actual: 'string' }]],
  ['a date that is not a date', () => ({ ...identity(), date_of_birth: '20/06/2000' }),
    [{ pointer: '/date_of_birth', severity: 'error', keyword: 'format', message: 'must match format "date"', expected: 'date', actual: 'string' }]],
  ['an account in the list with a bad sort code', () => { const b = accounts(); b.accounts[2].sort_code = '012131'; return b; },
    [{ pointer: '/accounts/2/sort_code', severity: 'error', keyword: 'pattern', message: 'must match pattern "^[0-9]{2}-[0-9]{2}-[0-9]{2}$"', expected: '^[0-9]{2}-[0-9]{2}-[0-9]{2}$', actual: 'string' }]],
  ['a list with a wrong result value', () => ({ ...accounts(), result: 'several_accounts' }),
    [{ pointer: '/result', severity: 'error', keyword: 'const', message: 'must be equal to constant', expected: '"multiple_accounts_linked"', actual: 'string' }]],
  ['several problems at once, with an extra field among them', () => { const b = identity(); delete b.first_name; b.address.zip = 1; b.nickname = 'Jo'; return b; },
    [
      { pointer: '/first_name', severity: 'error', keyword: 'required', message: 'is required but missing', expected: 'present', actual: 'missing' },
      { pointer: '/nickname', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' },
      { pointer: '/address/zip', severity: 'error', keyword: 'type', message: 'must be string', expected: 'string', actual: 'integer' },
    ]],
];

describe('a 200 body that does not match the spec', () => {
  it.each(mismatches)('with %s fails with each issue and its JSON pointer', async (_name, body, issues) => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, body(), { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.code).toBe('TL_RESPONSE_INVALID');
    expect(err.issues).toEqual(issues);
    expect(err.bodyExcerpt).toBeUndefined();
  });

  it.each(mismatches)('with %s is returned as is when validation is off', async (_name, body) => {
    const h = harness({ validateResponses: false });
    const sent = body();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, sent, { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.kind).toBe('result' in sent ? 'multiple_accounts' : 'identity');
    expect(result.kind === 'identity' ? result.identity : result.body).toEqual(sent);
    expect(result.meta.warnings).toEqual([]);
  });
});

describe('extra fields', () => {
  it('are warnings in meta.warnings, at any depth, and the identity is still returned', async () => {
    const h = harness();
    const body = identity();
    body.middle_name = 'Q';
    body.address.county = 'Greater Manchester';
    body.account_details.bic = { code: 'MONZGB2L' };
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.kind).toBe('identity');
    expect(result.meta.warnings).toEqual([
      { pointer: '/middle_name', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' },
      { pointer: '/address/county', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'string' },
      { pointer: '/account_details/bic', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)', actual: 'object' },
    ]);
  });
});

describe('JSON pointers (RFC 6901)', () => {
  it('escape "~" as ~0 and "/" as ~1 in field names, and still find the value to report its type', () => {
    const body = identity();
    body['a~b'] = 1;
    body['c/d'] = [1];
    body['~1'] = { x: 1 };
    body.address['e~/f'] = 1.5;
    const issues = validateResponse('getSignupPlusAccounts', 200, 'application/json', body);
    expect(issues.map((i) => [i.pointer, i.actual])).toEqual([
      ['/a~0b', 'integer'],
      ['/c~1d', 'array'],
      ['/~01', 'object'],
      ['/address/e~0~1f', 'number'],
    ]);
  });

  it('escape the name of a missing field the same way', () => {
    expect(escapePointer('a~b/c')).toBe('a~0b~1c');
    expect(escapePointer('~1')).toBe('~01');
    expect(escapePointer('plain')).toBe('plain');
  });
});

describe('answers that are not JSON or not documented', () => {
  it('turns an HTML 500 into a ResponseValidationError with a body excerpt', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(500, '<html><body><h1>502 Bad Gateway</h1></body></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ status: err.status, contentType: err.contentType, bodyExcerpt: err.bodyExcerpt, issues: err.issues }).toEqual({
      status: 500,
      contentType: 'text/html; charset=utf-8',
      bodyExcerpt: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      issues: [
        {
          pointer: '', severity: 'error', keyword: 'contentType', message: 'content type must be application/json or application/problem+json',
          expected: 'application/json|application/problem+json', actual: 'text/html',
        },
        { pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'text/html' },
      ],
    });
  });

  it('turns an HTML 500 into a ResponseValidationError even with validation off', async () => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(500, '<html>oops</html>', { headers: { 'content-type': 'text/html' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'text/html' }]);
  });

  it.each([true, false])('rejects a 200 with an empty body (validation on: %s)', async (validateResponses) => {
    const h = harness({ validateResponses });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, '', { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'application/json' }]);
  });

  it('reads a body that is not valid UTF-8 with replacement characters, and reports its field by pointer', async () => {
    const h = harness();
    const body = Buffer.concat([Buffer.from('{"first_name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues.filter((i: { keyword: string }) => i.keyword === 'required').map((i: { pointer: string }) => i.pointer)).toEqual(['/last_name', '/date_of_birth', '/address', '/account_details']);
  });

  it('rejects a 200 whose body is truncated JSON', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, '{"first_name": "Jo', { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'application/json' }]);
  });

  it('rejects an undocumented status such as 418', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(418, { title: 'teapot' }, { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'status', message: 'HTTP 418 is not a documented answer of getSignupPlusAccounts', expected: '200|400|401|403|404|422|429|500', actual: '418' }]);
  });

  it('rejects a documented error status whose body is not a problem document', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(404, { message: 'not here' }, { headers: { 'content-type': 'text/plain' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues.map((i: { pointer: string; keyword: string; severity: string }) => [i.pointer, i.keyword, i.severity])).toEqual([
      ['', 'contentType', 'error'],
      ['/type', 'required', 'error'],
      ['/title', 'required', 'error'],
      ['/status', 'required', 'error'],
      ['/trace_id', 'required', 'error'],
      ['/message', 'additionalProperties', 'warning'],
    ]);
  });
});

describe('validateResponse', () => {
  it.each([
    ['requestToken', 200, 'token.success'],
    ['requestToken', 400, 'oauth-error.invalid-grant'],
    ['requestToken', 400, 'oauth-error.invalid-client'],
    ['requestToken', 400, 'oauth-error.invalid-authorization-code'],
    ['requestToken', 500, 'oauth-error.server-error'],
    ['getSignupPlusAccounts', 200, 'signup-plus-accounts.single-account'],
    ['getSignupPlusAccounts', 200, 'signup-plus-accounts.multiple-accounts'],
    ['getSignupPlusAccounts', 200, 'signup-plus-accounts.account-acc-469b2c2bcaea10969'],
    ['getSignupPlusAccounts', 400, 'problem.invalid-parameters'],
    ['getSignupPlusAccounts', 429, 'problem.rate-limit-exceeded'],
  ] as const)('finds nothing wrong with the %s %i example %s', (operationId, status, name) => {
    const contentType = operationId === 'getSignupPlusAccounts' && status !== 200 ? 'application/problem+json' : 'application/json; charset=utf-8';
    expect(validateResponse(operationId, status, contentType, example(name))).toEqual([]);
  });

  it.each(['application/json', 'application/problem+json'])('accepts a problem document sent as %s (TrueLayer declares the first, RFC 7807 the second)', (type) => {
    expect(validateResponse('getSignupPlusAccounts', 401, type, example('problem.unauthorized'))).toEqual([]);
  });

  it('flags a problem document sent as text/plain', () => {
    expect(validateResponse('getSignupPlusAccounts', 401, 'text/plain', example('problem.unauthorized'))).toEqual([
      {
        pointer: '', severity: 'error', keyword: 'contentType', message: 'content type must be application/json or application/problem+json',
        expected: 'application/json|application/problem+json', actual: 'text/plain',
      },
    ]);
  });
});

describe('oversized answers', () => {
  it.each([
    ['declared by Content-Length', { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }, '{}'],
    ['sent without a length', { 'content-type': 'application/json' }, `{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`],
  ])('are refused when %s', async (_name, headers, body) => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, body, { headers });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'size', message: `body is larger than ${MAX_BODY_BYTES} bytes`, expected: `<= ${MAX_BODY_BYTES} bytes`, actual: `> ${MAX_BODY_BYTES} bytes` }]);
  });
});

describe('a custom environment with a base path', () => {
  it('sends requests under that path', async () => {
    const h = harness({ environment: customEnvironment({ authUrl: 'https://auth.signup-plus.test/tl', apiUrl: 'https://api.signup-plus.test/tl' }) });
    h.api.intercept({ path: `/tl${PATH}`, method: 'GET' }).reply(200, identity(), { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result.kind).toBe('identity');
    expect(h.calls()[0]!.path).toBe(`/tl${PATH}`);
  });
});

describe('with validation off, an answer the client cannot read', () => {
  const linked = (list: unknown) => ({ ...accounts(), accounts: list });
  it.each<[string, unknown, unknown]>([
    ['a JSON null identity', null, { pointer: '', expected: 'object', actual: 'null' }],
    ['an account list without accounts', { result: 'multiple_accounts_linked' }, { pointer: '/accounts', expected: 'array', actual: 'missing' }],
    ['an account without account_id', linked([{ currency: 'GBP' }]), { pointer: '/accounts/0/account_id', expected: 'string', actual: 'missing' }],
    ['an account that is not an object', linked([null]), { pointer: '/accounts/0/account_id', expected: 'string', actual: 'missing' }],
  ])('is a ResponseValidationError, not a TypeError: %s', async (_name, body, issue) => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, JSON.stringify(body), { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAllIdentities({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ severity: 'error', keyword: 'type', message: `must be ${(issue as { expected: string }).expected}`, ...(issue as object) }]);
  });

  it.each<[string, Body, unknown]>([
    ['expires_in as a string', { access_token: 'fake-access-token-1', token_type: 'Bearer', expires_in: '3600' }, { pointer: '/expires_in', expected: 'number', actual: 'string' }],
    ['no access_token', { token_type: 'Bearer', expires_in: 3600 }, { pointer: '/access_token', expected: 'string', actual: 'missing' }],
    ['scope as a number', { access_token: 'fake-access-token-1', token_type: 'Bearer', expires_in: 3600, scope: 5 }, { pointer: '/scope', expected: 'string', actual: 'integer' }],
  ])('is a ResponseValidationError for a token answer with %s', async (_name, body, issue) => {
    const h = harness({ validateResponses: false });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, body, { headers: { ...JSON_HEADERS, 'cache-control': 'no-store' } });
    const err = await rejection(() => h.client.exchangeCode({ code: 'fake-code-1', redirectUri: 'https://app.example/callback' }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ severity: 'error', keyword: 'type', message: `must be ${(issue as { expected: string }).expected}`, ...(issue as object) }]);
  });
});

describe('a multiple-accounts answer with zero accounts', () => {
  it('is a ResponseValidationError at /accounts (the spec needs at least one), so getAllIdentities never returns an empty list', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, { ...accounts(), accounts: [] }, { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAllIdentities({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { pointer: string; keyword: string }) => [i.pointer, i.keyword])).toEqual([['/accounts', 'minItems']]);
  });
});
