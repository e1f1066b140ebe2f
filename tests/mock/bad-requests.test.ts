// Every wrong request gets TrueLayer's answer in TrueLayer's shape (never Prism's), over raw HTTP.
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, startMock, type RunningMock } from '../../mocks/index.ts';
import { tokenRequestFields } from '../../mocks/token-request-body.ts';
import { mintToken } from '../../mocks/tokens.ts';
import { codeGrant, exchange, form, FORM, raw, type RawAnswer } from './support.ts';

let mock: RunningMock;
let strict: RunningMock;
let token: string;
beforeAll(async () => {
  [mock, strict] = await Promise.all([
    startMock({ port: 0, quiet: true }),
    startMock({ port: 0, quiet: true, clientId: 'the-client', clientSecret: 'the-secret' }),
  ]);
  token = (await exchange(mock.url, 'single-account')).access_token;
});
afterAll(() => Promise.all([mock.close(), strict.close()]));

const post = (body: string | Buffer, headers: Record<string, string> = FORM, base = mock.url): Promise<RawAnswer> =>
  raw(`${base}/connect/token`, { method: 'POST', headers, body });

function expectOAuth(answer: RawAnswer, status: number, error: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json?.error).toBe(error);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.headers['cache-control']).toBe('no-store');
  // The auth host's trace header is the one TrueLayer's SDKs read there, not the Signup+ host's.
  expect(answer.headers['x-tl-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers['tl-trace-id']).toBeUndefined();
  expect(answer.text).not.toMatch(/stoplight|prism/i);
}

function expectProblem(answer: RawAnswer, status: number, title: string): void {
  expect(answer.status).toBe(status);
  // TrueLayer's own Signup+ description declares its problem answers as application/json.
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.json).toMatchObject({ status, title });
  expect(answer.json.type).toMatch(/^https:\/\/docs\.truelayer\.com\/docs\/signup-errors#/);
  expect(answer.json.trace_id).toBe(answer.headers['tl-trace-id'] ?? answer.headers['x-tl-correlation-id']);
  expect(answer.text).not.toMatch(/stoplight|prism/i);
}

/** An HS256 token like the mock's, signed with another key. */
function foreignToken(): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ iss: 'signup-plus-harness-mock', scn: 'single-account', kind: 'access', iat: 1, exp: 4102444800, jti: 'x' })).toString('base64url');
  const signature = createHmac('sha256', 'someone-else').update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** TrueLayer accepts the token request as a form or as JSON, with the same fields and the same answers. */
const ENCODINGS = [
  ['form', (fields: Record<string, string>): string => form(fields), FORM],
  ['JSON', (fields: Record<string, string>): string => JSON.stringify(fields), JSON_TYPE],
] as const;

