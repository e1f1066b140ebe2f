// Runs Pact's verifier in a child process. The verifier core prints its report straight to the process's stdout
// from native code; in a child that output can be kept for the failures and --verbose instead of flooding every
// `npm test`. The child is a few lines of plain JavaScript (`node -e`): loaded through a TypeScript loader it cost
// more CPU (about 0.6 s per start) than the verification itself. Everything else stays here, in the parent.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { VerifierOptions } from '@pact-foundation/pact-core';

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
  /** What the child printed (the verifier's own report). */
  output: string;
}

/**
 * The child: pact-core (CommonJS, `exports.default = pact`) from the path in argv, one `verifyPacts` per options
 * object received, in turn; each answer or error message goes back over IPC, then the child exits.
 */
const CHILD_SOURCE = `
const core = require(process.argv[1]);
const pact = typeof core.verifyPacts === 'function' ? core : core.default;
pact.logLevel('error');
process.once('message', async (runs) => {
  const answers = [];
  for (const options of runs) {
    try {
      answers.push({ ok: true, text: await pact.verifyPacts(options) });
    } catch (error) {
      answers.push({ ok: false, text: String(error && error.message) });
    }
  }
  process.send(answers, () => process.exit(0));
});`;

interface ChildAnswer {
  ok: boolean;
  text: string;
}

function verifierOptions(request: WorkerRequest, entry: { provider: string; path: string }): VerifierOptions {
  // `verifyPacts` from pact-core, not pact-js's Verifier: the Verifier's proxy re-encodes form-urlencoded bodies
  // as JSON (pact-js #884), so every token interaction would fail against a spec-true provider.
  return {
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
}

/** Verifies each pact of the request in one child process started with `env`; one result per pact, in order. */
export function runVerifierProcess(request: WorkerRequest, env: NodeJS.ProcessEnv): Promise<WorkerProviderResult[]> {
  const pactCore = createRequire(import.meta.url).resolve('@pact-foundation/pact-core');
  const child = spawn(process.execPath, ['-e', CHILD_SOURCE, pactCore], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    let answers: ChildAnswer[] | undefined;
    child.once('message', (message) => (answers = message as ChildAnswer[]));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answers) return reject(new Error(`the verifier process exited with code ${code} before reporting:\n${output}`));
      resolve(request.pacts.map((entry, index) => toResult(entry, answers![index], output)));
    });
    child.send(request.pacts.map((entry) => verifierOptions(request, entry)));
  });
}

function toResult(entry: { provider: string; path: string }, answer: ChildAnswer | undefined, output: string): WorkerProviderResult {
  const base = { provider: entry.provider, path: entry.path, output };
  if (!answer) return { ...base, ok: false, error: 'the verifier process gave no answer for this pact' };
  // A failed verification rejects with the JSON report as the message; anything else is an error of its own.
  const report = parse(answer.text);
  if (answer.ok) return { ...base, ok: true, report };
  return report === undefined ? { ...base, ok: false, error: answer.text } : { ...base, ok: false, report };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
