// JUnit XML for CI (one <testcase> per smoke step), written by hand: the format is small, and a dependency for
// it would be the only one in the project. Everything text goes through xmlEscape, which also drops the
// characters XML 1.0 cannot carry at all.
import { driftLine, verdictLines } from './report-output.ts';
import type { AssumptionVerdict, SmokeReport, StepReport } from './report-model.ts';

// Control characters other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF are not allowed in XML 1.0.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Drift lines of one severity; drift a refuted assumption explains goes with the warnings (it fails nothing). */
function driftLines(step: StepReport, severity: 'error' | 'warning'): string[] {
  return step.drift
    .filter((issue) => (issue.explainedBy ? 'warning' : issue.severity) === severity)
    .map((issue) => driftLine(issue).trim());
}

function testCase(step: StepReport, classname: string): string {
  const attrs = `classname="${xmlEscape(classname)}" name="${xmlEscape(step.name)}" time="${seconds(step.durationMs)}"`;
  const out = [
    `status: ${step.status ?? 'none'}`,
    `trace id: ${step.traceId ?? step.error?.traceId ?? 'none'}`,
    `attempts: ${step.attempts ?? 'n/a'}`,
    step.summary,
    ...driftLines(step, 'warning'),
  ].join('\n');
  const body: string[] = [];
  if (step.outcome === 'skipped') {
    body.push(`<skipped message="${xmlEscape(step.summary)}"/>`);
  } else if (step.outcome === 'failed') {
    const detail = [step.error ? `${step.error.errorCode}: ${step.error.message}` : step.summary, ...driftLines(step, 'error')].join('\n');
    body.push(`<failure message="${xmlEscape(step.summary)}" type="${xmlEscape(step.error?.errorCode ?? 'SMOKE_DRIFT')}">${xmlEscape(detail)}</failure>`);
  } else if (step.outcome === 'unreachable') {
    // <error> rather than <failure>: the test could not run, which CI tools show differently from a failed check.
    body.push(`<error message="${xmlEscape(step.summary)}" type="${xmlEscape(step.error?.errorCode ?? 'TL_NETWORK')}">${xmlEscape(step.error?.message ?? step.summary)}</error>`);
  }
  body.push(`<system-out>${xmlEscape(out)}</system-out>`);
  return `    <testcase ${attrs}>\n${body.map((line) => `      ${line}`).join('\n')}\n    </testcase>`;
}

/**
 * One test case per assumption, grouped by verdict in the classname (`signup-plus.assumptions.refuted`) so CI
 * views list refuted ones together. A refuted assumption is not a <failure> (it never fails the run); one not
 * exercised is <skipped>.
 */
function assumptionCase(verdict: AssumptionVerdict): string {
  const classname = `signup-plus.assumptions.${verdict.verdict.replace(' ', '-')}`;
  const body: string[] = [];
  if (verdict.verdict === 'not exercised') body.push(`<skipped message="${xmlEscape(`not exercised: ${verdict.evidence.join('; ')}`)}"/>`);
  body.push(`<system-out>${xmlEscape(verdictLines(verdict).map((line) => line.trim()).join('\n'))}</system-out>`);
  return `    <testcase classname="${xmlEscape(classname)}" name="${xmlEscape(verdict.id)}" time="0.000">\n${body.map((line) => `      ${line}`).join('\n')}\n    </testcase>`;
}

function assumptionSuite(report: SmokeReport): string[] {
  const verdicts = report.assumptions?.verdicts ?? [];
  if (verdicts.length === 0) return [];
  const skipped = verdicts.filter((v) => v.verdict === 'not exercised').length;
  return [
    `  <testsuite name="signup-plus-assumptions" tests="${verdicts.length}" failures="0" errors="0" skipped="${skipped}" time="0.000">`,
    ...verdicts.map(assumptionCase),
    '  </testsuite>',
  ];
}

/** Renders the (already redacted) report as JUnit: the steps' test suite, then the assumptions' (refuted first). */
export function toJUnitXml(report: SmokeReport): string {
  const classname = `signup-plus.smoke.${report.environment.name}`;
  const count = (outcome: StepReport['outcome']) => report.steps.filter((s) => s.outcome === outcome).length;
  const suiteAttrs = [
    `name="signup-plus-smoke"`,
    `tests="${report.steps.length}"`,
    `failures="${count('failed')}"`,
    `errors="${count('unreachable')}"`,
    `skipped="${count('skipped')}"`,
    `time="${seconds(report.durationMs)}"`,
    `timestamp="${xmlEscape(report.startedAt.replace(/\.\d+Z$/, ''))}"`,
  ].join(' ');
  const properties = [
    ['environment', report.environment.name],
    ['auth_url', report.environment.authUrl],
    ['api_url', report.environment.apiUrl],
    ['grant', report.grant ?? 'none'],
    ['exit_code', String(report.result.exitCode)],
    ['outcome', report.result.outcome],
    ['drift_errors', String(report.drift.errors)],
    ['drift_warnings', String(report.drift.warnings)],
    ['assumptions_refuted', String(report.assumptions?.refuted ?? 0)],
    ['assumptions_confirmed', String(report.assumptions?.confirmed ?? 0)],
    ['assumptions_not_exercised', String(report.assumptions?.notExercised ?? 0)],
  ]
    .map(([name, value]) => `      <property name="${xmlEscape(name ?? '')}" value="${xmlEscape(value ?? '')}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="signup-plus-smoke" tests="${report.steps.length + (report.assumptions?.verdicts.length ?? 0)}" failures="${count('failed')}" errors="${count('unreachable')}" time="${seconds(report.durationMs)}">`,
    `  <testsuite ${suiteAttrs}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...report.steps.map((step) => testCase(step, classname)),
    `    <system-out>${xmlEscape(`${report.result.outcome} (exit ${report.result.exitCode}): ${report.result.reason}`)}</system-out>`,
    '  </testsuite>',
    ...assumptionSuite(report),
    '</testsuites>',
    '',
  ].join('\n');
}
