// The verdict rules on their own, with hand-made answers: a refutation names only the answers that refuted it
// and explains drift only on their steps, and only a success answer the run could use turns into a pass.
import { describe, expect, it } from 'vitest';
import type { AssumptionObserver } from '../../scripts/smoke/assumption-observers.ts';
import { applyVerdicts, judgeAssumptions, type LedgerEntry } from '../../scripts/smoke/assumption-verdicts.ts';
import type { RecordedExchange } from '../../scripts/smoke/exchange-recorder.ts';
import type { StepReport } from '../../scripts/smoke/report-model.ts';

const LEDGER: LedgerEntry[] = [
  { id: 'trace-header', assumes: 'A trace header is sent.', source: 'none found', status: 'unconfirmed', fact: 'GET /x · 200 · header T', specPath: 'components.headers.T' },
  { id: 'never-observed', assumes: 'Something.', source: 'none found', status: 'invention', fact: 'GET /x', specPath: 'paths./x.get' },
];

const OBSERVERS: AssumptionObserver[] = [
  {
    id: 'trace-header',
    needs: 'answer',
    on: () => true,
    check: (x) => ({ holds: 't' in x.headers, evidence: `${x.step}: ${'t' in x.headers ? 'present' : 'missing'}` }),
    explains: [{ pointer: '/headers/t', keyword: 'required' }],
    whenRefuted: 'make T optional',
  },
];

const answer = (step: string, headers: Record<string, string>, status = 200): RecordedExchange => ({ step, method: 'GET', path: '/x', queryNames: [], status, headers, json: {} });

const failedOnHeader = (name: string, status: number): StepReport => ({
  name,
  request: { method: 'GET', url: 'http://127.0.0.1/x' },
  outcome: 'failed',
  status,
  durationMs: 1,
  summary: 'answer does not match the spec (1 drift error)',
  error: { errorCode: 'TL_RESPONSE_INVALID', message: 'invalid' },
  drift: [{ step: name, pointer: '/headers/t', severity: 'error', keyword: 'required', message: 'missing' }],
});

describe('assumption verdicts', () => {
  const verdicts = judgeAssumptions(LEDGER, OBSERVERS, [answer('first', { t: '1' }), answer('second', {})]);

  it('refutes on one disagreeing answer, with only that answer as evidence, and lists refuted ones first', () => {
    expect(verdicts.map((v) => [v.id, v.verdict])).toEqual([
      ['trace-header', 'refuted'],
      ['never-observed', 'not exercised'],
    ]);
    expect(verdicts[0]).toMatchObject({ evidence: ['second: missing'], steps: ['second'], change: 'make T optional' });
  });

  it('confirms when every answer that bears on it agrees', () => {
    const confirmed = judgeAssumptions(LEDGER, OBSERVERS, [answer('first', { t: '1' })]);
    expect(confirmed[0]).toMatchObject({ id: 'trace-header', verdict: 'confirmed', evidence: ['first: present'], steps: ['first'] });
    expect(confirmed[0]?.change).toBeUndefined();
  });

  it('explains drift only on the steps whose answers refuted the assumption', () => {
    const [first, second] = applyVerdicts([failedOnHeader('first', 200), failedOnHeader('second', 200)], verdicts, OBSERVERS);
    expect(first).toMatchObject({ outcome: 'failed', drift: [{ pointer: '/headers/t' }] });
    expect(first?.drift[0]?.explainedBy).toBeUndefined();
    expect(second).toMatchObject({ outcome: 'passed', drift: [{ pointer: '/headers/t', explainedBy: 'trace-header' }] });
    expect(second?.error).toBeUndefined();
  });

  it.each([
    ['an error answer (5xx)', failedOnHeader('second', 500), {}],
    ['an answer later steps needed but could not use', failedOnHeader('second', 200), { mayPass: false }],
    ['an API error', { ...failedOnHeader('second', 200), error: { errorCode: 'TL_PROBLEM', message: 'problem' } }, {}],
  ])('keeps %s failed even when a refuted assumption explains its drift', (_what, step, options) => {
    const [judged] = applyVerdicts([step], verdicts, OBSERVERS, options);
    expect(judged).toMatchObject({ outcome: 'failed', drift: [{ explainedBy: 'trace-header' }] });
  });
});
