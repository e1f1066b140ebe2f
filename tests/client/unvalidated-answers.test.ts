// With validateResponses: false the client skips the spec check but still reads only what it can use: a field
// it reads with the wrong type, or a body that is not the shape it expects, is a ResponseValidationError naming
// that field, never a TypeError or a NaN expiry later on.
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, AUTH_CODE, JSON_HEADERS, NEW_ACCESS_TOKEN, PROBLEM_HEADERS, REDIRECT_URI, TOKEN_HEADERS, TRACE_ID, example, harness, rejection, ACCOUNTS_PATH, TOKEN_BODY, TOKEN_PATH } from './fixtures.ts';
import { OAuthError, ProblemError, ResponseValidationError } from '../../src/index.ts';

const typeIssue = (pointer: string, expected: string, actual: string) => ({ pointer, severity: 'error', keyword: 'type', message: `must be ${expected}`, expected, actual });

describe('a token answer the client cannot use, with validation off', () => {
  it.each([
    ['a JSON array', '[]', typeIssue('', 'object', 'array')],
    ['JSON null', 'null', typeIssue('', 'object', 'null')],
    ['a JSON string', '"token"', typeIssue('', 'object', 'string')],
    ['no access_token', JSON.stringify({ expires_in: 60 }), typeIssue('/access_token', 'string', 'missing')],
    ['a numeric access_token', JSON.stringify({ ...TOKEN_BODY, access_token: 42 }), typeIssue('/access_token', 'string', 'integer')],
    ['expires_in as a string', JSON.stringify({ ...TOKEN_BODY, expires_in: '3600' }), typeIssue('/expires_in', 'number', 'string')],
    ['no expires_in', JSON.stringify({ access_token: NEW_ACCESS_TOKEN }), typeIssue('/expires_in', 'number', 'missing')],
    ['an expires_in too large to be finite', `{"access_token":"${NEW_ACCESS_TOKEN}","expires_in":1e999}`, typeIssue('/expires_in', 'number', 'number')],
    ['a refresh_token that is not a string', JSON.stringify({ ...TOKEN_BODY, refresh_token: { value: 'x' } }), typeIssue('/refresh_token', 'string', 'object')],
    ['a scope list instead of a string', JSON.stringify({ ...TOKEN_BODY, scope: ['info'] }), typeIssue('/scope', 'string', 'array')],
    ['a null scope', JSON.stringify({ ...TOKEN_BODY, scope: null }), typeIssue('/scope', 'string', 'null')],
  ])('%s is a ResponseValidationError naming the field', async (_name, body, issue) => {
    const h = harness({ validateResponses: false });
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, body, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ code: err.code, status: err.status, traceId: err.traceId, issues: err.issues, bodyExcerpt: err.bodyExcerpt }).toEqual({
      code: 'TL_RESPONSE_INVALID', status: 200, traceId: TRACE_ID, issues: [issue], bodyExcerpt: undefined,
    });
    expect(err.message).toBe(`POST /connect/token: response does not match the spec (HTTP 200, trace id ${TRACE_ID}): ${issue.pointer || '(root)'} ${issue.message}`);
  });

  it('reads a usable answer with the wrong token_type and extra fields as is, splitting the scope on any spaces', async () => {
    const h = harness({ validateResponses: false });
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(200, { ...TOKEN_BODY, token_type: 'bearer', refresh_token: 'r', scope: ' info  accounts ', id_token: 'x' }, { headers: TOKEN_HEADERS });
    const tokens = await h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI });
    expect({ tokenType: tokens.tokenType, refreshToken: tokens.refreshToken, scope: tokens.scope, issues: tokens.meta.issues }).toEqual({
      tokenType: 'bearer', refreshToken: 'r', scope: ['info', 'accounts'], issues: [],
    });
  });

  it('turns a documented error status without an OAuth error code into a ResponseValidationError saying so', async () => {
    const h = harness({ validateResponses: false });
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, { message: 'bad request' }, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ status: err.status, issues: err.issues, bodyExcerpt: err.bodyExcerpt }).toEqual({
      status: 400,
      issues: [{ pointer: '', severity: 'error', keyword: 'shape', message: 'the HTTP 400 body is not the documented error shape', actual: 'object' }],
      bodyExcerpt: undefined,
    });
  });

  it('keeps an OAuth refusal whose error_description is not a string, without the description', async () => {
    const h = harness({ validateResponses: false });
    h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(400, { error: 'invalid_grant', error_description: 7 }, { headers: TOKEN_HEADERS });
    const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(OAuthError);
    expect({ error: err.error, errorDescription: err.errorDescription, status: err.status }).toEqual({ error: 'invalid_grant', errorDescription: undefined, status: 400 });
  });

  it('does not take a 2xx or 3xx body with an error field for an OAuth refusal', async () => {
    for (const status of [200, 399]) {
      const h = harness();
      h.auth.intercept({ path: TOKEN_PATH, method: 'POST' }).reply(status, { error: 'invalid_grant' }, { headers: TOKEN_HEADERS });
      const err = await rejection(() => h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
      expect(err).toBeInstanceOf(ResponseValidationError);
      expect(err.status).toBe(status);
    }
  });
});

