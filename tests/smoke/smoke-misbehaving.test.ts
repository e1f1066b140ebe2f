// `smoke` against one small TrueLayer look-alike that misbehaves per scenario: exit code, drift pointers, and
// no secret anywhere in the output. Exit 1 with the echoed secrets and exit 3 run as a user runs them (a
// subprocess of bin/signup-plus-harness.js: what the process prints and exits with); the others call the CLI's
// main() in-process (runInProcess: same arguments, environment, output and reports), which saves a spawn each.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftOf, expectNoSecrets, runCli, runInProcess, tempDir, type CliRun, removeTempDirs } from './run-cli.ts';
import { refusedPort, startMisbehavingServer, type MisbehavingServer } from './misbehaving-server.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';

const CLIENT_SECRET = `SECRET-5ca1ab1e-${process.pid}-f00d`;
let server: MisbehavingServer;

beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(async () => {
  await server.close();
  removeTempDirs();
});

function baseEnv(url: string): Record<string, string> {
  return {
    TRUELAYER_CLIENT_ID: 'smoke-test-client',
    TRUELAYER_CLIENT_SECRET: CLIENT_SECRET,
    TRUELAYER_REDIRECT_URI: 'http://127.0.0.1:3000/callback',
    TRUELAYER_AUTH_URL: url,
    TRUELAYER_API_URL: url,
  };
}

/**
 * Scenarios run through the real bin: exit 1 with an echoed secret and exit 3 (exit 0 in smoke-mock.test.ts,
 * exit 2 in tests/cli.test.ts); the rest in process, since each spawn costs a second of CPU.
 */
const THROUGH_BIN = new Set(['echo-secret', 'never-answers']);

const runs = new Map<string, Promise<CliRun>>();
/** One run per scenario and flags, shared by the tests that look at it (a spawn costs about a second). */
const smokeWithCode = (scenario: string, args: string[] = []): Promise<CliRun> => {
  const key = [scenario, ...args].join(' ');
  let run = runs.get(key);
  if (!run) {
    const runner = THROUGH_BIN.has(scenario) ? runCli : runInProcess;
    run = runner(['smoke', ...args], { ...baseEnv(server.url), TRUELAYER_CODE: `${scenario}.CODE-c0dec0de-${process.pid}` });
    runs.set(key, run);
  }
  return run;
};

const stepOutcomes = (run: CliRun) => run.report?.steps.map((step) => `${step.name}: ${step.outcome}`);

