// `verifyPacts`: the `signup-plus-harness verify` run from a team's own test runner, so that a consumer test can
// check the pacts it has just written against the spec and the mock. Loaded on demand: it brings the mock, Pact's
// verifier and the comparator, which the rest of this module does not need.
import type { ProviderName } from '../scripts/contracts/pact-names.ts';

export interface VerifyPactsOptions {
  /** Only these providers' pacts (default both). */
  providers?: readonly ProviderName[] | undefined;
  consumer?: string | undefined;
  /** The mock answers 400 invalid_client to other client credentials (for a pact that expects invalid_client). */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Each line of the report as it comes (default: kept in `output` only). */
  log?: ((line: string) => void) | undefined;
  /** Resolves relative pact paths; default the current directory. */
  cwd?: string | undefined;
}

export interface VerifyPactsResult {
  /** Every interaction passed the spec check and the verification. */
  ok: boolean;
  /** What the CLI would exit with: 0 passed, 1 failed, 2 nothing to verify (no pact, unreadable, wrong provider). */
  exitCode: 0 | 1 | 2;
  /** `provider: "description"` of each interaction that failed. */
  failedInteractions: string[];
  /** The report: steps, failures, the operation × status matrix, the summary. */
  output: string[];
}

export async function verifyPacts(sources: readonly string[], options: VerifyPactsOptions = {}): Promise<VerifyPactsResult> {
  const { requirePeers } = await import('../scripts/lib/optional-peers.ts');
  requirePeers('verifyPacts', ['@pact-foundation/pact-core', '@pactflow/openapi-pact-comparator']);
  const { runVerify } = await import('../scripts/contracts/verify-run.ts');
  const output: string[] = [];
  const log = (line: string): void => {
    output.push(line);
    options.log?.(line);
  };
  const result = await runVerify({
    sources,
    log,
    error: log,
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.consumer !== undefined ? { consumer: options.consumer } : {}),
    ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
    ...(options.clientSecret !== undefined ? { clientSecret: options.clientSecret } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
  return { ok: result.exitCode === 0, exitCode: result.exitCode, failedInteractions: result.failedInteractions, output };
}
