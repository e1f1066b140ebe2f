// `auth-link` as a user runs it (in-process, through the CLI's main() with a clean environment and directory):
// the printed link, and the loopback catcher of --listen, which refuses a callback whose state does not match
// and, with --smoke, exchanges the caught code at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { refusedPort } from './misbehaving-server.ts';
import { cleanEnv, expectNoSecrets, runInProcess, tempDir, removeTempDirs } from './run-cli.ts';
import { startMain } from '../cli-in-process.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true });
});
afterAll(async () => {
  await mock.close();
  removeTempDirs();
});

interface Listening {
  link: URL;
  callback: URL;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number>;
}

/** Starts `auth-link` with the given flags and resolves once it says it is listening. */
async function startListening(args: string[], vars: Record<string, string>): Promise<Listening> {
  const running = startMain(['auth-link', ...args], { cwd: tempDir(), env: cleanEnv(vars) });
  await running.printed(/^Listening on /m);
  const link = new URL(running.stdout().split('\n').find((line) => line.startsWith(mock.url)) ?? '');
  return { link, callback: new URL(vars.TRUELAYER_REDIRECT_URI ?? ''), stdout: running.stdout, stderr: running.stderr, exit: running.exit };
}

async function callback(base: URL, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

// Concurrent: each test has its own port and directory.
describe.concurrent('auth-link', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('prints a link with the signupplus and offline_access scopes and the redirect URI', async () => {
    const run = await runInProcess(['auth-link'], {
      TRUELAYER_CLIENT_ID: 'link-client',
      TRUELAYER_REDIRECT_URI: 'http://127.0.0.1:3000/callback',
      TRUELAYER_AUTH_URL: mock.url,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const link = new URL(run.stdout.split('\n').find((line) => line.startsWith(mock.url)) ?? '');
    expect(Object.fromEntries([...link.searchParams].filter(([key]) => key !== 'state' && key !== 'nonce'))).toEqual({
      response_type: 'code',
      client_id: 'link-client',
      redirect_uri: 'http://127.0.0.1:3000/callback',
      scope: 'signupplus offline_access',
    });
    expect(link.searchParams.get('state')).toMatch(/^[\w-]{16,}$/);
    // What to do next, as a team runs it from its own app (not a script of the harness's repository).
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      `After consent, TrueLayer redirects to http://127.0.0.1:3000/callback?code=...&state=${link.searchParams.get('state')}; exchange the code at once (TRUELAYER_CODE=... npx signup-plus-harness smoke).`,
    );
  });

  it('exits 2 naming the variables when the client id and redirect URI are missing', async () => {
    const run = await runInProcess(['auth-link', '--listen'], {});
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('  - TRUELAYER_CLIENT_ID ');
    expect(run.stderr).toContain('  - TRUELAYER_REDIRECT_URI ');
  });

  it('refuses a callback with a mismatched state, then takes the right one and prints the code once', async () => {
    const port = await refusedPort();
    const vars = { TRUELAYER_CLIENT_ID: 'link-client', TRUELAYER_REDIRECT_URI: `http://127.0.0.1:${port}/callback`, TRUELAYER_AUTH_URL: mock.url };
    const listening = await startListening(['--listen', '--listen-timeout', '20'], vars);
    const state = listening.link.searchParams.get('state') ?? '';

    const forged = await callback(listening.callback, { code: 'CODE-c0dec0de-forged', state: 'not-the-state' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('State mismatch');
    expect(forged.text).not.toContain('CODE-c0dec0de');
    const missing = await callback(listening.callback, { code: 'CODE-c0dec0de-forged' });
    expect(missing.status).toBe(400);

    const good = await callback(listening.callback, { code: 'CODE-c0dec0de-good', state });
    expect(good.status).toBe(200);
    expect(good.text).toContain('Code received');
    expect(await listening.exit).toBe(0);
    expect(listening.stderr()).toContain('Refused a callback that carries a state that does not match the link printed by this command');
    expect(listening.stderr()).toContain('Refused a callback that carries no state');
    // The user's own terminal shows the good code once; the forged one never.
    expect(listening.stdout().split('CODE-c0dec0de-good')).toHaveLength(2);
    expect(listening.stdout() + listening.stderr()).not.toContain('CODE-c0dec0de-forged');
  });

  it('with --smoke, exchanges the caught code at once and returns the smoke exit code', async () => {
    const port = await refusedPort();
    const dir = tempDir();
    const vars = {
      TRUELAYER_CLIENT_ID: 'link-client',
      TRUELAYER_CLIENT_SECRET: `SECRET-5ca1ab1e-listen-${process.pid}`,
      TRUELAYER_REDIRECT_URI: `http://127.0.0.1:${port}/callback`,
      TRUELAYER_AUTH_URL: mock.url,
      TRUELAYER_API_URL: mock.url,
    };
    const listening = await startListening(['--smoke', '--listen-timeout', '20', '--report-dir', `${dir}/reports`], vars);
    const good = await callback(listening.callback, { code: 'multiple-accounts', state: listening.link.searchParams.get('state') ?? '' });
    expect(good.status).toBe(200);
    expect(await listening.exit, listening.stdout() + listening.stderr()).toBe(0);
    expect(listening.stdout()).toContain('Result: PASSED (exit 0)');
    // The code is spent at once, so the output (a CI log, with --smoke) never shows it.
    expect(listening.stdout()).toContain('Authorization code received (single use); exchanging it now.');
    expect(listening.stdout()).not.toContain('Authorization code (single use, exchange it');
    expect(listening.stdout()).toContain('accounts?account_id=acc-469b2c2bcaea10969');
    const reportText = readFileSync(join(dir, 'reports', 'report.json'), 'utf8');
    const junit = readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8');
    expect(JSON.parse(reportText)).toMatchObject({ grant: 'authorization_code', result: { exitCode: 0 } });
    expectNoSecrets({ exitCode: 0, stdout: listening.stdout(), stderr: listening.stderr(), dir, reportDir: dir, reportText, junit }, [vars.TRUELAYER_CLIENT_SECRET]);
  });
});