describe.each(ENCODINGS)('token endpoint refusals, %s body', (_name, encode, headers) => {
  const send = (fields: Record<string, string>, base = mock.url, extra: Record<string, string> = {}): Promise<RawAnswer> =>
    post(encode(fields), { ...headers, ...extra }, base);

  it.each(['grant_type', 'client_id', 'client_secret', 'redirect_uri', 'code'])('a missing %s answers 400 invalid_request', async (field) => {
    const fields = codeGrant('single-account');
    delete fields[field];
    expectOAuth(await send(fields), 400, 'invalid_request');
  });

  it.each(['client_id', 'client_secret', 'redirect_uri', 'code'])('an empty %s answers 400 invalid_request', async (field) => {
    expectOAuth(await send(codeGrant('single-account', { [field]: '' })), 400, 'invalid_request');
  });

  it('a refresh_token grant without refresh_token answers 400 invalid_request', async () => {
    expectOAuth(await send({ grant_type: 'refresh_token', client_id: 'a', client_secret: 'b' }), 400, 'invalid_request');
  });

  it('a redirect_uri that is not an absolute URL answers 400 invalid_request', async () => {
    expectOAuth(await send(codeGrant('single-account', { redirect_uri: 'callback' })), 400, 'invalid_request');
  });

  it.each(['client_credentials', 'password', 'AUTHORIZATION_CODE'])('grant_type=%s answers 400 unsupported_grant_type', async (grant) => {
    expectOAuth(await send(codeGrant('single-account', { grant_type: grant })), 400, 'unsupported_grant_type');
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['a foreign signature', foreignToken()],
    ['an access token', mintToken('single-account', 'access', 3600)],
    ['an expired refresh token', mintToken('single-account', 'refresh', 60, Date.now() - 3_600_000)],
  ])('a refresh token that is %s answers 400 invalid_grant', async (_what, refreshToken) => {
    expectOAuth(await send({ grant_type: 'refresh_token', client_id: 'a', client_secret: 'b', refresh_token: refreshToken }), 400, 'invalid_grant');
  });

  it('the expired-code scenario answers 400 invalid_authorization_code', async () => {
    expectOAuth(await send(codeGrant('expired-code')), 400, 'invalid_authorization_code');
  });

  it('a PKCE code_verifier is accepted', async () => {
    const answer = await send(codeGrant('single-account', { code_verifier: 'v'.repeat(43) }));
    expect(answer.status).toBe(200);
    expect(answer.json.token_type).toBe('Bearer');
  });

  it('without --client-id/--client-secret any client is accepted', async () => {
    expect((await send(codeGrant('single-account', { client_id: 'whoever', client_secret: 'whatever' }))).status).toBe(200);
  });

  it.each([
    ['client_id', { client_id: 'another-client', client_secret: 'the-secret' }],
    ['client_secret', { client_id: 'the-client', client_secret: 'wrong-secret' }],
  ])('with --client-id/--client-secret set, a wrong %s answers 400 invalid_client', async (_field, credentials) => {
    expectOAuth(await send(codeGrant('single-account', credentials), strict.url), 400, 'invalid_client');
  });

  it('with --client-id/--client-secret set, the right pair answers 200', async () => {
    expect((await send(codeGrant('single-account', { client_id: 'the-client', client_secret: 'the-secret' }), strict.url)).status).toBe(200);
  });

  it.each([
    ['instead of body credentials', false],
    ['beside the right body credentials', true],
  ])('HTTP Basic client authentication %s answers 400 invalid_client saying to use the body', async (_how, withBody) => {
    const { client_id: _id, client_secret: _secret, ...rest } = codeGrant('single-account');
    const fields = withBody ? codeGrant('single-account', { client_id: 'the-client', client_secret: 'the-secret' }) : rest;
    const answer = await send(fields, strict.url, { authorization: `Basic ${Buffer.from('the-client:the-secret').toString('base64')}` });
    expectOAuth(answer, 400, 'invalid_client');
    expect(answer.json.error_description).toMatch(/client_id and client_secret in the request body/);
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });
});

