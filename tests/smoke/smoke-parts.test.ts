// The smoke run's small parts, in process: configuration checks, the refresh-token file, the JUnit writer and
// the step budget that keeps a silent server from holding the nightly job.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSecrets, DEFAULT_TIMEOUT_MS, loadSmokeConfig } from '../../scripts/smoke/config.ts';
import { describeShape } from '../../scripts/smoke/data-shape.ts';
import { toJUnitXml, xmlEscape } from '../../scripts/smoke/junit.ts';
import { writeRefreshTokenFile } from '../../scripts/smoke/refresh-token-store.ts';
import type { SmokeReport } from '../../scripts/smoke/report-model.ts';
import { SecretBag, writeReports } from '../../scripts/smoke/report-output.ts';
import { MAX_STEP_BUDGET_MS, stepBudgetMs } from '../../scripts/smoke/run-smoke.ts';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import { removeTempDirs, tempDir } from './run-cli.ts';

afterAll(removeTempDirs);

const VALID = {
  TRUELAYER_CLIENT_ID: 'client-id',
  TRUELAYER_CLIENT_SECRET: 'SECRET-5ca1ab1e-parts',
  TRUELAYER_CODE: 'CODE-c0dec0de-parts',
  TRUELAYER_REDIRECT_URI: 'http://127.0.0.1:3000/callback',
};

