// Step 3: provider verification. Each provider's pact is replayed against a running provider (the project's
// mock), with provider states set up through its state-setup URL, and the verifier's report is read back per
// interaction for the matrix.
import { redactText } from '../../src/redact.ts';
import { runVerifierProcess, type BrokerAuth, type WorkerProviderResult, type WorkerRequest } from './verify-worker.ts';

export type { BrokerAuth } from './verify-worker.ts';

/** Pact's own variables that would make the verifier filter interactions or pull pacts from a broker. */
const PACT_ENV = /^PACT_(DESCRIPTION|PROVIDER_STATE|PROVIDER_NO_STATE|BROKER_.*)$/;

export interface InteractionVerification {
  description: string;
  ok: boolean;
  /** Readable mismatch lines from the verifier (status, header, body). */
  mismatches: string[];
}

export interface ProviderVerification {
  provider: string;
  /** The pact verified (file path or broker URL); the matrix matches interactions by it. */
  path?: string;
  ok: boolean;
  interactions: InteractionVerification[];
  /** Errors that name no interaction (provider unreachable, state setup failed...). */
  errors: string[];
  /** The verifier's human-readable report. */
  output: string;
}

export interface VerificationResult {
  ok: boolean;
  providers: ProviderVerification[];
}

export interface VerifyOptions {
  providerBaseUrl: string;
  providerStatesSetupUrl: string;
  pacts: Array<{ provider: string; path: string }>;
  /** Credentials for pacts given as Pact Broker URLs. */
  broker?: BrokerAuth;
}

export async function verifyPactFiles(options: VerifyOptions): Promise<VerificationResult> {
  const raw = await runWorker({ ...options });
  const secrets = [options.broker?.token, options.broker?.password];
  const providers = raw.map((entry) => toProviderVerification(entry, secrets));
  return { ok: providers.length > 0 && providers.every((p) => p.ok), providers };
}

function runWorker(request: WorkerRequest): Promise<WorkerProviderResult[]> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !PACT_ENV.test(key)));
  return runVerifierProcess(request, env);
}

interface VerifierReport {
  result?: boolean;
  output?: string[];
  errors?: Array<{ interaction?: string; mismatch?: { type?: string; message?: string; mismatches?: Array<Record<string, unknown>> } }>;
  interactionResults?: Array<{ description?: string; result?: string }>;
}

function toProviderVerification(raw: WorkerProviderResult, secrets: Array<string | undefined>): ProviderVerification {
  const report = (raw.report ?? {}) as VerifierReport;
  const errors: string[] = raw.error ? [raw.error] : [];
  const interactions = (report.interactionResults ?? []).map(
    (entry): InteractionVerification => ({ description: entry.description ?? '', ok: entry.result === 'OK', mismatches: [] }),
  );
  for (const error of report.errors ?? []) {
    // The verifier names the interaction as "Verifying a pact between C and P [Given S] - <description>".
    const target = interactions.find((i) => error.interaction?.endsWith(` - ${i.description}`));
    const lines = describeMismatch(error.mismatch);
    if (target) {
      target.ok = false;
      target.mismatches.push(...lines);
    } else errors.push(...lines.map((line) => (error.interaction ? `${error.interaction}: ${line}` : line)));
  }
  const ok = raw.ok && errors.length === 0 && interactions.length > 0 && interactions.every((i) => i.ok);
  const output = report.output?.length ? report.output.join('\n') : raw.output;
  return { provider: raw.provider, path: raw.path, ok, interactions, errors: errors.map((e) => redactText(e, secrets)), output: redactText(stripAnsi(output), secrets) };
}

type ReportMismatch = NonNullable<NonNullable<VerifierReport['errors']>[number]['mismatch']>;

function describeMismatch(mismatch: ReportMismatch | undefined): string[] {
  if (!mismatch) return ['the verifier reported an error without details'];
  if (!mismatch.mismatches?.length) return [String(mismatch.message ?? mismatch.type ?? 'unknown error')];
  return mismatch.mismatches.map((m) => {
    // A mismatch can quote what the provider sent: tokens the mock minted for the provider state included.
    const text = redactText(String(m.mismatch ?? m.description ?? JSON.stringify(m)));
    if (m.type === 'StatusMismatch') return `status: ${text}`;
    if (m.type === 'HeaderMismatch') return `header ${String(m.key ?? '')}: ${text}`;
    if (m.type === 'BodyMismatch') return `body ${String(m.path ?? '$')}: ${text}`;
    return text;
  });
}

export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

export function describeVerification(result: VerificationResult): string[] {
  const lines: string[] = [];
  for (const provider of result.providers) {
    for (const error of provider.errors) lines.push(`ERROR ${provider.provider}: ${error}`);
    for (const interaction of provider.interactions.filter((i) => !i.ok)) {
      lines.push(`ERROR ${provider.provider}: "${interaction.description}" failed against the provider:`);
      for (const mismatch of interaction.mismatches) lines.push(`    ${mismatch}`);
    }
  }
  return lines;
}