describe.concurrent('smoke against a misbehaving server', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it.each([
    // `country` for `country_code` refutes the address-country-code-key assumption instead: smoke-assumptions.test.ts.
    { behaviour: 'reports a wrong top-level type as an error', scenario: 'wrong-type', exit: 1, drift: ['error accounts /last_name type'] },
    {
      behaviour: 'reports a wrong nested type as an error',
      scenario: 'wrong-nested-type',
      exit: 1,
      drift: ['error accounts /account_details/account_number type'],
    },
    { behaviour: 'reports a wrong format as an error', scenario: 'wrong-format', exit: 1, drift: ['error accounts /date_of_birth format'] },
    { behaviour: 'passes with a warning for an extra undocumented field', scenario: 'extra-field', exit: 0, drift: ['warning accounts /middle_name additionalProperties'] },
    {
      behaviour: 'fails on an HTML 500 page with the media type and the body named',
      scenario: 'html-500',
      exit: 1,
      drift: ['error accounts  contentType', 'error accounts  json'],
    },
    {
      behaviour: 'fails on an HTML 500 of the token endpoint, its shape explained by the refuted token-server-error-body assumption',
      scenario: 'token-html-500',
      exit: 1,
      drift: ['assumed token (authorization_code)  contentType', 'assumed token (authorization_code)  json'],
    },
    {
      behaviour: 'checks each linked account and names the one that drifts',
      scenario: 'multi-drift',
      exit: 1,
      drift: ['error accounts?account_id=acc-bad /address/zip type'],
    },
  ])('$behaviour', async ({ scenario, exit, drift }) => {
    const run = await smokeWithCode(scenario);
    expect(run.exitCode, run.stdout + run.stderr).toBe(exit);
    expect(driftOf(run)).toEqual(drift);
    expect(run.report?.drift).toMatchObject({ errors: drift.filter((d) => d.startsWith('error')).length, warnings: drift.filter((d) => d.startsWith('warning')).length });
    expect(run.report?.result.exitCode).toBe(exit);
    // One JUnit test case per step, failures where the report says so.
    const cases = run.junit?.match(/<testcase classname="signup-plus\.smoke\./g) ?? [];
    expect(cases).toHaveLength(run.report?.steps.length ?? -1);
    expect(run.junit?.match(/<failure /g)?.length ?? 0).toBe(run.report?.steps.filter((s) => s.outcome === 'failed').length);
    for (const issue of run.report?.drift.issues ?? []) expect(run.stdout).toContain(issue.pointer || '(response)');
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it.each([
    ['1', ['token (authorization_code): passed', 'accounts: passed', 'accounts?account_id=acc-good: passed'], 0, ['2 accounts are linked; only the first 1 were fetched (--max-accounts)']],
    ['0', ['token (authorization_code): passed', 'accounts: passed'], 0, ['2 accounts are linked; only the first 0 were fetched (--max-accounts)']],
    ['2', ['token (authorization_code): passed', 'accounts: passed', 'accounts?account_id=acc-good: passed', 'accounts?account_id=acc-bad: failed'], 1, []],
  ])('follows only the first --max-accounts %s linked accounts, and says so', async (max, steps, exit, notices) => {
    // multi-drift links acc-good then acc-bad (which drifts): only a run that fetches acc-bad fails.
    const run = await smokeWithCode('multi-drift', ['--max-accounts', max]);
    expect(stepOutcomes(run)).toEqual(steps);
    expect(run.exitCode).toBe(exit);
    expect(run.report?.notices.filter((n) => n.includes('--max-accounts'))).toEqual(notices);
  });

  it('keeps identity values out of the report, but records the type of each field received', async () => {
    const run = await smokeWithCode('extra-field');
    const accounts = run.report?.steps.find((s) => s.name === 'accounts');
    expect(accounts?.fields).toMatchObject({ '/first_name': 'string', '/address/country_code': 'string', '/account_details/account_number': 'string', '/middle_name': 'string' });
    expect(accounts?.data).toBeUndefined();
    for (const value of ['Blogs', '2000-06-20', '41921234', 'Quentin', 'SK3 9LQ']) {
      expect(run.reportText).not.toContain(value);
      expect(run.junit).not.toContain(value);
      expect(run.stdout).not.toContain(value);
    }
  });

  it('includes identity values in report.json with --show-data', async () => {
    const run = await smokeWithCode('extra-field', ['--show-data']);
    expect(run.exitCode).toBe(0);
    expect(run.report?.showData).toBe(true);
    expect(run.report?.steps.find((s) => s.name === 'accounts')?.data).toMatchObject({ last_name: 'Blogs', date_of_birth: '2000-06-20' });
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it.each([
    {
      granted: 'offline_access is granted',
      scenario: 'extra-field',
      notice: 'the token answer carries no refresh token although offline_access was granted; unattended runs need one',
    },
    {
      granted: 'only signupplus is granted',
      scenario: 'token-no-cache-control',
      notice: 'the token answer carries no refresh token: request the offline_access scope in the auth link for unattended runs',
    },
  ])('notes a code exchange without a refresh token with advice that fits when $granted', async ({ scenario, notice }) => {
    const run = await smokeWithCode(scenario);
    expect(run.report?.notices).toEqual([notice]);
    expect(run.stdout).toContain(`Note: ${notice}`);
  });

  it('fails with the OAuth error on invalid_grant and skips the accounts step', async () => {
    const run = await smokeWithCode('invalid-grant');
    expect(run.exitCode).toBe(1);
    expect(driftOf(run)).toEqual([]);
    expect(stepOutcomes(run)).toEqual(['token (authorization_code): failed', 'accounts: skipped']);
    expect(run.report?.steps[0]?.error).toMatchObject({ errorCode: 'TL_OAUTH_ERROR', oauthError: 'invalid_grant', status: 400 });
    expect(run.junit).toContain('<skipped message="skipped: no access token"/>');
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('redacts a client secret and code that the server echoes back in its error body', async () => {
    const run = await smokeWithCode('echo-secret');
    expect(run.exitCode).toBe(1);
    expect(driftOf(run)).toEqual([]);
    expect(run.report?.steps[0]?.error).toMatchObject({ errorCode: 'TL_OAUTH_ERROR', oauthError: 'invalid_client', status: 400 });
    expect(run.stdout).toContain('client_secret=[REDACTED]');
    expect(run.reportText).toContain('[REDACTED]');
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('redacts an access token that the API echoes back in a problem body', async () => {
    const run = await smokeWithCode('echo-token');
    expect(run.exitCode).toBe(1);
    expect(driftOf(run)).toEqual([]);
    expect(run.report?.steps[1]).toMatchObject({ name: 'accounts', outcome: 'failed', status: 401, error: { errorCode: 'TL_PROBLEM', problemTitle: 'Unauthorized' } });
    expect(run.stdout).toContain('problem 401 Unauthorized');
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('retries a 429 and passes when the next answer succeeds', async () => {
    const run = await smokeWithCode('rate-limited');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(driftOf(run)).toEqual([]);
    expect(run.report?.steps[1]).toMatchObject({ name: 'accounts', outcome: 'passed', status: 200, attempts: 2 });
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('ends with exit 3 when the server never answers (short --timeout)', async () => {
    const run = await smokeWithCode('never-answers', ['--timeout', '0.3']);
    expect(run.exitCode).toBe(3);
    expect(driftOf(run)).toEqual([]);
    expect(run.report?.result.outcome).toBe('unreachable');
    expect(run.report?.steps[0]).toMatchObject({ outcome: 'unreachable', error: { errorCode: 'TL_TIMEOUT' } });
    expect(run.junit).toContain('<error message="no answer in time (headers)" type="TL_TIMEOUT">');
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('stops at the first linked account that never answers, skipping the rest, with exit 3', async () => {
    // 2 s, not less: the token step must answer within it on a loaded machine; only the account call hangs.
    const run = await smokeWithCode('multi-hang', ['--timeout', '2']);
    expect(run.exitCode).toBe(3);
    expect(driftOf(run)).toEqual([]);
    expect(stepOutcomes(run)).toEqual([
      'token (authorization_code): passed',
      'accounts: passed',
      'accounts?account_id=acc-one: unreachable',
      'accounts?account_id=acc-two: skipped',
      'accounts?account_id=acc-three: skipped',
    ]);
    expect(run.junit?.match(/<skipped message="skipped: /g)).toHaveLength(2);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('ends with exit 3 when the port refuses connections', async () => {
    const url = `http://127.0.0.1:${await refusedPort()}`;
    const run = await runInProcess(['smoke'], { ...baseEnv(url), TRUELAYER_CODE: `ok.CODE-c0dec0de-${process.pid}` });
    expect(run.exitCode).toBe(3);
    expect(driftOf(run)).toEqual([]);
    expect(run.report?.steps[0]).toMatchObject({ outcome: 'unreachable', error: { errorCode: 'TL_NETWORK' }, summary: 'network error (refused)' });
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('exits 2 without any request when no credentials are configured, naming each missing variable', async () => {
    const quiet = await startMisbehavingServer();
    try {
      const run = await runInProcess(['smoke'], { TRUELAYER_AUTH_URL: quiet.url, TRUELAYER_API_URL: quiet.url });
      expect(run.exitCode).toBe(2);
      const variables = ['TRUELAYER_CLIENT_ID', 'TRUELAYER_CLIENT_SECRET', 'TRUELAYER_CODE or TRUELAYER_REFRESH_TOKEN'];
      for (const variable of variables) expect(run.stderr).toContain(`  - ${variable} `);
      expect(run.report?.result).toMatchObject({ exitCode: 2, outcome: 'misconfigured' });
      expect(driftOf(run)).toEqual([]);
      expect(run.report?.configurationProblems?.map((p) => p.variable)).toEqual(variables);
      expect(run.junit).toContain('type="SMOKE_MISCONFIGURED"');
      expect(quiet.hits.size).toBe(0);
    } finally {
      await quiet.close();
    }
  });
});

describe('refresh-token rotation', () => {
  it('writes the rotated refresh token to a 0600 file and uses the file first on the next run', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'state'));
    const file = join(dir, 'state', 'refresh-token');
    const env = { ...baseEnv(server.url), TRUELAYER_REFRESH_TOKEN: `rotate.REFRESH-0ld-${process.pid}`, TRUELAYER_REFRESH_TOKEN_FILE: 'state/refresh-token' };

    // In process: the same smokeMain as the bin (tests/smoke/smoke-mock.test.ts runs the file round trip
    // through the real bin); two spawns here cost seconds of CPU that a loaded machine does not have.
    const first = await runInProcess(['smoke'], env, { cwd: dir });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.report?.refreshToken).toEqual({ rotated: true, storedIn: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = readFileSync(file, 'utf8').trim();
    expect(stored).toMatch(/^rotate\.REFRESH-n3w-[0-9a-f-]{36}$/);
    expectNoSecrets(first, [CLIENT_SECRET]);

    // The server refuses a refresh token used twice, so this passes only if the file's token is used.
    const second = await runInProcess(['smoke'], env, { cwd: dir });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('refresh token from TRUELAYER_REFRESH_TOKEN_FILE');
    const third = readFileSync(file, 'utf8').trim();
    expect(third).not.toBe(stored);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expectNoSecrets(second, [CLIENT_SECRET]);
  });
});

describe.concurrent('smoke against a misbehaving server: documented headers and OAuth error bodies', () => {
  it.each([
    {
      // TrueLayer documents neither header for these calls, so the spec makes both optional: no drift.
      behaviour: 'passes without the optional Tl-Trace-Id header, reporting the signup-trace-header assumption refuted',
      scenario: 'no-trace-header',
      exit: 0,
      drift: [],
      steps: ['token (authorization_code): passed', 'accounts: passed'],
      refuted: ['signup-trace-header'],
    },
    {
      behaviour: 'passes with a token answer without the optional Cache-Control, reporting token-cache-control-no-store refuted',
      scenario: 'token-no-cache-control',
      exit: 0,
      drift: [],
      steps: ['token (authorization_code): passed', 'accounts: passed'],
      refuted: ['token-cache-control-no-store'],
    },
    {
      behaviour: 'reports an undocumented field in an OAuth error body as a warning next to the OAuth error',
      scenario: 'oauth-extra-field',
      exit: 1,
      drift: ['warning token (authorization_code) /error_uri additionalProperties'],
      steps: ['token (authorization_code): failed', 'accounts: skipped'],
      refuted: [],
    },
  ])('$behaviour', async ({ scenario, exit, drift, steps, refuted }) => {
    const run = await smokeWithCode(scenario);
    expect(run.exitCode, run.stdout + run.stderr).toBe(exit);
    expect(driftOf(run)).toEqual(drift);
    expect(stepOutcomes(run)).toEqual(steps);
    expect(run.report?.assumptions?.verdicts.filter((v) => v.verdict === 'refuted').map((v) => v.id)).toEqual(expect.arrayContaining(refuted));
    expect(run.report?.drift).toMatchObject({ errors: drift.filter((d) => d.startsWith('error')).length, warnings: drift.filter((d) => d.startsWith('warning')).length });
    expect(run.report?.result.exitCode).toBe(exit);
    for (const issue of run.report?.drift.issues ?? []) expect(run.stdout).toContain(issue.pointer);
    expectNoSecrets(run, [CLIENT_SECRET]);
  });

  it('keeps the OAuth error of a drifting error body in the step', async () => {
    const run = await smokeWithCode('oauth-extra-field');
    expect(run.report?.steps[0]).toMatchObject({ status: 400, error: { errorCode: 'TL_OAUTH_ERROR', oauthError: 'invalid_grant', status: 400 } });
    expect(run.report?.drift.issues).toEqual([
      { step: 'token (authorization_code)', pointer: '/error_uri', severity: 'warning', keyword: 'additionalProperties', actual: 'string', message: 'is not in the spec (extra field)' },
    ]);
  });
});
