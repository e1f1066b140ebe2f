// Judges the spec's assumptions against the answers a smoke run received: each ledger entry becomes confirmed,
// refuted or not exercised, and drift that a refuted assumption explains stops counting against the run (the
// spec guessed, the live answer settled it: a change to make in the spec, not a broken integration).
import type { AssumptionObserver, Judgement } from './assumption-observers.ts';
import type { RecordedExchange } from './exchange-recorder.ts';
import type { AssumptionVerdict, DriftIssue, StepReport } from './report-model.ts';

export interface LedgerEntry {
  id: string;
  assumes: string;
  source: string;
  status: string;
  fact: string;
  specPath: string;
}

/** At most this many pieces of evidence per verdict (a run with ten linked accounts says the same thing ten times). */
const MAX_EVIDENCE = 4;

function unique(items: string[]): string[] {
  return [...new Set(items)].slice(0, MAX_EVIDENCE);
}

export function judgeAssumptions(
  ledger: readonly LedgerEntry[],
  observers: readonly AssumptionObserver[],
  exchanges: readonly RecordedExchange[],
): AssumptionVerdict[] {
  const byId = new Map(observers.map((observer) => [observer.id, observer]));
  const verdicts = ledger.map((entry): AssumptionVerdict => {
    const base = { id: entry.id, fact: entry.fact, assumes: entry.assumes, status: entry.status, specPath: entry.specPath };
    const observer = byId.get(entry.id);
    if (!observer) return { ...base, verdict: 'not exercised', evidence: ['the smoke run has no check for it'], steps: [] };
    const judged = exchanges
      .filter((exchange) => observer.on(exchange))
      .map((exchange) => ({ exchange, judgement: observer.check(exchange) }))
      .filter((j): j is { exchange: RecordedExchange; judgement: Judgement } => j.judgement !== undefined);
    const refuting = judged.filter((j) => !j.judgement.holds);
    const chosen = refuting.length > 0 ? refuting : judged;
    if (chosen.length === 0) return { ...base, verdict: 'not exercised', evidence: [`no ${observer.needs} came back in this run`], steps: [] };
    return {
      ...base,
      verdict: refuting.length > 0 ? 'refuted' : 'confirmed',
      evidence: unique(chosen.map((j) => j.judgement.evidence)),
      steps: [...new Set(chosen.map((j) => j.exchange.step))],
      ...(refuting.length > 0 ? { change: observer.whenRefuted } : {}),
    };
  });
  // Refuted first (what to act on), then confirmed, then not exercised; ledger order within each.
  const rank = { refuted: 0, confirmed: 1, 'not exercised': 2 } as const;
  return verdicts.map((v, i) => [v, i] as const).sort(([a, i], [b, j]) => rank[a.verdict] - rank[b.verdict] || i - j).map(([v]) => v);
}

/**
 * Marks each drift issue that a refuted assumption explains (`explainedBy`), and turns a step that failed only
 * because of such drift into a pass: a success answer (2xx) that differs from the spec exactly where the spec
 * guessed. Error answers (OAuth, problem, 5xx), unexplained drift, and, with `mayPass: false`, an answer later
 * steps needed but the client could not use keep their step failed.
 */
export function applyVerdicts(
  steps: StepReport[],
  verdicts: readonly AssumptionVerdict[],
  observers: readonly AssumptionObserver[],
  { mayPass = true }: { mayPass?: boolean } = {},
): StepReport[] {
  const refuted = verdicts.filter((v) => v.verdict === 'refuted');
  const explainers = refuted.flatMap((verdict) => {
    const observer = observers.find((o) => o.id === verdict.id);
    return (observer?.explains ?? []).map((pattern) => ({ id: verdict.id, steps: new Set(verdict.steps), pattern }));
  });
  const explainerOf = (issue: DriftIssue) =>
    explainers.find(
      ({ steps, pattern }) =>
        steps.has(issue.step) &&
        (typeof pattern.pointer === 'string' ? issue.pointer === pattern.pointer : pattern.pointer.test(issue.pointer)) &&
        (pattern.keyword === undefined || issue.keyword === pattern.keyword),
    );

  return steps.map((step) => {
    if (step.drift.length === 0) return step;
    const drift = step.drift.map((issue) => {
      const explainer = explainerOf(issue);
      return explainer ? { ...issue, explainedBy: explainer.id } : issue;
    });
    const unexplainedErrors = drift.filter((issue) => issue.severity === 'error' && !issue.explainedBy);
    const explainedIds = [...new Set(drift.flatMap((issue) => (issue.explainedBy ? [issue.explainedBy] : [])))];
    const onlyDrift = !step.error || step.error.errorCode === 'TL_RESPONSE_INVALID';
    const success = step.status !== undefined && step.status >= 200 && step.status < 300;
    if (mayPass && success && step.outcome === 'failed' && onlyDrift && unexplainedErrors.length === 0 && explainedIds.length > 0) {
      const { error: _dropped, ...rest } = step;
      return { ...rest, drift, outcome: 'passed', summary: `differs from the spec only where an assumption is refuted (${explainedIds.join(', ')})` };
    }
    return { ...step, drift };
  });
}
