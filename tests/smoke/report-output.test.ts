// The smoke run's console summary, line by line: what a nightly job's log shows (the step lines as the steps
// finish, then assumptions, drift, notes, reports and the result). Exact text, so a changed mark, column or
// plural is seen here and not first in someone's CI log.
import { describe, expect, it } from 'vitest';
import { closingLines, driftLine, SecretBag, stepLine, verdictLines } from '../../scripts/smoke/report-output.ts';
import { ROOT_DIR } from '../../scripts/lib/project-paths.ts';
import type { AssumptionVerdict, DriftIssue, SmokeReport, StepReport } from '../../scripts/smoke/report-model.ts';

const step = (overrides: Partial<StepReport>): StepReport => ({
  name: 'accounts',
  request: { method: 'GET', url: 'https://api.truelayer-sandbox.com/signup-plus/accounts' },
  outcome: 'passed',
  durationMs: 12,
  summary: 'one identity',
  drift: [],
  ...overrides,
});

const issue = (overrides: Partial<DriftIssue>): DriftIssue => ({
  step: 'accounts',
  pointer: '/address/country_code',
  severity: 'error',
  keyword: 'required',
  message: 'a documented field is missing',
  ...overrides,
});

const verdict = (overrides: Partial<AssumptionVerdict>): AssumptionVerdict => ({
  id: 'accounts-country-code',
  verdict: 'confirmed',
  fact: 'GET /signup-plus/accounts · 200 · address.country_code',
  assumes: 'the address has a country code',
  status: 'unconfirmed',
  specPath: 'components.schemas.Address',
  evidence: [],
  steps: ['accounts'],
  ...overrides,
});

describe('a step line', () => {
  it('shows the mark, the padded name, the status, the time, the trace id and the summary', () => {
    expect(stepLine(step({ status: 200, traceId: 'trace-1' }))).toBe(`  PASS  ${'accounts'.padEnd(44)}  200      12 ms  trace trace-1  one identity`);
  });

  it('marks each outcome', () => {
    expect(['passed', 'failed', 'unreachable', 'skipped'].map((outcome) => stepLine(step({ outcome: outcome as StepReport['outcome'] })).slice(0, 8))).toEqual(['  PASS  ', '  FAIL  ', '  DOWN  ', '  SKIP  ']);
  });

  it('says --- without a status, takes the trace id from the error, and says when there is none', () => {
    expect(stepLine(step({ error: { errorCode: 'TL_TIMEOUT', message: 'timed out', traceId: 'from-error' } }))).toBe(`  PASS  ${'accounts'.padEnd(44)}  ---      12 ms  trace from-error  one identity`);
    expect(stepLine(step({ status: 503 }))).toBe(`  PASS  ${'accounts'.padEnd(44)}  503      12 ms  no trace id  one identity`);
  });

  it('counts attempts only when there was more than one', () => {
    expect(stepLine(step({ status: 200, attempts: 3 }))).toContain('  no trace id  3 attempts  one identity');
    expect(stepLine(step({ status: 200, attempts: 1 }))).toBe(`  PASS  ${'accounts'.padEnd(44)}  200      12 ms  no trace id  one identity`);
  });
});

describe('a drift line', () => {
  it('names the severity, step, pointer and keyword, then what was expected and what came', () => {
    expect(driftLine(issue({ expected: 'string', actual: 'missing' }))).toBe('  error    accounts  /address/country_code  [required] expected string, got missing: a documented field is missing');
  });

  it('calls the whole answer (response), and leaves out an expectation it does not have', () => {
    expect(driftLine(issue({ pointer: '', severity: 'warning', keyword: 'status' }))).toBe('  warning  accounts  (response)  [status]: a documented field is missing');
    expect(driftLine(issue({ actual: 'number' }))).toBe('  error    accounts  /address/country_code  [required] got number: a documented field is missing');
  });

  it('says which refuted assumption explains a finding, marked assumed instead of its severity', () => {
    expect(driftLine(issue({ explainedBy: 'accounts-country-code' }))).toBe('  assumed  accounts  /address/country_code  [required]: a documented field is missing (explained: assumption accounts-country-code is refuted)');
  });
});

