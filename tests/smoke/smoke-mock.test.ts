// `smoke` against the project's own mock, as the nightly job runs it against the sandbox: both scenarios pass
// with exit 0, both reports are written, and the refresh token it receives carries the next run. In-process
// through the CLI's main(); the run whose stdout is closed early spawns the bin (the process is the point).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { verifyToken } from '../../mocks/tokens.ts';
import { BIN, cleanEnv, driftOf, expectNoSecrets, runInProcess, tempDir, removeTempDirs } from './run-cli.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

const CLIENT_ID = 'smoke-mock-client';
const CLIENT_SECRET = `SECRET-5ca1ab1e-mock-${process.pid}`;
let mock: RunningMock;

beforeAll(async () => {
  // The mock checks the credentials, so a run that passes proves the smoke sends them right.
  mock = await startMock({ port: 0, quiet: true, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
});
afterAll(async () => {
  await mock.close();
  removeTempDirs();
});

const env = (vars: Record<string, string | undefined>) => ({
  TRUELAYER_CLIENT_ID: CLIENT_ID,
  TRUELAYER_CLIENT_SECRET: CLIENT_SECRET,
  TRUELAYER_REDIRECT_URI: 'http://127.0.0.1:3000/callback',
  TRUELAYER_AUTH_URL: mock.url,
  TRUELAYER_API_URL: mock.url,
  ...vars,
});

describe.concurrent('smoke against the mock', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('passes for a single linked account and writes both reports', async () => {
    const run = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'single-account' }));
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.report?.result).toMatchObject({ exitCode: 0, outcome: 'passed' });
    expect(run.report?.steps.map((s) => [s.name, s.outcome, s.status])).toEqual([
      ['token (authorization_code)', 'passed', 200],
      ['accounts', 'passed', 200],
    ]);
    expect(driftOf(run)).toEqual([]);
    // The mock's fresh Tl-Trace-Id of each answer, one per step.
    const traces = (run.report?.steps ?? []).map((step) => step.traceId);
    for (const trace of traces) expect(trace).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(traces).size).toBe(2);
    expect(run.junit).toContain('<testsuite name="signup-plus-smoke" tests="2" failures="0" errors="0" skipped="0"');
    expect(run.stdout).toContain('Result: PASSED (exit 0)');
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('passes for multiple linked accounts, calling again with each account_id (and probing an unknown one)', async () => {
    const run = await runInProcess(['smoke', '--probe-errors'], env({ TRUELAYER_CODE: 'multiple-accounts' }));
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.report?.steps.map((s) => [s.name, s.outcome, s.status])).toEqual([
      ['token (authorization_code)', 'passed', 200],
      ['accounts', 'passed', 200],
      ['accounts?account_id=acc-aa360adff0f1574e1', 'passed', 200],
      ['accounts?account_id=acc-8232b085624e6babf', 'passed', 200],
      ['accounts?account_id=acc-469b2c2bcaea10969', 'passed', 200],
      ['probe: unknown account_id', 'passed', 404],
    ]);
    expect(run.report?.steps[1]?.summary).toBe('multiple_accounts_linked: 3 accounts');
    // The mock answers as the spec assumes: nothing it sends, its 404 included, refutes an assumption.
    expect(run.report?.assumptions).toMatchObject({ refuted: 0, confirmed: 12 });
    expect(run.junit?.match(/<testcase classname="signup-plus\.smoke\./g)).toHaveLength(6);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('keeps the refresh token from a code exchange and runs unattended from the file next time', async () => {
    const dir = tempDir();
    const file = join(dir, 'refresh-token');
    const first = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'single-account', TRUELAYER_REFRESH_TOKEN_FILE: file }), { cwd: dir });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.report?.refreshToken).toEqual({ rotated: false, storedIn: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const refreshToken = readFileSync(file, 'utf8').trim();
    expect(verifyToken(refreshToken, 'refresh')).toMatchObject({ ok: true, claims: { scn: 'single-account' } });

    const second = await runInProcess(['smoke'], env({ TRUELAYER_REFRESH_TOKEN_FILE: file }), { cwd: dir });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.report?.grant).toBe('refresh_token');
    expect(second.stdout).toContain('refresh token from TRUELAYER_REFRESH_TOKEN_FILE');
    for (const run of [first, second]) expectNoSecrets(run, [CLIENT_SECRET, refreshToken, readFileSync(file, 'utf8').trim()]);
  });

  it('fails, naming the error, when the new refresh token cannot be stored (the nightly job must hear of it)', async () => {
    const dir = tempDir();
    // A name the config accepts whose temporary sibling (the name plus ~30 characters) is too long for any file
    // system (NAME_MAX 255): the atomic write fails for real, whoever runs the test.
    const file = join(dir, 'r'.repeat(240));
    const run = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'single-account', TRUELAYER_REFRESH_TOKEN_FILE: file }), { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.report?.steps[0]).toMatchObject({
      outcome: 'failed',
      error: { errorCode: 'SMOKE_REFRESH_TOKEN_NOT_STORED', message: expect.stringMatching(/^could not write TRUELAYER_REFRESH_TOKEN_FILE \(ENAMETOOLONG\); fix the path, its directory or their permissions/) },
    });
    expect(run.stdout).toContain('the new refresh token could NOT be stored');
    expect(run.report?.refreshToken).not.toHaveProperty('storedIn');
    expect(readdirSync(dir).filter((name) => name !== 'reports')).toEqual([]);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('never prints a secret pasted into a host variable by mistake, not even in the line naming the hosts', async () => {
    const run = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'single-account', TRUELAYER_API_URL: `${mock.url}/${CLIENT_SECRET}` }));
    // The accounts call goes to a path the mock does not have.
    expect(run.exitCode).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(`Signup+ smoke run: custom (auth ${mock.url}, api ${mock.url}/[REDACTED]), authorization code from TRUELAYER_CODE`);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('fails with invalid_authorization_code for an expired code, as TrueLayer answers one', async () => {
    const run = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'expired-code' }));
    expect(run.exitCode).toBe(1);
    expect(run.report?.steps[0]).toMatchObject({ outcome: 'failed', status: 400, error: { errorCode: 'TL_OAUTH_ERROR', oauthError: 'invalid_authorization_code' } });
    expect(run.report?.drift.issues).toEqual([]);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('finishes the run, writes both reports and keeps its exit code when stdout is closed early (`| head`)', async () => {
    const dir = tempDir();
    const reportDir = join(dir, 'reports');
    const file = join(dir, 'refresh-token');
    const vars = env({ TRUELAYER_CODE: 'multiple-accounts', TRUELAYER_REFRESH_TOKEN_FILE: file });
    const child = spawn(process.execPath, [BIN, 'smoke', '--report-dir', reportDir], { cwd: dir, env: cleanEnv(vars), stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the first line: every write of the run meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect([exitCode, stderr]).toEqual([0, '']);
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as { result: { outcome: string }; steps: unknown[] };
    expect([report.result.outcome, report.steps.length]).toEqual(['passed', 5]);
    expect(readFileSync(join(reportDir, 'junit.xml'), 'utf8')).toContain('tests="5" failures="0" errors="0"');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe.concurrent('smoke exit 3: TrueLayer unreachable', () => {
  it('when the connection is reset on every attempt (the mock\'s connection-reset fault)', async () => {
    const run = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'connection-reset' }));
    expect(run.exitCode, run.stdout + run.stderr).toBe(3);
    expect(run.report?.result.outcome).toBe('unreachable');
    expect(run.report?.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['token (authorization_code)', 'passed'],
      ['accounts', 'unreachable'],
    ]);
    expect(run.report?.steps[1]).toMatchObject({ summary: 'network error (reset)', error: { errorCode: 'TL_NETWORK' } });
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('when the host name does not resolve (DNS)', async () => {
    // .invalid never resolves (RFC 6761 §6.4).
    const run = await runInProcess(['smoke'], env({ TRUELAYER_CODE: 'single-account', TRUELAYER_AUTH_URL: 'http://signup-plus-harness.invalid', TRUELAYER_API_URL: 'http://signup-plus-harness.invalid' }));
    expect(run.exitCode, run.stdout + run.stderr).toBe(3);
    expect(run.report?.steps[0]).toMatchObject({ outcome: 'unreachable', summary: 'network error (dns)', error: { errorCode: 'TL_NETWORK' } });
  });
});

describe.concurrent('smoke --dotenv', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('reads ./.env by default, and a variable set in the shell wins over it', async () => {
    const dir = tempDir();
    // As README says: copy .env.example to .env. The file's client id is wrong; the shell's must win.
    writeFileSync(join(dir, '.env'), `TRUELAYER_CLIENT_ID=wrong-client\nTRUELAYER_CLIENT_SECRET=${CLIENT_SECRET}\nTRUELAYER_CODE=single-account\nSMOKE_TEST_DOTENV_PROBE=${dir}\n`);
    const { TRUELAYER_CLIENT_SECRET: _fromFile, ...shell } = env({});
    const run = await runInProcess(['smoke'], shell, { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.report?.steps.map((s) => s.outcome)).toEqual(['passed', 'passed']);
    expectNoSecrets(run, [CLIENT_SECRET]);
    // The file is merged into the command's environment, never into the process's (runs share this process).
    expect(process.env.SMOKE_TEST_DOTENV_PROBE).toBeUndefined();
  });

  it('reads the named file, and a variable set in the shell wins over it', async () => {
    const dir = tempDir();
    // The file's client id is wrong; the mock checks credentials, so a pass proves the shell's value was used.
    writeFileSync(join(dir, 'ci.env'), `TRUELAYER_CLIENT_ID=wrong-client\nTRUELAYER_CLIENT_SECRET=${CLIENT_SECRET}\nTRUELAYER_CODE=multiple-accounts\n`);
    const { TRUELAYER_CLIENT_SECRET: _fromFile, ...shell } = env({});
    const run = await runInProcess(['smoke', '--dotenv', 'ci.env'], shell, { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.report?.steps).toHaveLength(5);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('exits 2 naming the file when it does not exist (Node 20 must not take the flag for its own --env-file)', async () => {
    const run = await runInProcess(['smoke', '--dotenv', 'missing.env'], env({ TRUELAYER_CODE: 'single-account' }));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('signup-plus-harness smoke: --dotenv missing.env does not exist\nRun `signup-plus-harness smoke --help` for usage.\n');
    expect(run.report).toBeUndefined();
  });
});
