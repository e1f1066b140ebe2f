// The scenario table as data (mocks/scenarios.ts), with no mock started: what it names for the start-up check and
// which codes it knows. Kept apart from scenarios.test.ts, whose file-level beforeAll starts a mock: a table
// broken so that startMock throws there fails that hook, which skips every test of the file, and Stryker's
// vitest runner (9.6) counts skipped tests as passed, so the mutant would be reported as survived.
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ERRORS, examplesNamedByTable, isScenarioCode, SCENARIOS, TOKEN_ANSWER, TOKEN_ERRORS } from '../../mocks/scenarios.ts';

describe('the scenario table', () => {
  it('names for the start-up check every answer it can give, each under its own operation', () => {
    const refs = examplesNamedByTable();
    expect(refs.every((ref) => Number.isInteger(ref.status) && ref.example.length > 0)).toBe(true);
    const named = new Set(refs.map((ref) => `${ref.operationId} ${ref.status} ${ref.example}`));
    const expected = [
      ...[TOKEN_ANSWER, ...Object.values(TOKEN_ERRORS)].map((ref) => `requestToken ${ref.status} ${ref.example}`),
      ...Object.values(ACCOUNTS_ERRORS).map((ref) => `getSignupPlusAccounts ${ref.status} ${ref.example}`),
      ...SCENARIOS.flatMap((scenario) => [
        ...(scenario.token ? [`requestToken ${scenario.token.status} ${scenario.token.example}`] : []),
        `getSignupPlusAccounts ${scenario.accounts.status} ${scenario.accounts.example}`,
      ]),
    ];
    expect([...named].sort()).toEqual([...new Set(expected)].sort());
    // The token exchange's own failure scenario (500 server_error) is named only by its row.
    expect(named).toContain('requestToken 500 server-error');
  });

  it('tells its codes from any other code (which the journal and logs then treat as a secret)', () => {
    expect(SCENARIOS.every((scenario) => isScenarioCode(scenario.code))).toBe(true);
    expect([isScenarioCode('mock-code.abc'), isScenarioCode('Single-Account'), isScenarioCode('')]).toEqual([false, false, false]);
  });
});
