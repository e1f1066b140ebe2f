// What `npm run contracts` runs, on the project itself: the consumer tests regenerate the committed pacts byte for
// byte, and those pass the spec check, the verification against the mock and the coverage matrix. (The breakage
// demos next to it show that each step fails when what it checks is broken.)
import { describe, expect, it } from 'vitest';
import { runContractPipeline } from '../../../scripts/contracts/pipeline.ts';
import { sharedConsumerRun } from './shared-consumer-run.ts';

describe('the contracts pipeline on the project', () => {
  it('passes every step and the coverage, and writes the matrix report', async () => {
    const lines: string[] = [];

    const result = await runContractPipeline({ consumerTests: sharedConsumerRun, consumerOutput: 'dot', log: (l) => lines.push(l) });

    expect(result.steps.map((s) => [s.name, s.ok, s.summary]), lines.join('\n')).toEqual([
      ['consumer tests', true, '14 passed, 0 failed; wrote signup-plus-harness-truelayer-auth.json, signup-plus-harness-truelayer-signup-plus.json'],
      ['committed pacts', true, 'contracts matches the fresh pacts byte for byte; no secret-looking value'],
      ['spec check', true, '14/14 interactions match specs/signup-plus.openapi.yaml'],
      ['verification', true, '14/14 interactions honoured by the mock (truelayer-auth 6, truelayer-signup-plus 8)'],
    ]);
    expect(result.matrix.ok).toBe(true);
    expect(result.ok).toBe(true);
    expect(lines.at(-1)).toMatch(/^contracts: ok: 14 interactions; 8 of 11 operation statuses covered, 3 excused \(/);
  });
});
