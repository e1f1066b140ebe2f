// Runs Pact's verifier in a child process (forked by verify.ts). The verifier core prints its report straight
// to the process's stdout from native code; in a child that output can be kept for the failures and --verbose
// instead of flooding every `npm test`. Talks to the parent over IPC only.
import * as pactCoreModule from '@pact-foundation/pact-core';
import type { LogLevel, VerifierOptions } from '@pact-foundation/pact-core';

interface PactCore {
  verifyPacts(options: VerifierOptions): Promise<string>;
  logLevel(level?: LogLevel): void;
}
// pact-core is CommonJS with `exports.default = pact`; depending on the loader's interop the instance is the
// default export or the default export's `default`.
const pact = [pactCoreModule.default, (pactCoreModule.default as unknown as { default?: unknown }).default].find(
  (candidate): candidate is PactCore => typeof (candidate as Partial<PactCore> | undefined)?.verifyPacts === 'function',
) as PactCore;

export interface BrokerAuth {
  token?: string;
  username?: string;
  password?: string;
}

export interface WorkerRequest {
  providerBaseUrl: string;
  providerStatesSetupUrl: string;
  /** A file path, or the URL of a pact on a Pact Broker (fetched by the verifier itself, with `broker`). */
  pacts: Array<{ provider: string; path: string }>;
  broker?: BrokerAuth;
}

export interface WorkerProviderResult {
  provider: string;
  path: string;
  ok: boolean;
  /** The verifier's JSON report (`pactffi_verifier_json`), or the error it threw. */
  report?: unknown;
  error?: string;
}

async function verifyOne(request: WorkerRequest, entry: { provider: string; path: string }): Promise<WorkerProviderResult> {
  // Uses `verifyPacts` from pact-core, not pact-js's Verifier: the Verifier's proxy re-encodes form-urlencoded
  // bodies as JSON (pact-js #884), so every token interaction would fail against a spec-true provider.
  const options: VerifierOptions = {
    provider: entry.provider,
    providerBaseUrl: request.providerBaseUrl,
    pactUrls: [entry.path],
    providerStatesSetupUrl: request.providerStatesSetupUrl,
    logLevel: 'error',
    timeout: 10_000,
    failIfNoPactsFound: true,
    ...(request.broker?.token ? { pactBrokerToken: request.broker.token } : {}),
    ...(request.broker?.username ? { pactBrokerUsername: request.broker.username, pactBrokerPassword: request.broker.password ?? '' } : {}),
  };
  try {
    const report = await pact.verifyPacts(options);
    return { provider: entry.provider, path: entry.path, ok: true, report: parse(report) };
  } catch (error) {
    const message = (error as Error).message;
    const report = parse(message);
    return report === undefined
      ? { provider: entry.provider, path: entry.path, ok: false, error: message }
      : { provider: entry.provider, path: entry.path, ok: false, report };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

process.once('message', async (request: WorkerRequest) => {
  pact.logLevel('error');
  const results: WorkerProviderResult[] = [];
  for (const entry of request.pacts) results.push(await verifyOne(request, entry));
  process.send?.(results, () => process.exit(0));
});
