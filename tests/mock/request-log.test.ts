// The request log: one line per request, with every secret of the request redacted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
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

  it('is silent with quiet (--quiet): nothing on stdout', async () => {
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
