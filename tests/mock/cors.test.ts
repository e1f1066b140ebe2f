// CORS: on by default so a browser app can call the mock directly (preflight and actual answers), off with cors: false.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { codeGrant, FORM, form, raw } from './support.ts';

const ORIGIN = 'http://127.0.0.1:5173';
let on: RunningMock;
let off: RunningMock;

beforeAll(async () => {
  [on, off] = await Promise.all([startMock({ port: 0, quiet: true }), startMock({ port: 0, quiet: true, cors: false })]);
});
afterAll(() => Promise.all([on.close(), off.close()]));

const preflight = (base: string, path: string, method: string, headers = 'authorization, content-type') =>
  raw(`${base}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers } });

describe('CORS (default on)', () => {
  it.each([
    ['/connect/token', 'POST', 'POST, OPTIONS'],
    ['/signup-plus/accounts', 'GET', 'GET, HEAD, OPTIONS'],
  ])('a preflight for %s is answered 204 with the origin, methods and asked headers', async (path, method, methods) => {
    const answer = await preflight(on.url, path, method);
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(answer.headers['access-control-allow-methods']).toBe(methods);
    expect(answer.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-max-age']).toBe('600');
    expect(String(answer.headers.vary)).toContain('Origin');
  });

  it('actual answers allow the origin and expose the trace id and Retry-After', async () => {
    const token = await raw(`${on.url}/connect/token`, { method: 'POST', headers: { ...FORM, origin: ORIGIN }, body: form(codeGrant('rate-limited')) });
    expect(token.headers['access-control-allow-origin']).toBe(ORIGIN);
    const limited = await raw(`${on.url}/signup-plus/accounts`, { headers: { origin: ORIGIN, authorization: `Bearer ${token.json.access_token}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(limited.headers['access-control-expose-headers'])).toMatch(/Tl-Trace-Id.*Retry-After/);
  });

  it('errors carry the headers too, so a browser app can read them', async () => {
    const unauthorized = await raw(`${on.url}/signup-plus/accounts`, { headers: { origin: ORIGIN } });
    expect([unauthorized.status, unauthorized.headers['access-control-allow-origin']]).toEqual([401, ORIGIN]);
    const missing = await raw(`${on.url}/nope`, { headers: { origin: ORIGIN } });
    expect([missing.status, missing.headers['access-control-allow-origin']]).toEqual([404, ORIGIN]);
  });

  it('a request without Origin gets no CORS headers, and a plain OPTIONS still answers Allow', async () => {
    const plain = await raw(`${on.url}/signup-plus/accounts`);
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const options = await raw(`${on.url}/connect/token`, { method: 'OPTIONS' });
    expect([options.status, options.headers.allow, options.headers['access-control-allow-methods']]).toEqual([204, 'POST, OPTIONS', undefined]);
  });

  it('every answer says it varies by Origin, so a shared cache never hands one origin the answer meant for another', async () => {
    const plain = await raw(`${on.url}/signup-plus/accounts`);
    const crossOrigin = await raw(`${on.url}/signup-plus/accounts`, { headers: { origin: ORIGIN } });
    expect([plain.headers.vary, crossOrigin.headers.vary]).toEqual(['Origin', 'Origin']);
  });

  it('only an OPTIONS with both Origin and Access-Control-Request-Method is a preflight', async () => {
    // A real request that happens to carry Access-Control-Request-Method gets its real answer, not a preflight's.
    const get = await raw(`${on.url}/signup-plus/accounts`, { headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    const getNoOrigin = await raw(`${on.url}/signup-plus/accounts`, { headers: { 'access-control-request-method': 'GET' } });
    expect([get.status, get.headers['access-control-allow-methods']]).toEqual([401, undefined]);
    expect([getNoOrigin.status, getNoOrigin.headers['access-control-allow-methods']]).toEqual([401, undefined]);
    // An OPTIONS missing either header is a plain OPTIONS: Allow, no preflight headers.
    const noMethod = await raw(`${on.url}/connect/token`, { method: 'OPTIONS', headers: { origin: ORIGIN } });
    const noOrigin = await raw(`${on.url}/connect/token`, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
    for (const options of [noMethod, noOrigin]) {
      expect([options.status, options.headers.allow, options.headers['access-control-allow-methods']]).toEqual([204, 'POST, OPTIONS', undefined]);
    }
  });
});

describe('CORS off (cors: false, --no-cors)', () => {
  it('no CORS headers on a preflight or an actual answer', async () => {
    const answer = await preflight(off.url, '/connect/token', 'POST');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-methods']).toBeUndefined();
    const actual = await raw(`${off.url}/signup-plus/accounts`, { headers: { origin: ORIGIN } });
    expect(actual.headers['access-control-allow-origin']).toBeUndefined();
  });
});