describe('an accounts answer the client cannot use, with validation off', () => {
  it.each([
    ['a JSON array', [], typeIssue('', 'object', 'array')],
    ['JSON null', null, typeIssue('', 'object', 'null')],
    ['a number', 7, typeIssue('', 'object', 'integer')],
    ['a list without accounts', { result: 'multiple_accounts_linked' }, typeIssue('/accounts', 'array', 'missing')],
    ['a list whose accounts is an object', { result: 'multiple_accounts_linked', accounts: {} }, typeIssue('/accounts', 'array', 'object')],
    ['a list with a null account', { result: 'multiple_accounts_linked', accounts: [{ account_id: 'a' }, null] }, typeIssue('/accounts/1/account_id', 'string', 'missing')],
    ['a list with an account given as an array', { result: 'multiple_accounts_linked', accounts: [['a']] }, typeIssue('/accounts/0/account_id', 'string', 'missing')],
    ['a list with a numeric account_id', { result: 'multiple_accounts_linked', accounts: [{ account_id: 'a' }, { account_id: 'b' }, { account_id: 3 }] }, typeIssue('/accounts/2/account_id', 'string', 'integer')],
  ])('%s is a ResponseValidationError naming the field', async (_name, body, issue) => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, JSON.stringify(body), { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ code: err.code, status: err.status, traceId: err.traceId, issues: err.issues }).toEqual({ code: 'TL_RESPONSE_INVALID', status: 200, traceId: TRACE_ID, issues: [issue] });
  });

  it('returns a list whose accounts each have a string account_id, whatever else is in them', async () => {
    const h = harness({ validateResponses: false });
    const body = { result: 'anything', accounts: [{ account_id: 'a', extra: 1 }] };
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, body, { headers: JSON_HEADERS });
    const result = await h.client.getAccounts({ accessToken: ACCESS_TOKEN });
    expect(result).toEqual({ kind: 'multiple_accounts', accounts: body.accounts, body, meta: expect.objectContaining({ status: 200, issues: [] }) });
  });

  it('turns a documented error status whose body is no problem document into a ResponseValidationError saying so', async () => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(404, { message: 'not here' }, { headers: JSON_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'shape', message: 'the HTTP 404 body is not the documented error shape', actual: 'object' }]);
  });

  it('turns a documented error status with no body and no media type into a ResponseValidationError saying so', async () => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(500, '');
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect({ issues: err.issues, bodyExcerpt: err.bodyExcerpt }).toEqual({
      issues: [{ pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: 'none' }],
      bodyExcerpt: '',
    });
  });

  it('still reports an undocumented status, and keeps the problem it carried out of the error kind', async () => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(418, example('problem.forbidden'), { headers: PROBLEM_HEADERS });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.issues).toEqual([{ pointer: '', severity: 'error', keyword: 'status', message: 'HTTP 418 is not a documented answer of getSignupPlusAccounts', expected: '200|400|401|403|404|422|429|500', actual: '418' }]);
  });

  it('turns a documented problem into a ProblemError without findings', async () => {
    const h = harness({ validateResponses: false });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(403, { ...example('problem.forbidden'), extra: 1 }, { headers: { 'content-type': 'text/plain' } });
    const err = await rejection(() => h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(ProblemError);
    expect({ status: err.status, issues: err.issues }).toEqual({ status: 403, issues: [] });
  });
});

describe('a 200 accounts answer shaped like a problem document', () => {
  it.each([true, false])('is not a ProblemError (validation on: %s)', async (validateResponses) => {
    const h = harness({ validateResponses });
    h.api.intercept({ path: ACCOUNTS_PATH, method: 'GET' }).reply(200, example('problem.forbidden'), { headers: JSON_HEADERS });
    const outcome = await h.client.getAccounts({ accessToken: ACCESS_TOKEN }).catch((error: unknown) => error);
    expect(outcome).not.toBeInstanceOf(ProblemError);
    if (validateResponses) expect(outcome).toBeInstanceOf(ResponseValidationError);
    else expect(outcome).toMatchObject({ kind: 'identity' });
  });
});
