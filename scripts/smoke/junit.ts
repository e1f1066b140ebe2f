// JUnit XML for CI (one <testcase> per smoke step), written by hand: the format is small, and a dependency for
// it would be the only one in the project. Everything text goes through xmlEscape, which also drops the
// characters XML 1.0 cannot carry at all.
import { driftLine } from './report-output.ts';
import type { SmokeReport, StepReport } from './report-model.ts';

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

function driftLines(step: StepReport, severity: 'error' | 'warning'): string[] {
  return step.drift
    .filter((issue) => issue.severity === severity)
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

/** Renders the (already redacted) report as a JUnit document with one test suite. */
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
  ]
    .map(([name, value]) => `      <property name="${xmlEscape(name ?? '')}" value="${xmlEscape(value ?? '')}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="signup-plus-smoke" tests="${report.steps.length}" failures="${count('failed')}" errors="${count('unreachable')}" time="${seconds(report.durationMs)}">`,
    `  <testsuite ${suiteAttrs}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...report.steps.map((step) => testCase(step, classname)),
    `    <system-out>${xmlEscape(`${report.result.outcome} (exit ${report.result.exitCode}): ${report.result.reason}`)}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
