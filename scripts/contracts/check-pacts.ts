// What `contracts` and `verify` share once the pacts exist: the spec check, the provider-state check and the
// verification against the mock, each as a reported step, then the operation × status matrix. `contracts` feeds
// it the project's own pacts (coverage required), `verify` a team's pacts (coverage reported).
import { performance } from 'node:perf_hooks';
import { PROVIDER_STATES, PROVIDER_STATES_PATH } from '../../mocks/provider-states.ts';
import type { JsonObject } from '../lib/spec-document.ts';
import { buildMatrix, renderMatrixText, type Matrix } from './matrix.ts';
import { stateNames, type PactFile, type PactInteraction } from './pact-files.ts';
import { describeSpecCheck, runSpecCheck, type SpecCheckResult } from './spec-check.ts';
import { specOperations } from './spec-operations.ts';
import { describeVerification, verifyPactFiles, type BrokerAuth, type VerificationResult } from './verify.ts';

export interface RunningProvider {
  url: string;
  close(): Promise<void>;
}

export interface StepReport {
  name: string;
  ok: boolean;
  ms: number;
  summary: string;
  details: string[];
}

export type StepRunner = (name: string, fn: () => Promise<Omit<StepReport, 'name' | 'ms'>>) => Promise<StepReport>;

/** Runs a step, logs `<prefix>: ok|FAIL <name>: <summary> (<s>)` and its details, and keeps its report. */
export function stepRunner(prefix: string, log: (line: string) => void, reports: StepReport[]): StepRunner {
  return async (name, fn) => {
    const t0 = performance.now();
    let report: StepReport;
    try {
      report = { name, ms: 0, ...(await fn()) };
    } catch (error) {
      report = { name, ms: 0, ok: false, summary: `crashed: ${(error as Error).message}`, details: [(error as Error).stack ?? String(error)] };
    }
    report.ms = performance.now() - t0;
    reports.push(report);
    log(`${prefix}: ${report.ok ? 'ok  ' : 'FAIL'} ${name}: ${report.summary} (${seconds(report.ms)})`);
    for (const line of report.details.flatMap((d) => d.split('\n'))) log(`  ${line}`);
    return report;
  };
}

export interface CheckPactsOptions {
  pacts: readonly PactFile[];
  spec: JsonObject;
  /** How the spec is named in summaries. */
  specLabel: string;
  runSpec: boolean;
  runVerify: boolean;
  /** The mock (or another provider), started by the caller so that it can load while other work runs. */
  provider: () => Promise<RunningProvider>;
  coverage: 'required' | 'report';
  step: StepRunner;
  verbose?: boolean;
  /** Credentials for pacts given as Pact Broker URLs (`verify --broker-url`). */
  broker?: BrokerAuth;
  requestInvalidOnPurpose?: (interaction: PactInteraction) => boolean;
  log: (line: string) => void;
}

export interface CheckPactsResult {
  specCheck?: SpecCheckResult;
  verification?: VerificationResult;
  matrix: Matrix;
}

const KNOWN_STATES: readonly string[] = PROVIDER_STATES.map((row) => row.state);

/** An interaction's states the mock does not know, each with the message that lists the known ones. */
export function unknownStates(interaction: PactInteraction): string[] {
  return stateNames(interaction)
    .filter((state) => !KNOWN_STATES.includes(state))
    .map((state) => `unknown provider state "${state}"; the mock knows: ${KNOWN_STATES.map((s) => `"${s}"`).join(', ')}`);
}

export async function checkPacts(options: CheckPactsOptions): Promise<CheckPactsResult> {
  const { pacts, step } = options;
  let specCheck: SpecCheckResult | undefined;
  let verification: VerificationResult | undefined;

  if (options.runSpec) {
    await step('spec check', async () => {
      specCheck = await runSpecCheck({
        pacts,
        spec: options.spec,
        ...(options.requestInvalidOnPurpose ? { requestInvalidOnPurpose: options.requestInvalidOnPurpose } : {}),
      });
      const count = specCheck.interactions.length;
      const failed = specCheck.interactions.filter((i) => !i.ok).length;
      const warnings = specCheck.interactions.flatMap((i) => i.findings).filter((f) => f.severity === 'warning').length;
      return {
        ok: specCheck.ok && count > 0,
        summary: count === 0 ? 'no interaction to check' : `${count - failed}/${count} interactions match ${options.specLabel}${warnings ? ` (${warnings} warnings)` : ''}`,
        details: describeSpecCheck(specCheck, { warnings: options.verbose ?? false }),
      };
    });
  }

  if (options.runVerify) {
    await step('verification', async () => {
      if (pacts.length === 0) return { ok: false, summary: 'no pact to verify', details: [] };
      const provider = await options.provider();
      verification = await verifyPactFiles({
        providerBaseUrl: provider.url,
        providerStatesSetupUrl: `${provider.url}${PROVIDER_STATES_PATH}`,
        pacts: pacts.map(({ pact, path }) => ({ provider: pact.provider.name, path })),
        ...(options.broker ? { broker: options.broker } : {}),
      });
      markUnknownStates(verification, pacts);
      const all = verification.providers.flatMap((p) => p.interactions);
      const details = describeVerification(verification);
      if (options.verbose) details.push(...verification.providers.flatMap((p) => p.output.split('\n')).filter((l) => l.trim()));
      const perProvider = new Map<string, number>();
      for (const p of verification.providers) perProvider.set(p.provider, (perProvider.get(p.provider) ?? 0) + p.interactions.length);
      return {
        ok: verification.ok,
        summary: `${all.filter((i) => i.ok).length}/${all.length} interactions honoured by the mock (${[...perProvider].map(([name, n]) => `${name} ${n}`).join(', ')})`,
        details,
      };
    });
  }

  const matrix = buildMatrix({
    operations: specOperations(options.spec),
    pacts: [...pacts],
    coverage: options.coverage,
    ...(specCheck ? { specCheck } : {}),
    ...(verification ? { verification } : {}),
  });
  options.log('');
  options.log(renderMatrixText(matrix));
  options.log('');
  return { matrix, ...(specCheck ? { specCheck } : {}), ...(verification ? { verification } : {}) };
}

/**
 * The verifier reports a failed state set-up in its own words; an interaction whose state the mock does not
 * know fails with the list of the states it does know, which is what the consumer needs to fix its pact.
 */
function markUnknownStates(verification: VerificationResult, pacts: readonly PactFile[]): void {
  for (const { path, pact } of pacts) {
    const provider = verification.providers.find((p) => p.path === path);
    if (!provider) continue;
    for (const interaction of pact.interactions) {
      const problems = unknownStates(interaction);
      if (problems.length === 0) continue;
      let verified = provider.interactions.find((i) => i.description === interaction.description);
      if (!verified) {
        verified = { description: interaction.description, ok: false, mismatches: [] };
        provider.interactions.push(verified);
      }
      verified.ok = false;
      verified.mismatches.unshift(...problems);
      provider.ok = false;
      verification.ok = false;
    }
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
