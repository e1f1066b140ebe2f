// The coverage matrix: every operation × documented status of the spec, and for each which pact interactions
// cover it, whether they passed the spec check and the verification against the mock. Printed by
// `npm run contracts` and written to reports/contracts/matrix.{md,json} for CI.
import { COVERAGE_EXCEPTIONS } from './coverage-exceptions.ts';
import type { CoverageException } from './coverage-exceptions.ts';
import type { PactFile } from './pact-files.ts';
import { stateNames } from './pact-files.ts';
import type { SpecCheckResult } from './spec-check.ts';
import { operationFor, type SpecOperation } from './spec-operations.ts';
import type { VerificationResult } from './verify.ts';

export type StepState = 'pass' | 'fail' | 'not run';

export interface MatrixInteraction {
  provider: string;
  description: string;
  states: string[];
  specCheck: StepState;
  verification: StepState;
}

export interface MatrixRow {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** False for a status a pact expects but the spec does not document. */
  documented: boolean;
  interactions: MatrixInteraction[];
  pact: 'covered' | 'excused' | 'uncovered';
  specCheck: StepState | 'n/a';
  verification: StepState | 'n/a';
  exception?: string;
  ok: boolean;
}

export interface Matrix {
  rows: MatrixRow[];
  /** Problems with the exception list itself (an excused status that is covered, or not in the spec). */
  exceptionProblems: string[];
  ok: boolean;
  coverage: 'required' | 'report';
}

export interface MatrixInput {
  operations: SpecOperation[];
  pacts: PactFile[];
  specCheck?: SpecCheckResult;
  verification?: VerificationResult;
  exceptions?: readonly CoverageException[];
  /**
   * `required` (our own contracts): every documented status must be covered or excused. `report` (a team's
   * pacts under `verify`): a status no pact covers is shown, not failed, and the exception list does not apply.
   */
  coverage?: 'required' | 'report';
}

export function buildMatrix(input: MatrixInput): Matrix {
  const reportOnly = input.coverage === 'report';
  const exceptions = reportOnly ? [] : (input.exceptions ?? COVERAGE_EXCEPTIONS);
  const rows: MatrixRow[] = [];
  const rowFor = (method: string, path: string, status: number): MatrixRow | undefined =>
    rows.find((r) => r.method === method && r.path === path && r.status === status);

  for (const op of input.operations) {
    for (const status of op.statuses) {
      rows.push({ operationId: op.operationId, method: op.method, path: op.path, status, documented: true, interactions: [], pact: 'uncovered', specCheck: 'n/a', verification: 'n/a', ok: false });
    }
  }

  for (const { file, path, pact } of input.pacts) {
    pact.interactions.forEach((interaction, index) => {
      const method = interaction.request.method.toUpperCase();
      const requestPath = interaction.request.path;
      const { status } = interaction.response;
      let row = rowFor(method, requestPath, status);
      if (!row) {
        const op = operationFor(input.operations, method, requestPath);
        row = { operationId: op?.operationId ?? '(not in the spec)', method, path: requestPath, status, documented: false, interactions: [], pact: 'uncovered', specCheck: 'n/a', verification: 'n/a', ok: false };
        rows.push(row);
      }
      const spec = input.specCheck?.interactions.find((i) => i.file === file && i.index === index);
      const provider = input.verification?.providers.find((p) => (p.path === undefined ? p.provider === pact.provider.name : p.path === path));
      const verified = provider?.interactions.find((i) => i.description === interaction.description);
      row.interactions.push({
        provider: pact.provider.name,
        description: interaction.description,
        states: stateNames(interaction),
        specCheck: spec ? (spec.ok ? 'pass' : 'fail') : 'not run',
        verification: verified ? (verified.ok ? 'pass' : 'fail') : provider ? 'fail' : 'not run',
      });
    });
  }

  for (const row of rows) {
    const exception = exceptions.find((e) => e.method === row.method && e.path === row.path && e.status === row.status);
    if (row.interactions.length > 0) {
      row.pact = 'covered';
      row.specCheck = worst(row.interactions.map((i) => i.specCheck));
      row.verification = worst(row.interactions.map((i) => i.verification));
    } else if (exception) {
      row.pact = 'excused';
      row.exception = exception.reason;
    }
    row.ok =
      row.documented &&
      (row.pact === 'excused' || (reportOnly && row.pact === 'uncovered') || (row.pact === 'covered' && row.specCheck !== 'fail' && row.verification !== 'fail'));
  }

  const exceptionProblems: string[] = [];
  for (const e of exceptions) {
    const row = rowFor(e.method, e.path, e.status);
    if (!row || !row.documented) exceptionProblems.push(`${e.method} ${e.path} ${e.status} is excused in scripts/contracts/coverage-exceptions.ts but the spec does not document it; remove the entry`);
    else if (row.pact === 'covered') exceptionProblems.push(`${e.method} ${e.path} ${e.status} is excused in scripts/contracts/coverage-exceptions.ts but a pact covers it now; remove the entry`);
  }

  rows.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.status - b.status);
  return { rows, exceptionProblems, ok: rows.every((r) => r.ok) && exceptionProblems.length === 0, coverage: reportOnly ? 'report' : 'required' };
}