describe('smoke configuration', () => {
  it('accepts a complete configuration and defaults to the sandbox hosts', () => {
    const result = loadSmokeConfig(VALID, { cwd: '/' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.environment).toMatchObject({ name: 'sandbox', authUrl: 'https://auth.truelayer-sandbox.com', apiUrl: 'https://api.truelayer-sandbox.com' });
    expect(result.config.grant).toEqual({ kind: 'authorization_code', code: VALID.TRUELAYER_CODE, redirectUri: VALID.TRUELAYER_REDIRECT_URI });
    expect(result.config.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  it.each([
    { behaviour: 'a code without TRUELAYER_REDIRECT_URI', vars: { TRUELAYER_REDIRECT_URI: undefined }, variables: ['TRUELAYER_REDIRECT_URI'] },
    { behaviour: 'a redirect URI that is not a URL', vars: { TRUELAYER_REDIRECT_URI: 'callback' }, variables: ['TRUELAYER_REDIRECT_URI'] },
    { behaviour: 'an unknown TRUELAYER_ENV', vars: { TRUELAYER_ENV: 'staging' }, variables: ['TRUELAYER_ENV'] },
    { behaviour: "a client id holding an unexpanded '$CLIENT_ID'", vars: { TRUELAYER_CLIENT_ID: '$CLIENT_ID' }, variables: ['TRUELAYER_CLIENT_ID'] },
    { behaviour: 'a non-http TRUELAYER_API_URL', vars: { TRUELAYER_API_URL: 'ftp://127.0.0.1:1' }, variables: ['TRUELAYER_API_URL'] },
    {
      behaviour: 'a sandbox auth host with a live API host',
      vars: { TRUELAYER_AUTH_URL: 'https://auth.truelayer-sandbox.com', TRUELAYER_API_URL: 'https://api.truelayer.com' },
      variables: ['TRUELAYER_AUTH_URL/TRUELAYER_API_URL'],
    },
    { behaviour: 'a timeout that is not a number', vars: { TRUELAYER_SMOKE_TIMEOUT: 'soon' }, variables: ['TRUELAYER_SMOKE_TIMEOUT'] },
    { behaviour: 'a refresh-token file in a missing directory', vars: { TRUELAYER_REFRESH_TOKEN_FILE: '/nonexistent-dir/refresh-token' }, variables: ['TRUELAYER_REFRESH_TOKEN_FILE'] },
    {
      behaviour: 'every credential missing at once',
      vars: { TRUELAYER_CLIENT_ID: undefined, TRUELAYER_CLIENT_SECRET: undefined, TRUELAYER_CODE: undefined },
      variables: ['TRUELAYER_CLIENT_ID', 'TRUELAYER_CLIENT_SECRET', 'TRUELAYER_CODE or TRUELAYER_REFRESH_TOKEN'],
    },
  ])('names the variable for $behaviour', ({ vars, variables }) => {
    const result = loadSmokeConfig({ ...VALID, ...vars }, { cwd: '/' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable)).toEqual(variables);
    for (const problem of result.problems) expect(problem.problem).not.toContain(VALID.TRUELAYER_CLIENT_SECRET);
  });

  it('names the .env template and the doc from the folder it runs in (the bin\'s working folder, not the process\'s)', () => {
    const missing = { ...VALID, TRUELAYER_CLIENT_ID: undefined, TRUELAYER_CLIENT_SECRET: undefined, TRUELAYER_REDIRECT_URI: undefined };
    const problemsFrom = (cwd: string): string[] => {
      const result = loadSmokeConfig(missing, { cwd });
      return result.ok ? [] : result.problems.map((p) => `${p.variable} ${p.problem}`);
    };
    expect(problemsFrom(ROOT_DIR)).toEqual([
      'TRUELAYER_CLIENT_ID is not set; copy it from TrueLayer Console (see .env.example and docs/smoke.md)',
      'TRUELAYER_CLIENT_SECRET is not set; copy it from TrueLayer Console (see .env.example and docs/smoke.md)',
      'TRUELAYER_REDIRECT_URI is not set; it is required with TRUELAYER_CODE and must equal the one in the auth link (see .env.example and docs/smoke.md)',
    ]);
    // The folder holding the package (an app's node_modules, seen from the app).
    expect(problemsFrom(dirname(ROOT_DIR))[0]).toBe(
      `TRUELAYER_CLIENT_ID is not set; copy it from TrueLayer Console (see ${join(basename(ROOT_DIR), '.env.example')} and ${join(basename(ROOT_DIR), 'docs', 'smoke.md')})`,
    );
  });

  it('says how to get a code with the command a team runs, not a script of the harness\'s repository', () => {
    const result = loadSmokeConfig({ ...VALID, TRUELAYER_CODE: undefined }, { cwd: '/' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.problem)).toEqual([
      'is required, and neither is set; set a fresh authorization code (`npx signup-plus-harness auth-link --listen`) or a refresh token',
    ]);
  });

  it('points at TrueLayer\'s live hosts with TRUELAYER_ENV=live', () => {
    const result = loadSmokeConfig({ ...VALID, TRUELAYER_ENV: 'live' }, { cwd: '/' });
    expect(result.ok && result.config.environment).toEqual({ name: 'live', authUrl: 'https://auth.truelayer.com', apiUrl: 'https://api.truelayer.com' });
  });

  it('lets --timeout win over TRUELAYER_SMOKE_TIMEOUT', () => {
    const result = loadSmokeConfig({ ...VALID, TRUELAYER_SMOKE_TIMEOUT: '3' }, { cwd: '/', timeoutFlag: '0.25' });
    expect(result.ok && result.config.timeoutMs).toBe(250);
  });

  it.each([
    ['0644', true],
    ['0640', true],
    ['0604', true],
    ['0620', true],
    ['0600', false],
    ['0400', false],
  ])('reads the refresh-token file before TRUELAYER_REFRESH_TOKEN; mode %s is flagged: %s', (mode, flagged) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'rt'), 'REFRESH-from-file\n');
    // chmod, not writeFileSync's mode: the umask would clear group bits.
    chmodSync(join(dir, 'rt'), Number.parseInt(mode, 8));
    const env = { ...VALID, TRUELAYER_CODE: undefined, TRUELAYER_REFRESH_TOKEN: 'REFRESH-from-env', TRUELAYER_REFRESH_TOKEN_FILE: 'rt' };
    const result = loadSmokeConfig(env, { cwd: dir });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.grant).toEqual({ kind: 'refresh_token', refreshToken: 'REFRESH-from-file', source: 'file' });
    expect(result.config.refreshTokenFile).toBe(join(dir, 'rt'));
    expect(result.config.notices).toEqual(flagged ? ['rt is readable by other users; run `chmod 600 rt` (the harness writes it with mode 0600)'] : []);
  });

  it('falls back to TRUELAYER_REFRESH_TOKEN while the file does not exist yet', () => {
    const dir = tempDir();
    const env = { ...VALID, TRUELAYER_CODE: undefined, TRUELAYER_REFRESH_TOKEN: 'REFRESH-from-env', TRUELAYER_REFRESH_TOKEN_FILE: 'rt' };
    const result = loadSmokeConfig(env, { cwd: dir });
    expect(result.ok && result.config.grant).toEqual({ kind: 'refresh_token', refreshToken: 'REFRESH-from-env', source: 'env' });
  });
});

