// The `mock` command: flags, the banner's curl pair (run exactly as printed), and a clean stop on SIGTERM (the
// bin's own process).
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlPair, renderBanner } from '../../mocks/banner.ts';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { parseMockArgs } from '../../scripts/commands/mock.ts';
import { UsageError } from '../../scripts/lib/command.ts';
import { runMain, startMain } from '../cli-in-process.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true });
});
afterAll(() => mock.close());

describe('mock command flags', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('defaults to 127.0.0.1:4010', () => {
    expect(parseMockArgs([], {})).toMatchObject({ port: 4010, host: '127.0.0.1', quiet: false, dynamic: false });
  });

  it('reads PORT and HOST when no flag is given, and flags win over them', () => {
    expect(parseMockArgs([], { PORT: '5000', HOST: '0.0.0.0' })).toMatchObject({ port: 5000, host: '0.0.0.0' });
    expect(parseMockArgs(['--port', '0', '--host', '127.0.0.1'], { PORT: '5000', HOST: '0.0.0.0' })).toMatchObject({ port: 0, host: '127.0.0.1' });
  });

  it('passes latency, jitter, dynamic, seed and client credentials', () => {
    expect(
      parseMockArgs(['--latency', '200', '--jitter', '10', '--dynamic', '--seed', '9', '--client-id', 'id', '--client-secret', 's', '--quiet'], {}),
    ).toMatchObject({ latencyMs: 200, jitterMs: 10, dynamic: true, seed: '9', clientId: 'id', clientSecret: 's', quiet: true });
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--latency=-5']],
    [['--seed', '3']],
  ])('refuses %j with a UsageError', (argv) => {
    expect(() => parseMockArgs(argv, {})).toThrow(UsageError);
  });

  it('passes repeated --redirect-uri as the allow-list and --no-cors', () => {
    expect(parseMockArgs(['--redirect-uri', 'http://127.0.0.1:3000/callback', '--redirect-uri', 'https://app.example/cb', '--no-cors'], {})).toMatchObject({
      redirectUris: ['http://127.0.0.1:3000/callback', 'https://app.example/cb'],
      cors: false,
    });
    expect(parseMockArgs([], {}).cors).toBeUndefined();
  });

  it.each([['javascript:alert(1)'], ['/callback'], ['https://app.example/cb#x']])('refuses --redirect-uri %s', (uri) => {
    expect(() => parseMockArgs(['--redirect-uri', uri], {})).toThrow(UsageError);
  });

  it('refuses an unknown flag (parseArgs strict)', () => {
    expect(() => parseMockArgs(['--nope'], {})).toThrow(/Unknown option '--nope'/);
  });
});

describe('banner', () => {
  it('lists every scenario code and no single-quoted shell variable', () => {
    const banner = renderBanner({ url: mock.url, checksClient: true, dynamic: false, latencyMs: 0, providerStates: false });
    for (const code of ['single-account', 'multiple-accounts', 'user-data-not-found', 'joint-account', 'reconnect-required', 'server-error', 'rate-limited', 'expired-code', 'slow', 'connection-reset', 'truncated', 'bad-gateway']) {
      expect(banner).toContain(`  ${code} `);
    }
    expect(banner).not.toMatch(/'\$/);
    expect(banner).toContain('"client_id=${CLIENT_ID}"');
  });

  it('prints an auth link that opens the dialog, with the allowed redirect URI and the checked client id', async () => {
    const banner = renderBanner({ url: mock.url, checksClient: true, dynamic: false, latencyMs: 0, providerStates: false, clientId: 'my-app', redirectUri: 'https://app.example/cb' });
    const link = new URL(/^  (http:\/\/\S+\/\?response_type=code\S+)$/m.exec(banner)?.[1] as string);
    expect(Object.fromEntries(link.searchParams)).toMatchObject({ client_id: 'my-app', redirect_uri: 'https://app.example/cb', scope: 'signupplus offline_access' });
    const page = await fetch(link.href.replace('client_id=my-app', 'client_id=any'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Choose your bank');
  });

  it('the printed curl pair works as printed in bash', async () => {
    const { stdout } = await run('bash', ['-c', curlPair(mock.url, false)], { cwd: ROOT });
    expect(JSON.parse(stdout)).toMatchObject({ first_name: 'Joe', last_name: 'Blogs' });
  });

  it('with client checks, the pair reads CLIENT_ID and CLIENT_SECRET from the shell', async () => {
    const strict = await startMock({ port: 0, quiet: true, clientId: 'my-id', clientSecret: 'my-secret' });
    try {
      const { stdout } = await run('bash', ['-c', curlPair(strict.url, true)], { cwd: ROOT, env: { ...process.env, CLIENT_ID: 'my-id', CLIENT_SECRET: 'my-secret' } });
      expect(JSON.parse(stdout).first_name).toBe('Joe');
    } finally {
      await strict.close();
    }
  });
});

describe('signup-plus-harness mock', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('prints the banner on --port 0 and exits 0 after SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/signup-plus-harness.js', 'mock', '--port', '0'], { cwd: ROOT, env: { ...process.env, PORT: '' } });
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(url).not.toBe('http://127.0.0.1:0');
    // Once the process announces its URL, the health check a process manager polls answers ready.
    const health = await fetch(`${url}/_harness/health`);
    expect([health.status, ((await health.json()) as { status: string }).status]).toEqual([200, 'ok']);
    const answer = await fetch(`${url}/nowhere`);
    expect(answer.status).toBe(404);
    const journal = (await (await fetch(`${url}/_harness/requests`)).json()) as { requests: Array<{ path: string; status: number }> };
    expect(journal.requests.map((r) => [r.path, r.status])).toEqual([['/nowhere', 404]]);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('Signup+ mock stopped (SIGTERM).');
    expect(out).toMatch(/GET \/nowhere scenario=- 404 /);
  });

  it('in-process, prints its banner and request log to the output it is given and stops on its stop signal', async () => {
    const stop = new AbortController();
    const running = startMain(['mock', '--port', '0'], { stop: stop.signal });
    await running.printed(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(running.stdout())?.[1] ?? '';
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    stop.abort('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toMatch(/GET \/nowhere scenario=- 404 /);
    expect(running.stdout()).toContain('Signup+ mock stopped (SIGTERM).');
    expect(running.stderr()).toBe('');
    await expect(fetch(`${url}/nowhere`)).rejects.toThrow(TypeError);
  });

  it('in-process, stops as soon as it has started when stopped while starting', async () => {
    const running = startMain(['mock', '--port', '0', '--quiet'], { stop: AbortSignal.abort('SIGINT') });
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toMatch(/^Signup\+ mock \(a local TrueLayer sandbox\) listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(running.stderr()).toBe('');
  });

  it('--quiet prints only where it listens (the port --port 0 got), no banner, no request log, no goodbye', async () => {
    const stop = new AbortController();
    const running = startMain(['mock', '--port', '0', '--quiet'], { stop: stop.signal });
    await running.printed(/listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(running.stdout())?.[1] ?? '';
    expect(url).not.toMatch(/:0$/);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    stop.abort('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toBe(`Signup+ mock (a local TrueLayer sandbox) listening on ${url}\n`);
    expect(running.stderr()).toBe('');
  });

  // In-process (main(), as the bin calls it); tests/cli.test.ts checks that the bin's process exits with that code.
  it('exits 2 on an unknown flag', async () => {
    const { code, stderr } = await runMain(['mock', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
  });
});