function worst(states: StepState[]): StepState {
  if (states.includes('fail')) return 'fail';
  if (states.includes('not run')) return 'not run';
  return 'pass';
}

/** Why a row fails, in words. */
export function rowProblem(row: MatrixRow): string | undefined {
  if (row.ok) return undefined;
  if (!row.documented) return `a pact expects ${row.status}, which the spec does not document for ${row.method} ${row.path}`;
  if (row.pact === 'uncovered') return `no pact covers it; add an interaction, or excuse it with a reason in scripts/contracts/coverage-exceptions.ts`;
  if (row.specCheck === 'fail') return 'a pact covering it does not match the spec';
  if (row.verification === 'fail') return 'the mock does not honour a pact covering it';
  return undefined;
}

const SYMBOL: Record<string, string> = { pass: 'pass', fail: 'FAIL', 'not run': 'not run', 'n/a': '-' };

/** The plain-text table printed on the console. */
export function renderMatrixText(matrix: Matrix): string {
  const header = ['operation', 'status', 'pact', 'spec check', 'verification', 'result'];
  const body = matrix.rows.map((row) => [
    `${row.method} ${row.path}`,
    String(row.status),
    row.pact === 'covered'
      ? `${row.interactions.length} interaction${row.interactions.length === 1 ? '' : 's'}`
      : row.pact === 'excused'
        ? 'excused'
        : matrix.coverage === 'report'
          ? 'none'
          : 'NONE',
    SYMBOL[row.specCheck] ?? row.specCheck,
    SYMBOL[row.verification] ?? row.verification,
    row.ok ? (row.pact === 'uncovered' ? '-' : 'ok') : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  const excused = matrix.rows.filter((r) => r.pact === 'excused');
  if (excused.length) {
    out.push('', 'Excused (scripts/contracts/coverage-exceptions.ts):');
    for (const row of excused) out.push(`  ${row.method} ${row.path} ${row.status}: ${row.exception}`);
  }
  const failing = matrix.rows.filter((r) => !r.ok);
  if (failing.length || matrix.exceptionProblems.length) {
    out.push('', matrix.coverage === 'report' ? 'Problems:' : 'Coverage problems:');
    for (const row of failing) out.push(`  ${row.method} ${row.path} ${row.status}: ${rowProblem(row)}`);
    for (const problem of matrix.exceptionProblems) out.push(`  ${problem}`);
  }
  return out.join('\n');
}

/** The Markdown report uploaded by CI: the table, then each row's interactions and provider states. */
export function renderMatrixMarkdown(matrix: Matrix): string {
  const out = [
    '# Contract coverage',
    '',
    'Every operation and documented status of `specs/signup-plus.openapi.yaml`, with the consumer pact interactions that',
    'cover it, the result of checking them against the spec (openapi-pact-comparator) and of replaying them against the',
    `mock (Pact verifier). Generated by ${matrix.coverage === 'report' ? '`signup-plus-harness verify`' : '`npm run contracts`'}.`,
    '',
    '| operation | status | pact | spec check | verification | result |',
    '|---|---|---|---|---|---|',
    ...matrix.rows.map(
      (row) =>
        `| \`${row.method} ${row.path}\` | ${row.status} | ${row.pact === 'covered' ? `${row.interactions.length}` : row.pact} | ${SYMBOL[row.specCheck] ?? row.specCheck} | ${SYMBOL[row.verification] ?? row.verification} | ${row.ok ? 'ok' : '**FAIL**'} |`,
    ),
    '',
    '## Interactions',
    '',
  ];
  for (const row of matrix.rows) {
    out.push(`### \`${row.method} ${row.path}\` ${row.status}`, '');
    if (row.pact === 'excused') out.push(`Excused: ${row.exception}`, '');
    else if (row.interactions.length === 0) out.push('No interaction covers this status.', '');
    for (const i of row.interactions) {
      const given = i.states.length ? ` (given ${i.states.map((s) => `"${s}"`).join(', ')})` : '';
      out.push(`- ${i.provider}: "${i.description}"${given}: spec check ${i.specCheck}, verification ${i.verification}`);
    }
    if (row.interactions.length) out.push('');
    const problem = rowProblem(row);
    if (problem) out.push(`**Problem:** ${problem}`, '');
  }
  if (matrix.exceptionProblems.length) out.push('## Exception list problems', '', ...matrix.exceptionProblems.map((p) => `- ${p}`), '');
  return out.join('\n');
}