describe('configuration secrets', () => {
  it('keeps a real code, the client secret and a refresh token secret, but not a mock scenario name used as the code', () => {
    const code = `c0de-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    const env = { TRUELAYER_CLIENT_SECRET: 'f9a1c2e7b3d4', TRUELAYER_REFRESH_TOKEN: '7d1e9b0a4c2f' };
    expect(configSecrets({ ...env, TRUELAYER_CODE: code })).toEqual(['f9a1c2e7b3d4', code, '7d1e9b0a4c2f']);
    expect(configSecrets({ ...env, TRUELAYER_CODE: 'multiple-accounts' })).toEqual(['f9a1c2e7b3d4', '7d1e9b0a4c2f']);
  });
});

describe('refresh-token file', () => {
  it('replaces the token atomically with mode 0600 and leaves no temp file behind', () => {
    const dir = tempDir();
    const file = join(dir, 'refresh-token');
    writeFileSync(file, 'old\n', { mode: 0o644 });
    writeRefreshTokenFile(file, 'REFRESH-n3w-1');
    expect(readFileSync(file, 'utf8')).toBe('REFRESH-n3w-1\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['refresh-token']);
  });

  it('throws, writing nothing, when the directory is gone', () => {
    const dir = join(tempDir(), 'gone');
    expect(() => writeRefreshTokenFile(join(dir, 'refresh-token'), 'x')).toThrow(/ENOENT/);
    expect(existsSync(dir)).toBe(false);
  });

  it('throws and leaves no temp file when the new token cannot be put in place (the path is a directory)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'refresh-token'));
    writeFileSync(join(dir, 'refresh-token', 'keep'), 'old');
    expect(() => writeRefreshTokenFile(join(dir, 'refresh-token'), 'REFRESH-n3w-2')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['refresh-token']);
    expect(readFileSync(join(dir, 'refresh-token', 'keep'), 'utf8')).toBe('old');
  });
});

describe('step budget', () => {
  it('keeps a step, retries included, within 25 s with the default timeout', () => {
    expect(stepBudgetMs(DEFAULT_TIMEOUT_MS)).toBe(25_000);
    expect(stepBudgetMs(120_000)).toBe(MAX_STEP_BUDGET_MS);
    expect(stepBudgetMs(300)).toBe(1_900);
  });
});

describe('data shape', () => {
  it('keeps JSON pointers and types, never values', () => {
    expect(describeShape({ title: null, address: { zip: 'SK3 9LQ' }, 'a/b': [1, 1.5], 'c~d': true, empty: {} })).toEqual({
      '/title': 'null',
      '/address/zip': 'string',
      '/a~1b/0': 'integer',
      '/a~1b/1': 'number',
      '/c~0d': 'boolean',
      '/empty': 'object',
    });
  });
});

const REPORT: SmokeReport = {
  reportVersion: 1,
  tool: 'signup-plus-harness smoke',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  durationMs: 1000,
  environment: { name: 'custom', authUrl: 'http://127.0.0.1:1', apiUrl: 'http://127.0.0.1:1' },
  grant: 'refresh_token',
  result: { exitCode: 1, outcome: 'failed', reason: 'drift' },
  steps: [
    { name: 'token (refresh_token)', request: { method: 'POST', url: 'http://127.0.0.1:1/connect/token' }, outcome: 'passed', status: 200, durationMs: 12, summary: 'ok', drift: [] },
    {
      name: 'accounts?account_id=<a&"b\'>',
      request: { method: 'GET', url: 'http://127.0.0.1:1/signup-plus/accounts' },
      outcome: 'failed',
      status: 500,
      durationMs: 3,
      summary: 'HTML <b>500</b> & "quotes"\u0001',
      error: { errorCode: 'TL_RESPONSE_INVALID', message: 'body was <html> with SECRET-5ca1ab1e-junit' },
      drift: [{ step: 'accounts', pointer: '', severity: 'error', keyword: 'contentType', expected: 'application/problem+json', actual: 'text/html', message: 'content type' }],
    },
    { name: 'accounts', request: { method: 'GET', url: '' }, outcome: 'unreachable', durationMs: 0, summary: 'network error (refused)', error: { errorCode: 'TL_NETWORK', message: 'refused' }, drift: [] },
    { name: 'skipped one', request: { method: 'GET', url: '' }, outcome: 'skipped', durationMs: 0, summary: 'skipped: no access token', drift: [] },
  ],
  drift: { errors: 1, warnings: 0, issues: [] },
  refreshToken: { rotated: false },
  notices: [],
  showData: false,
};

describe('JUnit writer', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0000\uFFFF`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\uFFFD\uFFFD');
  });

  it('writes one test case per step with failure, error and skipped as the outcomes say', () => {
    const xml = toJUnitXml(REPORT);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<testsuite name="signup-plus-smoke" tests="4" failures="1" errors="1" skipped="1"');
    expect(xml).toContain('name="accounts?account_id=&lt;a&amp;&quot;b&apos;&gt;"');
    expect(xml).toContain('<failure message="HTML &lt;b&gt;500&lt;/b&gt; &amp; &quot;quotes&quot;\uFFFD" type="TL_RESPONSE_INVALID">');
    expect(xml).toContain('<error message="network error (refused)" type="TL_NETWORK">refused</error>');
    expect(xml).toContain('<skipped message="skipped: no access token"/>');
    expect(xml).not.toMatch(/<[^/?!a-z]/);
  });

  it('redacts known secrets in both written reports', () => {
    const dir = join(tempDir(), 'nested', 'reports');
    mkdirSync(dir, { recursive: true });
    const secrets = new SecretBag();
    secrets.add('SECRET-5ca1ab1e-junit');
    const written = writeReports(REPORT, dir, secrets);
    for (const path of [written.jsonPath, written.junitPath]) {
      const text = readFileSync(path, 'utf8');
      expect(text).not.toContain('SECRET-5ca1ab1e');
      expect(text).toContain('[REDACTED]');
    }
  });
});
