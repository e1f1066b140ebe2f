// The smoke run's verdict (scripts/smoke/verdict.ts): exit 3 when TrueLayer was unreachable, whatever else
// happened; 1 on a failed step or any drift error; 0 otherwise, drift warnings included. The reason names why.
import { describe, expect, it } from 'vitest';
import type { DriftIssue, StepReport } from '../../scripts/smoke/report-model.ts';
import { decide } from '../../scripts/smoke/verdict.ts';

const warning: DriftIssue = { step: 'accounts', pointer: '/middle_name', severity: 'warning', keyword: 'additionalProperties', message: 'is not in the spec (extra field)' };
const step = (name: string, outcome: StepReport['outcome'], extra: Partial<StepReport> = {}): StepReport => ({
  name,
  request: { method: 'GET', url: 'https://api.example.test/signup-plus/accounts' },
  outcome,
  durationMs: 1,
  summary: `${name} ${outcome}`,
  drift: [],
  ...extra,
});

describe('decide', () => {
  it.each([
    ['every step passed', [step('token', 'passed'), step('accounts', 'passed')], 0, { exitCode: 0, outcome: 'passed', reason: 'all 2 steps passed' }],
    ['one drift warning', [step('token', 'passed'), step('accounts', 'passed', { drift: [warning] })], 0, { exitCode: 0, outcome: 'passed', reason: 'all 2 steps passed (1 drift warning)' }],
    ['two drift warnings', [step('accounts', 'passed', { drift: [warning, warning] })], 0, { exitCode: 0, outcome: 'passed', reason: 'all 1 steps passed (2 drift warnings)' }],
    ['a warning explained by an assumption verdict, not counted again', [step('accounts', 'passed', { drift: [warning, { ...warning, explainedBy: 'some-assumption' }] })], 0, { exitCode: 0, outcome: 'passed', reason: 'all 1 steps passed (1 drift warning)' }],
    ['a failed step', [step('token', 'failed'), step('accounts', 'skipped')], 0, { exitCode: 1, outcome: 'failed', reason: 'an API error; failed step: token' }],
    ['two failed steps', [step('a', 'failed'), step('b', 'failed')], 0, { exitCode: 1, outcome: 'failed', reason: 'an API error; failed steps: a, b' }],
    ['one drift error, no failed step', [step('accounts', 'passed')], 1, { exitCode: 1, outcome: 'failed', reason: '1 drift error; failed steps: ' }],
    ['drift errors and a failed step', [step('accounts', 'failed')], 3, { exitCode: 1, outcome: 'failed', reason: '3 drift errors; failed step: accounts' }],
    [
      'an unreachable step, even after a failed one',
      [step('token', 'failed'), step('accounts', 'unreachable', { summary: 'network error (reset)' })],
      2,
      { exitCode: 3, outcome: 'unreachable', reason: 'TrueLayer unreachable at step "accounts": network error (reset)' },
    ],
  ])('%s', (_what, steps, driftErrors, result) => {
    expect(decide(steps as StepReport[], driftErrors as number)).toEqual(result);
  });
});