describe('token endpoint bodies', () => {
  it.each(['single-account', 'multiple-accounts', 'expired-code', 'token-server-error'])(
    'a JSON request for %s gets the same answer as the form request',
    async (code) => {
      const [asForm, asJson] = await Promise.all([post(form(codeGrant(code))), post(JSON.stringify(codeGrant(code)), JSON_TYPE)]);
      expect(asJson.status).toBe(asForm.status);
      const claims = (answer: RawAnswer): unknown =>
        answer.json.access_token ? JSON.parse(Buffer.from(answer.json.access_token.split('.')[1], 'base64url').toString()).scn : undefined;
      expect(claims(asJson)).toBe(claims(asForm));
      // Tokens are minted afresh for each answer; everything else is the same.
      const rest = ({ access_token: _a, refresh_token: _r, ...others }: Record<string, unknown>): unknown => others;
      expect(rest(asJson.json)).toEqual(rest(asForm.json));
    },
  );

  it.each([
    ['malformed JSON', '{"grant_type":'],
    ['a JSON array', JSON.stringify([codeGrant('single-account')])],
    ['a JSON null', 'null'],
    ['a field that is not a string', JSON.stringify({ ...codeGrant('single-account'), code: 42 })],
  ])('%s answers 400 invalid_request', async (_what, body) => {
    expectOAuth(await post(body, JSON_TYPE), 400, 'invalid_request');
  });

  it.each([
    ['no content type', form(codeGrant('single-account')), {}],
    ['text/plain', form(codeGrant('single-account')), { 'content-type': 'text/plain' }],
    ['multipart', form(codeGrant('single-account')), { 'content-type': 'multipart/form-data; boundary=x' }],
  ])('%s answers 400 invalid_request', async (_what, body, headers) => {
    expectOAuth(await post(body, headers as Record<string, string>), 400, 'invalid_request');
  });

  it('a duplicated form parameter answers 400 invalid_request', async () => {
    expectOAuth(await post(`${form(codeGrant('single-account'))}&code=other`), 400, 'invalid_request');
  });

  it.each(['grant_type', 'client_secret', 'redirect_uri'])('a duplicated %s answers 400 invalid_request (RFC 6749 §3.2)', async (field) => {
    expectOAuth(await post(`${form(codeGrant('single-account'))}&${field}=${encodeURIComponent(codeGrant('single-account')[field]!)}`), 400, 'invalid_request');
  });

  it.each([
    ['form', 'application/x-www-form-urlencoded; charset=UTF-8', form(codeGrant('single-account'))],
    ['JSON', 'application/json; charset=utf-8', JSON.stringify(codeGrant('single-account'))],
  ])('a %s content type with a charset parameter is accepted', async (_what, contentType, body) => {
    const answer = await post(body, { 'content-type': contentType });
    expect(answer.status).toBe(200);
    expect(answer.json.token_type).toBe('Bearer');
  });

  it('a form body sent with Transfer-Encoding: chunked is read whole and accepted', async () => {
    const body = form(codeGrant('multiple-accounts'));
    const half = Math.floor(body.length / 2);
    const chunks = [body.slice(0, half), body.slice(half)].map((part) => `${part.length.toString(16)}\r\n${part}\r\n`).join('');
    const text = await rawSocket(
      mock.port,
      `POST /connect/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    const answer = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(answer.token_type).toBe('Bearer');
    expect(JSON.parse(Buffer.from(answer.access_token.split('.')[1], 'base64url').toString()).scn).toBe('multiple-accounts');
  });
});

describe('accounts refusals', () => {
  const accounts = (headers: Record<string, string>, query = ''): Promise<RawAnswer> =>
    raw(`${mock.url}/signup-plus/accounts${query}`, { headers });

  it.each([
    ['missing', {}],
    ['not Bearer', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['malformed', { authorization: 'Bearer a b c' }],
    ['not a mock token', { authorization: 'Bearer abc.def.ghi' }],
    ['signed with another key', { authorization: `Bearer ${foreignToken()}` }],
    // Forgeries of a real token: the mock must check the signature, not just the shape.
    ['unsigned (empty signature)', () => ({ authorization: `Bearer ${token.slice(0, token.lastIndexOf('.') + 1)}` })],
    ['alg none', () => ({ authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}${token.slice(token.indexOf('.'), token.lastIndexOf('.') + 1)}` })],
    ['truncated', () => ({ authorization: `Bearer ${token.slice(0, -4)}` })],
    ['expired', { authorization: `Bearer ${mintToken('single-account', 'access', 60, Date.now() - 3_600_000)}` }],
    ['a refresh token', { authorization: `Bearer ${mintToken('single-account', 'refresh', 3600)}` }],
    ['for a scenario the table does not have', { authorization: `Bearer ${mintToken('no-such-scenario', 'access', 3600)}` }],
  ])('a bearer token that is %s answers 401 Unauthorized problem+json', async (_what, headers) => {
    // A function when the row needs the real token, which beforeAll fetches after the table is built.
    const answer = await accounts((typeof headers === 'function' ? headers() : headers) as Record<string, string>);
    expectProblem(answer, 401, 'Unauthorized');
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer realm="signup-plus-mock"/);
  });

  it.each([
    ['empty', '?account_id='],
    ['with a space', '?account_id=acc%20one'],
    ['with a slash', '?account_id=..%2Facc'],
    ['over 128 characters', `?account_id=${'a'.repeat(129)}`],
    ['with bad percent-encoding', '?account_id=%E0%A4%A'],
    ['given twice', '?account_id=acc-aa360adff0f1574e1&account_id=acc-8232b085624e6babf'],
  ])('an account_id that is %s answers 400 Invalid Parameters', async (_what, query) => {
    const answer = await accounts({ authorization: `Bearer ${token}` }, query);
    expectProblem(answer, 400, 'Invalid Parameters');
    expect(answer.json.errors).toEqual({ account_id: ['The account_id is malformed.'] });
  });

  it('a well-formed account_id the single-account user does not have answers 404 Account Not Found', async () => {
    expectProblem(await accounts({ authorization: `Bearer ${token}` }, '?account_id=acc-unknown'), 404, 'Account Not Found');
  });
});

