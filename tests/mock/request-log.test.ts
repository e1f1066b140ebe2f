// The request log: one line per request, with every secret of the request redacted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { formatRequestLog } from '../../mocks/request-log.ts';
import { REDACTED } from '../../src/index.ts';
import { clientFor, form, FORM, raw } from './support.ts';

const lines: string[] = [];
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, log: (line) => lines.push(line) });
});
afterAll(() => mock.close());

const CLIENT_SECRET = 'cs-SECRET-91f0c2d7e4';
const CODE = 'code-SECRET-5b8e1a9f73';
const CODE_VERIFIER = 'verifier-SECRET-3c7d9e1f5a2b4c6d8e0f1a3b5c7d9e1f';

describe('request log', () => {
  it('logs method, path, scenario, status and time with no secret in it', async () => {
    lines.length = 0;
    const client = clientFor(mock.url, { clientSecret: CLIENT_SECRET });
    const tokens = await client.exchangeCode({ code: CODE, redirectUri: 'https://app.example/cb' });
    const refreshed = await client.refreshToken({ refreshToken: tokens.refreshToken! });
    await client.getAccounts({ accessToken: refreshed.accessToken });
    await raw(`${mock.url}/signup-plus/accounts?access_token=${tokens.accessToken}&code=${CODE}`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    await raw(`${mock.url}/connect/token`, {
      method: 'POST',
      headers: { ...FORM, authorization: `Basic ${Buffer.from(`id:${CLIENT_SECRET}`).toString('base64')}` },
      body: form({ grant_type: 'authorization_code', redirect_uri: 'https://a.example/cb', code: CODE }),
    });
    // A PKCE verifier is a secret too, even when a client also (wrongly) repeats it in the URL.
    await raw(`${mock.url}/connect/token?code_verifier=${CODE_VERIFIER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: 'id', client_secret: CLIENT_SECRET, redirect_uri: 'https://a.example/cb', code: CODE, code_verifier: CODE_VERIFIER }),
    });

    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^POST \/connect\/token scenario=single-account 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^POST \/connect\/token scenario=single-account 200 /);
    expect(lines[2]).toMatch(/^GET \/signup-plus\/accounts scenario=single-account 200 /);
    expect(lines[3]).toContain(`access_token=${REDACTED}`);
    expect(lines[3]).toContain(`code=${REDACTED}`);
    const log = lines.join('\n');
    expect(lines[5]).toContain(`code_verifier=${REDACTED}`);
    for (const secret of [CLIENT_SECRET, CODE, CODE_VERIFIER, tokens.accessToken, tokens.refreshToken!, refreshed.accessToken, refreshed.refreshToken!]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/Bearer|Basic|eyJ/);
  });

  it('is silent with startMock({ quiet: true }): nothing on stdout', async () => {
    const quiet = await startMock({ port: 0, quiet: true });
    const written = vi.spyOn(process.stdout, 'write');
    try {
      expect((await raw(`${quiet.url}/signup-plus/accounts`)).status).toBe(401);
      expect(written).not.toHaveBeenCalled();
    } finally {
      written.mockRestore();
      await quiet.close();
    }
  });

  it('goes to stdout without quiet or a log sink', async () => {
    const loud = await startMock({ port: 0 });
    const written = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await raw(`${loud.url}/nowhere`);
      expect(written.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^GET \/nowhere scenario=- 404 \d+\.\dms\n$/)]);
    } finally {
      written.mockRestore();
      await loud.close();
    }
  });

  it('control characters in a target cannot forge a second log line', async () => {
    lines.length = 0;
    await raw(`${mock.url}/x%0a%0dGET%20/forged`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ 404 /);
  });
});

describe('a request log line', () => {
  const line = (entry: Partial<Parameters<typeof formatRequestLog>[0]>): string =>
    formatRequestLog({ method: 'GET', target: '/signup-plus/accounts', status: 200, ms: 0, secrets: [], ...entry });

  it('is method, target, scenario, status and milliseconds to one decimal', () => {
    expect(line({ scenario: 'rate-limited', status: 429, ms: 12.345 })).toBe('GET /signup-plus/accounts scenario=rate-limited 429 12.3ms');
    expect(line({ ms: 0.06 })).toBe('GET /signup-plus/accounts scenario=- 200 0.1ms');
  });

  it('says reset for a connection dropped on purpose (status 0)', () => {
    expect(line({ status: 0, scenario: 'connection-reset' })).toBe('GET /signup-plus/accounts scenario=connection-reset reset 0.0ms');
  });

  it('escapes every C0 and C1 control character as \\xNN, and nothing printable', () => {
    expect(line({ target: '/a\u0000b\u001fc d~e\u007ff\u0080g\u009fh\u00a0i\u00e9' })).toBe(
      'GET /a\\x00b\\x1fc d~e\\x7ff\\x80g\\x9fh\u00a0i\u00e9 scenario=- 200 0.0ms',
    );
    expect(line({ method: 'G\nET' })).toBe('G\\x0aET /signup-plus/accounts scenario=- 200 0.0ms');
  });

  it('cuts a target after 300 characters and a method after 16, marking the cut', () => {
    const exact = `/${'a'.repeat(299)}`;
    expect(line({ target: exact })).toBe(`GET ${exact} scenario=- 200 0.0ms`);
    expect(line({ target: `${exact}b` })).toBe(`GET ${exact}\u2026 scenario=- 200 0.0ms`);
    expect(line({ method: 'M'.repeat(16) })).toBe(`${'M'.repeat(16)} /signup-plus/accounts scenario=- 200 0.0ms`);
    expect(line({ method: 'M'.repeat(17) })).toBe(`${'M'.repeat(16)}\u2026 /signup-plus/accounts scenario=- 200 0.0ms`);
    // An escaped control character counts as the four characters it prints.
    expect(line({ target: `/${'a'.repeat(295)}\n` })).toBe(`GET /${'a'.repeat(295)}\\x0a scenario=- 200 0.0ms`);
    expect(line({ target: `/${'a'.repeat(296)}\n` })).toBe(`GET /${'a'.repeat(296)}\\x0\u2026 scenario=- 200 0.0ms`);
  });

  it('redacts the request\'s secrets in the method and target before cutting, so a secret across the cut is still hidden', () => {
    const secret = 'sec-7f3a9c1e5b2d8f4a6c0e';
    const target = `/${'a'.repeat(290)}?code=${secret}`;
    const printed = line({ target, method: `X${secret}`, secrets: [secret] });
    expect(printed).toBe(`X${REDACTED} /${'a'.repeat(290)}?code=[RE\u2026 scenario=- 200 0.0ms`);
    expect(printed).not.toContain(secret.slice(0, 4));
  });
});
