// The smoke run's assumption verdicts against three look-alikes (tests/smoke/ledger-server.ts): one that refutes
// several assumptions at once passes with each listed first, one that confirms them passes with each confirmed,
// and one that drifts on a documented field still fails. In process (runInProcess), servers on port 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumptionLedger } from '../../src/generated/assumption-ledger.ts';
import type { AssumptionVerdict } from '../../scripts/smoke/report-model.ts';
import { PERSONAL_VALUES, startLedgerServer, type LedgerBehaviour, type LedgerServer } from './ledger-server.ts';
import { driftOf, expectNoSecrets, removeTempDirs, runInProcess, type CliRun } from './run-cli.ts';

const CLIENT_SECRET = `SECRET-5ca1ab1e-ledger-${process.pid}`;
const servers = new Map<LedgerBehaviour, LedgerServer>();
const runs = new Map<LedgerBehaviour, Promise<CliRun>>();

beforeAll(async () => {
  for (const behaviour of ['confirms', 'refutes', 'drifts', 'null-refresh-token', 'unreadable-list'] as const) {
    const server = await startLedgerServer(behaviour);
    servers.set(behaviour, server);
    runs.set(
      behaviour,
      // The confirming and refuting servers also answer the error probe.
      runInProcess(['smoke', ...(behaviour === 'confirms' || behaviour === 'refutes' ? ['--probe-errors'] : [])], {
        TRUELAYER_CLIENT_ID: 'ledger-client',
        TRUELAYER_CLIENT_SECRET: CLIENT_SECRET,
        TRUELAYER_REDIRECT_URI: 'http://127.0.0.1:3000/callback',
        TRUELAYER_AUTH_URL: server.url,
        TRUELAYER_API_URL: server.url,
        TRUELAYER_CODE: `CODE-c0dec0de-${process.pid}`,
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all([...runs.values()].map((run) => run.catch(() => undefined)));
  await Promise.all([...servers.values()].map((server) => server.close()));
  removeTempDirs();
});

const run = (behaviour: LedgerBehaviour) => runs.get(behaviour)!;
const verdicts = (r: CliRun): AssumptionVerdict[] => r.report?.assumptions?.verdicts ?? [];
const idsWith = (r: CliRun, verdict: AssumptionVerdict['verdict']) => verdicts(r).filter((v) => v.verdict === verdict).map((v) => v.id).sort();

const REFUTED = [
  'account-not-found-404',
  'address-country-code-key',
  'auth-correlation-header',
  'retry-after-on-429',
  'signup-error-media-type',
  'signup-error-type-slugs',
  'signup-rate-limit-429',
  'signup-trace-header',
  'token-cache-control-no-store',
  'token-scope-on-authorization-code',
  'uk-account-number-eight-digits',
];

const CONFIRMED = [
  'account-id-format',
  'account-not-found-404',
  'address-country-code-key',
  'auth-correlation-header',
  'identity-required-fields',
  'multiple-accounts-status-200',
  'refresh-token-omitted-without-offline-access',
  'retry-after-on-429',
  'signup-error-media-type',
  'signup-error-type-slugs',
  'signup-rate-limit-429',
  'signup-trace-header',
  'token-cache-control-no-store',
  'token-scope-on-authorization-code',
  'uk-account-number-eight-digits',
];

describe.concurrent('assumption verdicts of the smoke run', () => {
  it('passes (exit 0) against a server that refutes several assumptions, listing each one refuted', async () => {
    const r = await run('refutes');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(idsWith(r, 'refuted')).toEqual(REFUTED);
    expect(r.report?.assumptions).toMatchObject({ refuted: REFUTED.length });
    // The drift they cause is explained by them, so it counts against nothing.
    expect(driftOf(r)).toEqual([
      'assumed accounts /address/country_code required',
      'assumed accounts /address/country additionalProperties',
      'assumed accounts /account_details/account_number pattern',
    ]);
    expect(r.report?.drift).toMatchObject({ errors: 0, warnings: 0, explained: 3 });
    expect(r.report?.drift.issues.map((issue) => issue.explainedBy)).toEqual(['address-country-code-key', 'address-country-code-key', 'uk-account-number-eight-digits']);
    expect(r.report?.steps.map((s) => `${s.name}: ${s.outcome}`)).toEqual(['token (authorization_code): passed', 'accounts: passed', 'probe: unknown account_id: passed']);
    expect(r.report?.steps[2]).toMatchObject({ status: 404, summary: 'probe answered as asked: problem 404 Not Found' });
    expect(verdicts(r).find((v) => v.id === 'account-not-found-404')?.evidence).toEqual(['GET /signup-plus/accounts?account_id 404: title "Not Found"']);
  });

  it('lists refuted assumptions first, each with what was seen and what to change in the spec', async () => {
    const r = await run('refutes');
    const order = verdicts(r).map((v) => v.verdict);
    expect(order.slice(0, REFUTED.length)).toEqual(REFUTED.map(() => 'refuted'));
    const country = verdicts(r).find((v) => v.id === 'address-country-code-key');
    expect(country).toMatchObject({
      fact: 'GET /signup-plus/accounts · 200 · address.country_code',
      specPath: 'components.schemas.Address.properties.country_code',
      evidence: ['GET /signup-plus/accounts 200: address keys: address_line1, city, country, zip'],
      steps: ['accounts'],
      change: expect.stringContaining('rename Address.country_code to country'),
    });
    expect(verdicts(r).find((v) => v.id === 'retry-after-on-429')?.evidence).toEqual([
      expect.stringMatching(/^GET \/signup-plus\/accounts 429: no Retry-After \(headers sent: .*content-type/),
      expect.stringMatching(/^GET \/signup-plus\/accounts\?account_id 429: no Retry-After/),
    ]);
    expect(verdicts(r).find((v) => v.id === 'signup-error-media-type')?.evidence).toEqual([
      'GET /signup-plus/accounts 429: application/problem+json',
      'GET /signup-plus/accounts?account_id 429: application/problem+json',
      'GET /signup-plus/accounts?account_id 404: application/problem+json',
    ]);
    // The console: the assumption block before the drift, refuted ones first, each with its change.
    const lines = r.stdout.split('\n');
    const first = (prefix: string) => lines.findIndex((line) => line.trimStart().startsWith(prefix));
    expect(r.stdout).toMatch(/^Assumptions: 11 refuted, \d+ confirmed, \d+ not exercised \(a refuted assumption does not fail the run/m);
    expect(first('REFUTED')).toBeGreaterThan(first('Assumptions:'));
    expect(first('Drift:')).toBeGreaterThan(lines.findLastIndex((line) => line.trimStart().startsWith('REFUTED')));
    for (const id of REFUTED) expect(r.stdout).toMatch(new RegExp(`REFUTED +${id} `));
    expect(r.stdout).toContain('change the spec (components.schemas.Address.properties.country_code): rename Address.country_code to country');
    expect(r.stdout).toContain('Drift: 0 errors, 0 warnings, 3 explained by refuted assumptions');
    expect(r.stdout).toContain('Result: PASSED (exit 0)');
  });

  it('passes against a server that confirms the assumptions, each reported confirmed', async () => {
    const r = await run('confirms');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(idsWith(r, 'refuted')).toEqual([]);
    expect(idsWith(r, 'confirmed')).toEqual(CONFIRMED);
    expect(driftOf(r)).toEqual([]);
    expect(verdicts(r).find((v) => v.id === 'multiple-accounts-status-200')?.evidence).toEqual(['GET /signup-plus/accounts 200: multiple_accounts_linked body']);
    expect(verdicts(r).find((v) => v.id === 'signup-trace-header')?.evidence).toContain("GET /signup-plus/accounts 429: Tl-Trace-Id present, equal to the body's trace_id");
    for (const id of CONFIRMED) expect(r.stdout).toMatch(new RegExp(`CONFIRMED +${id} `));
  });

  it('reports every other assumption of the spec as not exercised, saying why', async () => {
    const r = await run('confirms');
    expect(verdicts(r).map((v) => v.id).sort()).toEqual(assumptionLedger.map((entry) => entry.id).sort());
    const idle = verdicts(r).filter((v) => v.verdict === 'not exercised');
    expect(idle.length).toBe(assumptionLedger.length - CONFIRMED.length);
    expect(idle.find((v) => v.id === 'pkce-code-challenge-s256')?.evidence).toEqual(['the smoke run has no check for it']);
    expect(idle.find((v) => v.id === 'token-server-error-body')?.evidence).toEqual(['no token answer with status 500 came back in this run']);
    expect(r.report?.assumptions?.notExercised).toBe(idle.length);
    expect(r.stdout).toContain(`  not exercised: ${idle.map((v) => v.id).join(', ')}`);
  });

  it('still fails (exit 1) on drift in a documented field, next to a refuted assumption', async () => {
    const r = await run('drifts');
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    expect(idsWith(r, 'refuted')).toEqual(['address-country-code-key']);
    expect(driftOf(r)).toEqual([
      'error accounts /last_name type',
      'assumed accounts /address/country_code required',
      'assumed accounts /address/country additionalProperties',
    ]);
    expect(r.report?.drift).toMatchObject({ errors: 1, warnings: 0, explained: 2 });
    expect(r.report?.steps[1]).toMatchObject({ name: 'accounts', outcome: 'failed', error: { errorCode: 'TL_RESPONSE_INVALID' } });
    expect(r.report?.result).toMatchObject({ exitCode: 1, outcome: 'failed' });
  });

  it('fails (exit 1) when a refuted assumption leaves a token answer the client cannot use, so nothing else runs', async () => {
    const r = await run('null-refresh-token');
    expect(r.exitCode, r.stdout + r.stderr).toBe(1);
    expect(idsWith(r, 'refuted')).toEqual(['refresh-token-omitted-without-offline-access']);
    expect(driftOf(r)).toEqual(['assumed token (authorization_code) /refresh_token type']);
    expect(r.report?.steps.map((s) => `${s.name}: ${s.outcome}`)).toEqual(['token (authorization_code): failed', 'accounts: skipped']);
    expect(verdicts(r)[0]).toMatchObject({ id: 'refresh-token-omitted-without-offline-access', evidence: ['POST /connect/token (authorization_code) 200: refresh_token sent as null'] });
  });

  it('passes when a refuted assumption leaves a multiple-accounts answer unreadable, saying no account_id was fetched', async () => {
    const r = await run('unreadable-list');
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(idsWith(r, 'refuted')).toEqual(['uk-account-number-eight-digits']);
    expect(r.report?.steps.map((s) => `${s.name}: ${s.outcome}`)).toEqual(['token (authorization_code): passed', 'accounts: passed']);
    expect(r.report?.notices).toContain(
      'the multiple-accounts answer differs from the spec where assumptions are refuted, so the client could not read it and no account_id was fetched: update the spec, then run again',
    );
  });

  it('writes the verdicts to JUnit: one test case per assumption, refuted first, none a failure', async () => {
    const r = await run('refutes');
    const suite = r.junit?.slice(r.junit.indexOf('<testsuite name="signup-plus-assumptions"')) ?? '';
    expect(suite).toContain(`tests="${assumptionLedger.length}" failures="0" errors="0" skipped="${r.report?.assumptions?.notExercised}"`);
    const cases = [...suite.matchAll(/<testcase classname="signup-plus\.assumptions\.([a-z-]+)" name="([a-z0-9-]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(cases.slice(0, REFUTED.length).map((c) => c.split(' ')[0])).toEqual(REFUTED.map(() => 'refuted'));
    expect(cases).toHaveLength(assumptionLedger.length);
    expect(suite).not.toContain('<failure');
    expect(suite).toContain('change the spec (components.headers.RetryAfter)');
    expect(r.junit).toContain('<property name="assumptions_refuted" value="11"/>');
  });

  it.each(['refutes', 'confirms', 'drifts', 'null-refresh-token', 'unreadable-list'] as const)('keeps personal values and secrets out of the evidence (%s)', async (behaviour) => {
    const r = await run(behaviour);
    for (const value of PERSONAL_VALUES) {
      for (const [where, text] of Object.entries({ stdout: r.stdout, 'report.json': r.reportText ?? '', 'junit.xml': r.junit ?? '' })) {
        expect(text.includes(value), `${value} in ${where}`).toBe(false);
      }
    }
    expectNoSecrets(r, [CLIENT_SECRET]);
  });
});
