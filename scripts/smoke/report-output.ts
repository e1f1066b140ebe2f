// Everything the smoke run emits (console lines, report.json, junit.xml) leaves through here, after the one
// redaction helper has seen it with every secret the run knows: a secret echoed by a server is caught too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactText, redactValue } from '../../src/redact.ts';
import { toJUnitXml } from './junit.ts';
import type { DriftIssue, SmokeReport, StepReport } from './report-model.ts';

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

const MARK: Record<StepReport['outcome'], string> = { passed: 'PASS', failed: 'FAIL', unreachable: 'DOWN', skipped: 'SKIP' };

export function stepLine(step: StepReport): string {
  const status = step.status === undefined ? '---' : String(step.status);
  const trace = step.traceId ?? step.error?.traceId;
  const parts = [
    `  ${MARK[step.outcome]}  ${step.name.padEnd(44)}`,
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
  return `  ${issue.severity.padEnd(7)}  ${issue.step}  ${where}  [${issue.keyword}]${expectation}: ${issue.message}`;
}

/** The closing lines of the console summary (the step lines are printed as the steps finish). */
export function closingLines(report: SmokeReport, written?: WrittenReports): string[] {
  const lines: string[] = [];
  const { errors, warnings } = report.drift;
  lines.push(`Drift: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  lines.push(...report.drift.issues.map(driftLine));
  for (const notice of report.notices) lines.push(`Note: ${notice}`);
  if (written) lines.push(`Reports: ${written.jsonPath}, ${written.junitPath}`);
  lines.push(`Result: ${report.result.outcome.toUpperCase()} (exit ${report.result.exitCode}): ${report.result.reason}`);
  return lines;
}