describe('HTTP-level refusals', () => {
  it.each(['/index.html', '/signup-plus/accounts/', '/signup-plus/payments', '/connect/token/extra', '/_harness/provider-states'])(
    'unknown path %s answers 404 problem+json',
    async (path) => {
      expectProblem(await raw(`${mock.url}${path}`), 404, 'Not Found');
    },
  );

  it.each([
    ['GET', '/connect/token', 'POST, OPTIONS'],
    ['PUT', '/connect/token', 'POST, OPTIONS'],
    ['HEAD', '/connect/token', 'POST, OPTIONS'],
    ['POST', '/signup-plus/accounts', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/signup-plus/accounts', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/signup-plus/accounts', 'GET, HEAD, OPTIONS'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const answer = await raw(`${mock.url}${path}`, { method, ...(method === 'GET' || method === 'HEAD' ? {} : { body: 'x' }) });
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toBe(allow);
    if (method !== 'HEAD') expectProblem(answer, 405, 'Method Not Allowed');
  });

  it('HEAD on the accounts endpoint answers what GET would, without the body', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const [get, head] = await Promise.all([raw(`${mock.url}/signup-plus/accounts`, { headers }), raw(`${mock.url}/signup-plus/accounts`, { method: 'HEAD', headers })]);
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
    expect(head.headers['tl-trace-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('HEAD on the accounts endpoint without a bearer token answers 401 like GET', async () => {
    const head = await raw(`${mock.url}/signup-plus/accounts`, { method: 'HEAD' });
    expect(head.status).toBe(401);
    expect(head.headers['www-authenticate']).toBe('Bearer realm="signup-plus-mock"');
    expect(head.text).toBe('');
  });

  it('OPTIONS answers 204 with Allow', async () => {
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { method: 'OPTIONS' });
    expect(answer.status).toBe(204);
    expect(answer.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(answer.headers['tl-trace-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.json?.trace_id ?? answer.headers['tl-trace-id']).toBe(answer.headers['tl-trace-id']);
  });

  it('a declared body over 1 MiB answers 413 before the body is sent', async () => {
    const head = await rawSocket(
      mock.port,
      `POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\ngrant_type=`,
    );
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toContain('"title":"Payload Too Large"');
    expect(head).toMatch(/connection: close/i);
  });

  it('a chunked body that grows over 1 MiB answers 413 before the body ends', async () => {
    // Chunks of 64 KiB up to a quarter MiB past the limit, and no last chunk: the answer can only come from
    // counting the stream. Nothing more is written: once the mock stops reading, its close may reset the
    // connection, and a reset would fail a write before the answer in the socket's buffer was read.
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
    const size = 64 * 1024;
    const chunk = `${size.toString(16)}\r\n${'a'.repeat(size)}\r\n`;
    const body = chunk.repeat((BODY_LIMIT_BYTES + 256 * 1024) / size);
    const head = await rawSocket(mock.port, `POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${body}`);
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
  });

  it.each([
    ['an unknown method', 400, 'BREW /signup-plus/accounts HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['broken framing', 400, 'GET /signup-plus/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['huge headers', 431, `GET /signup-plus/accounts HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
  ])('%s answers %i problem+json with a trace id', async (_what, status, request) => {
    const text = await rawSocket(mock.port, request);
    expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    const traceId = /tl-trace-id: ([0-9a-f-]+)/i.exec(text)?.[1];
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).trace_id).toBe(traceId);
  });
});

/** Writes raw bytes and reads what comes back, until the mock closes (or resets after answering). */
function rawSocket(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (data) => (text += data.toString('latin1')));
    socket.on('error', () => (text ? resolve(text) : reject(new Error('no answer'))));
    socket.on('close', () => resolve(text));
    socket.write(request);
    // A hang guard, not a measure: generous, so that a loaded machine does not turn a slow answer into none.
    setTimeout(() => socket.destroy(), 30_000).unref();
  });
}

describe('reading the token request body', () => {
  const fields = (contentType: string | undefined, body: string) => {
    const read = tokenRequestFields(contentType, Buffer.from(body, 'utf8'));
    return read && [...read];
  };

  it('reads a form body under any case and charset of its type, UTF-8 and repeated names kept', () => {
    expect(fields(' Application/X-WWW-Form-Urlencoded ; charset=UTF-8', 'code=%C3%A9&code=caf\u00e9&grant_type=x')).toEqual([
      ['code', 'é'],
      ['code', 'café'],
      ['grant_type', 'x'],
    ]);
  });

  it('reads a JSON object of strings as the same fields, UTF-8 kept', () => {
    expect(fields('APPLICATION/JSON; charset=utf-8', JSON.stringify({ code: 'café', grant_type: 'authorization_code' }))).toEqual([
      ['code', 'café'],
      ['grant_type', 'authorization_code'],
    ]);
    expect(fields('application/json', '{}')).toEqual([]);
  });

  it.each([
    ['no content type', undefined, 'code=x'],
    ['text/plain', 'text/plain', 'code=x'],
    ['JSON sent as text/plain', 'text/plain', '{"code":"x"}'],
    ['a form type as a prefix of another', 'application/x-www-form-urlencoded-x', 'code=x'],
    ['broken JSON', 'application/json', '{"code":'],
    ['JSON null', 'application/json', 'null'],
    ['a JSON array', 'application/json', '[["code","x"]]'],
    ['a JSON string', 'application/json', '"code=x"'],
    ['a JSON number', 'application/json', '7'],
    ['a JSON field that is not a string', 'application/json', '{"code":"x","expires":5}'],
    ['a JSON field that is null', 'application/json', '{"code":null}'],
  ])('%s is unreadable (undefined, answered invalid_request)', (_what, contentType, body) => {
    expect(tokenRequestFields(contentType, Buffer.from(body))).toBeUndefined();
  });
});
