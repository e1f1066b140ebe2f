// The coverage rules of the matrix: a required status with no pact fails, an excused one needs a reason and
// must not be covered, and a step failure marks the rows its interactions cover.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../scripts/lib/spec-document.ts';
import { COVERAGE_EXCEPTIONS } from '../../../scripts/contracts/coverage-exceptions.ts';
import { buildMatrix, renderMatrixText, rowProblem } from '../../../scripts/contracts/matrix.ts';
import type { PactFile, PactInteraction } from '../../../scripts/contracts/pact-files.ts';
import { specOperations } from '../../../scripts/contracts/spec-operations.ts';
import type { SpecOperation } from '../../../scripts/contracts/spec-operations.ts';

const operations: SpecOperation[] = [
  { operationId: 'requestToken', method: 'POST', path: '/connect/token', statuses: [200, 400] },
  { operationId: 'getSignupPlusAccounts', method: 'GET', path: '/signup-plus/accounts', statuses: [200, 500] },
];
const exceptions = [{ method: 'GET', path: '/signup-plus/accounts', status: 500, reason: 'server faults are not a contract' }];

function interaction(description: string, method: string, path: string, status: number): PactInteraction {
  return { description, providerStates: [{ name: 'a state' }], request: { method, path }, response: { status } };
}
function pact(provider: string, interactions: PactInteraction[]): PactFile {
  return { file: `${provider}.json`, path: `/x/${provider}.json`, pact: { consumer: { name: 'c' }, provider: { name: provider }, interactions } };
}

describe('coverage matrix', () => {
  it('has a row for every operation and documented status of the spec, naming both paths', async () => {
    const rows = buildMatrix({ operations: specOperations(await loadSpec()), pacts: [] }).rows.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(rows).toEqual([
      'POST /connect/token 200',
      'POST /connect/token 400',
      'POST /connect/token 500',
      'GET /signup-plus/accounts 200',
      'GET /signup-plus/accounts 400',
      'GET /signup-plus/accounts 401',
      'GET /signup-plus/accounts 403',
      'GET /signup-plus/accounts 404',
      'GET /signup-plus/accounts 422',
      'GET /signup-plus/accounts 429',
      'GET /signup-plus/accounts 500',
    ]);
  });

  it('fails a required status that no pact covers, and says how to fix it', () => {
    const matrix = buildMatrix({
      operations,
      exceptions,
      pacts: [pact('auth', [interaction('ok', 'POST', '/connect/token', 200)]), pact('api', [interaction('id', 'GET', '/signup-plus/accounts', 200)])],
    });
    expect(matrix.ok).toBe(false);
    const failing = matrix.rows.filter((r) => !r.ok);
    expect(failing.map((r) => [r.method, r.path, r.status, r.pact])).toEqual([['POST', '/connect/token', 400, 'uncovered']]);
    expect(rowProblem(failing[0]!)).toBe('no pact covers it; add an interaction, or excuse it with a reason in scripts/contracts/coverage-exceptions.ts');
    expect(renderMatrixText(matrix)).toContain('POST /connect/token 400: no pact covers it');
  });

  it('passes when every status is covered or excused, and steps not run stay "not run"', () => {
    const matrix = buildMatrix({
      operations,
      exceptions,
      pacts: [
        pact('auth', [interaction('ok', 'POST', '/connect/token', 200), interaction('bad', 'POST', '/connect/token', 400)]),
        pact('api', [interaction('id', 'GET', '/signup-plus/accounts', 200)]),
      ],
    });
    expect(matrix.ok).toBe(true);
    expect(matrix.rows.map((r) => [r.status, r.pact, r.specCheck, r.verification])).toEqual([
      [200, 'covered', 'not run', 'not run'],
      [400, 'covered', 'not run', 'not run'],
      [200, 'covered', 'not run', 'not run'],
      [500, 'excused', 'n/a', 'n/a'],
    ]);
    expect(matrix.rows[3]?.exception).toBe('server faults are not a contract');
  });

  it('marks the rows of an interaction that failed the verification', () => {
    const pacts = [pact('auth', [interaction('ok', 'POST', '/connect/token', 200), interaction('bad', 'POST', '/connect/token', 400)]), pact('api', [interaction('id', 'GET', '/signup-plus/accounts', 200)])];
    const matrix = buildMatrix({
      operations,
      exceptions,
      pacts,
      verification: {
        ok: false,
        providers: [
          { provider: 'auth', ok: false, errors: [], output: '', interactions: [{ description: 'ok', ok: true, mismatches: [] }, { description: 'bad', ok: false, mismatches: ['status: expected 400 but was 500'] }] },
          { provider: 'api', ok: true, errors: [], output: '', interactions: [{ description: 'id', ok: true, mismatches: [] }] },
        ],
      },
    });
    expect(matrix.rows.map((r) => [r.method, r.status, r.verification, r.ok])).toEqual([
      ['POST', 200, 'pass', true],
      ['POST', 400, 'fail', false],
      ['GET', 200, 'pass', true],
      ['GET', 500, 'n/a', true],
    ]);
    expect(rowProblem(matrix.rows[1]!)).toBe('the mock does not honour a pact covering it');
  });

  it('fails an interaction expecting a status the spec does not document', () => {
    const matrix = buildMatrix({
      operations,
      exceptions,
      pacts: [pact('auth', [interaction('ok', 'POST', '/connect/token', 200), interaction('bad', 'POST', '/connect/token', 400), interaction('teapot', 'POST', '/connect/token', 418)]), pact('api', [interaction('id', 'GET', '/signup-plus/accounts', 200)])],
    });
    const row = matrix.rows.find((r) => r.status === 418);
    expect(row).toMatchObject({ documented: false, ok: false });
    expect(rowProblem(row!)).toBe('a pact expects 418, which the spec does not document for POST /connect/token');
  });

  it('fails an exception that is covered after all, or names a status the spec does not have', () => {
    const matrix = buildMatrix({
      operations,
      exceptions: [...exceptions, { method: 'POST', path: '/connect/token', status: 200, reason: 'x' }, { method: 'GET', path: '/signup-plus/accounts', status: 503, reason: 'y' }],
      pacts: [pact('auth', [interaction('ok', 'POST', '/connect/token', 200), interaction('bad', 'POST', '/connect/token', 400)]), pact('api', [interaction('id', 'GET', '/signup-plus/accounts', 200)])],
    });
    expect(matrix.ok).toBe(false);
    expect(matrix.exceptionProblems).toEqual([
      'POST /connect/token 200 is excused in scripts/contracts/coverage-exceptions.ts but a pact covers it now; remove the entry',
      'GET /signup-plus/accounts 503 is excused in scripts/contracts/coverage-exceptions.ts but the spec does not document it; remove the entry',
    ]);
  });

  it('keeps every deliberate exception to a documented status, each with a reason', async () => {
    const documented = specOperations(await loadSpec()).flatMap((op) => op.statuses.map((s) => `${op.method} ${op.path} ${s}`));
    expect(COVERAGE_EXCEPTIONS.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /connect/token 500', 'GET /signup-plus/accounts 404', 'GET /signup-plus/accounts 500']);
    for (const e of COVERAGE_EXCEPTIONS) {
      expect(documented).toContain(`${e.method} ${e.path} ${e.status}`);
      expect(e.reason.length).toBeGreaterThan(40);
    }
  });
});
