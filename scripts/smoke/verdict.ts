// The smoke run's verdict and exit code from its steps: unreachable (3) beats failed (1) beats passed (0).
// Its own module so that mutation testing covers exactly this logic (stryker.config.mjs).
import { EXIT } from '../lib/command.ts';
import type { RunOutcome, SmokeReport, StepReport } from './report-model.ts';

export function decide(steps: readonly StepReport[], driftErrors: number): SmokeReport['result'] {
  const down = steps.find((s) => s.outcome === 'unreachable');
  if (down) return outcome('unreachable', EXIT.unreachable, `TrueLayer unreachable at step "${down.name}": ${down.summary}`);
  const failed = steps.filter((s) => s.outcome === 'failed');
  if (failed.length > 0 || driftErrors > 0) {
    const what = driftErrors > 0 ? `${driftErrors} drift error${driftErrors === 1 ? '' : 's'}` : 'an API error';
    return outcome('failed', EXIT.failed, `${what}; failed step${failed.length === 1 ? '' : 's'}: ${failed.map((s) => s.name).join(', ')}`);
  }
  // A drift explained by an assumption's verdict (explainedBy) is reported there, not counted again as a warning.
  const warnings = steps.reduce((n, s) => n + s.drift.filter((d) => !d.explainedBy).length, 0);
  return outcome('passed', EXIT.ok, `all ${steps.length} steps passed${warnings ? ` (${warnings} drift warning${warnings === 1 ? '' : 's'})` : ''}`);
}

const outcome = (name: RunOutcome, exitCode: number, reason: string) => ({ outcome: name, exitCode, reason });
