// Everything the smoke run emits (console lines, report.json, junit.xml) leaves through here, after the one
// redaction helper has seen it with every secret the run knows: a secret echoed by a server is caught too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactText, redactValue } from '../../src/redact.ts';
import { shippedFile } from '../lib/project-paths.ts';
import { toJUnitXml } from './junit.ts';
import type { AssumptionVerdict, DriftIssue, SmokeReport, StepReport } from './report-model.ts';

/** The secrets known so far; grows during the run (access and refresh tokens arrive with the token answer). */
export class SecretBag {
  readonly #values = new Set<string>();
  add(...values: Array<string | undefined>): void {
    for (const value of values) if (value) this.#values.add(value);
  }
  values(): string[] {
    return [...this.#values];
  }
  text(text: string): string {
    return redactText(text, this.#values);
  }
  value<T>(value: T): T {
    return redactValue(value, this.#values);
  }
}

export interface WrittenReports {
  jsonPath: string;
  junitPath: string;
}

/** Redacts the report and writes report.json and junit.xml into `dir`. */
export function writeReports(report: SmokeReport, dir: string, secrets: SecretBag): WrittenReports {
  const safe = secrets.value(report);
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, 'report.json');
  const junitPath = join(dir, 'junit.xml');
  // Text-level redaction on the serialised form as well: a belt over the structural pass, for free.
  writeFileSync(jsonPath, secrets.text(`${JSON.stringify(safe, null, 2)}\n`));
  writeFileSync(junitPath, secrets.text(toJUnitXml(safe)));
  return { jsonPath, junitPath };
}

// The marks are literals inside the functions, not module-level tables: a module's top level runs once, when the
// first test loads it, so the mutation run tried a changed table only against that test, which never read a mark.
export function stepLine(step: StepReport): string {
  const mark = ({ passed: 'PASS', failed: 'FAIL', unreachable: 'DOWN', skipped: 'SKIP' } satisfies Record<StepReport['outcome'], string>)[step.outcome];
  const status = step.status === undefined ? '---' : String(step.status);
  const trace = step.traceId ?? step.error?.traceId;
  const parts = [
    `  ${mark}  ${step.name.padEnd(44)}`,
    status.padStart(3),
    `${String(step.durationMs).padStart(6)} ms`,
    trace ? `trace ${trace}` : 'no trace id',
    step.attempts && step.attempts > 1 ? `${step.attempts} attempts` : '',
    step.summary,
  ];
  return parts.filter(Boolean).join('  ');
}

export function driftLine(issue: DriftIssue): string {
  const where = issue.pointer === '' ? '(response)' : issue.pointer;
  const parts = [issue.expected !== undefined ? `expected ${issue.expected}` : '', issue.actual !== undefined ? `got ${issue.actual}` : ''];
  const expectation = parts.some(Boolean) ? ` ${parts.filter(Boolean).join(', ')}` : '';
  const explained = issue.explainedBy ? ` (explained: assumption ${issue.explainedBy} is refuted)` : '';
  return `  ${(issue.explainedBy ? 'assumed' : issue.severity).padEnd(7)}  ${issue.step}  ${where}  [${issue.keyword}]${expectation}: ${issue.message}${explained}`;
}

/** One assumption verdict as console lines: the id and fact, what was seen, and for a refuted one what to change. */
export function verdictLines(verdict: AssumptionVerdict): string[] {
  const mark = ({ refuted: 'REFUTED', confirmed: 'CONFIRMED', 'not exercised': 'NOT EXERCISED' } satisfies Record<AssumptionVerdict['verdict'], string>)[verdict.verdict];
  const lines = [`  ${mark.padEnd(9)}  ${verdict.id}  (${verdict.fact})`];
  for (const seen of verdict.evidence) lines.push(`             seen: ${seen}`);
  if (verdict.change) lines.push(`             change the spec (${verdict.specPath}): ${verdict.change}`);
  return lines;
}

/** The assumption block: refuted and confirmed in full, the ids not exercised on one line. */
function assumptionLines(assumptions: NonNullable<SmokeReport['assumptions']>, cwd: string): string[] {
  const { refuted, confirmed, notExercised, verdicts } = assumptions;
  const lines = [
    `Assumptions: ${refuted} refuted, ${confirmed} confirmed, ${notExercised} not exercised` +
      (refuted > 0 ? ` (a refuted assumption does not fail the run: update the spec; see ${shippedFile('docs/smoke.md', cwd)})` : ''),
  ];
  lines.push(...verdicts.filter((v) => v.verdict !== 'not exercised').flatMap(verdictLines));
  const idle = verdicts.filter((v) => v.verdict === 'not exercised').map((v) => v.id);
  if (idle.length > 0) lines.push(`  not exercised: ${idle.join(', ')}`);
  return lines;
}

/** The closing lines of the console summary (the step lines are printed as the steps finish). */
export function closingLines(report: SmokeReport, written?: WrittenReports, cwd = process.cwd()): string[] {
  const lines: string[] = [];
  // Assumptions first: a refuted one is the first thing to act on, and it explains drift listed below.
  if (report.assumptions) lines.push(...assumptionLines(report.assumptions, cwd));
  const { errors, warnings, explained = 0 } = report.drift;
  const explainedText = explained > 0 ? `, ${explained} explained by refuted assumptions` : '';
  lines.push(`Drift: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${explainedText}`);
  lines.push(...report.drift.issues.map(driftLine));
  for (const notice of report.notices) lines.push(`Note: ${notice}`);
  if (written) lines.push(`Reports: ${written.jsonPath}, ${written.junitPath}`);
  lines.push(`Result: ${report.result.outcome.toUpperCase()} (exit ${report.result.exitCode}): ${report.result.reason}`);
  return lines;
}