describe('an assumption verdict', () => {
  it('gives the verdict, the id and the fact, then each thing seen, and for a refuted one what to change', () => {
    expect(verdictLines(verdict({ verdict: 'refuted', evidence: ['address keys: country'], change: 'rename country_code to country' }))).toEqual([
      '  REFUTED    accounts-country-code  (GET /signup-plus/accounts · 200 · address.country_code)',
      '             seen: address keys: country',
      '             change the spec (components.schemas.Address): rename country_code to country',
    ]);
    expect(verdictLines(verdict({}))).toEqual(['  CONFIRMED  accounts-country-code  (GET /signup-plus/accounts · 200 · address.country_code)']);
    // JUnit's system-out for a skipped assumption is this line: the mark is longer than the column, and not cut.
    expect(verdictLines(verdict({ verdict: 'not exercised' }))).toEqual(['  NOT EXERCISED  accounts-country-code  (GET /signup-plus/accounts · 200 · address.country_code)']);
  });
});

describe('the closing lines', () => {
  const report = (overrides: Partial<SmokeReport>): SmokeReport => ({
    reportVersion: 1,
    tool: 'signup-plus-harness smoke',
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:00:01.000Z',
    durationMs: 1000,
    environment: { name: 'sandbox', authUrl: 'https://auth.truelayer-sandbox.com', apiUrl: 'https://api.truelayer-sandbox.com' },
    result: { exitCode: 0, outcome: 'passed', reason: 'every step passed' },
    steps: [],
    drift: { errors: 0, warnings: 0, issues: [] },
    refreshToken: { rotated: false },
    notices: [],
    showData: false,
    ...overrides,
  });

  it('a clean run: no drift (plural), then the result', () => {
    expect(closingLines(report({}))).toEqual(['Drift: 0 errors, 0 warnings', 'Result: PASSED (exit 0): every step passed']);
  });

  it('assumptions first (refuted and confirmed in full, the rest on one line), drift, notes, reports, result', () => {
    const lines = closingLines(
      report({
        assumptions: {
          refuted: 1,
          confirmed: 1,
          notExercised: 2,
          verdicts: [verdict({ verdict: 'refuted' }), verdict({ id: 'token-type-bearer' }), verdict({ id: 'a', verdict: 'not exercised' }), verdict({ id: 'b', verdict: 'not exercised' })],
        },
        drift: { errors: 1, warnings: 1, explained: 2, issues: [issue({}), issue({ severity: 'warning', keyword: 'format' })] },
        notices: ['the refresh token was not rotated'],
        result: { exitCode: 1, outcome: 'failed', reason: 'drift in a documented field' },
      }),
      { jsonPath: 'reports/smoke/report.json', junitPath: 'reports/smoke/junit.xml' },
      ROOT_DIR,
    );
    expect(lines).toEqual([
      'Assumptions: 1 refuted, 1 confirmed, 2 not exercised (a refuted assumption does not fail the run: update the spec; see docs/smoke.md)',
      '  REFUTED    accounts-country-code  (GET /signup-plus/accounts · 200 · address.country_code)',
      '  CONFIRMED  token-type-bearer  (GET /signup-plus/accounts · 200 · address.country_code)',
      '  not exercised: a, b',
      'Drift: 1 error, 1 warning, 2 explained by refuted assumptions',
      '  error    accounts  /address/country_code  [required]: a documented field is missing',
      '  warning  accounts  /address/country_code  [format]: a documented field is missing',
      'Note: the refresh token was not rotated',
      'Reports: reports/smoke/report.json, reports/smoke/junit.xml',
      'Result: FAILED (exit 1): drift in a documented field',
    ]);
  });

  it('no refuted assumption: no advice, and no not-exercised line when every one was exercised', () => {
    expect(closingLines(report({ assumptions: { refuted: 0, confirmed: 1, notExercised: 0, verdicts: [verdict({})] } }))).toEqual([
      'Assumptions: 0 refuted, 1 confirmed, 0 not exercised',
      '  CONFIRMED  accounts-country-code  (GET /signup-plus/accounts · 200 · address.country_code)',
      'Drift: 0 errors, 0 warnings',
      'Result: PASSED (exit 0): every step passed',
    ]);
  });
});

describe('the secret bag', () => {
  it('keeps each secret once and ignores empty or missing ones', () => {
    const bag = new SecretBag();
    bag.add('s3cr3t-value', undefined, '', 's3cr3t-value', 'other-secret');
    expect(bag.values()).toEqual(['s3cr3t-value', 'other-secret']);
  });
});
