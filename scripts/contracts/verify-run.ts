// `verify` as a function: a team's pacts (files, folders, or a Pact Broker) for TrueLayer's two providers are
// checked against the spec and replayed against the mock with provider states, through the same steps and matrix
// as `contracts` (scripts/contracts/check-pacts.ts). Returns the exit code: 0 all passed, 1 a failure, 2 nothing
// could be verified (no or unusable pacts, an unreachable or refusing broker).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startMock } from '../../mocks/index.ts';
import { SPEC_PATH, SPEC_RELATIVE_PATH } from '../lib/project-paths.ts';
import { loadSpec } from '../lib/spec-document.ts';
import { BrokerError, fetchPactsForVerification, type BrokerSource } from './broker.ts';
import { checkPacts, seconds, stepRunner, type RunningProvider, type StepReport } from './check-pacts.ts';
import { renderMatrixMarkdown, type Matrix } from './matrix.ts';
import type { PactFile, PactInteraction } from './pact-files.ts';
import { PROVIDERS, type ProviderName } from './pact-names.ts';
import { MisconfiguredPact, selectPacts, type SkippedPact } from './pact-sources.ts';

export interface VerifyRunOptions {
  /** Pact files and folders (relative to `cwd`); or */
  sources?: readonly string[];
  /** a Pact Broker to fetch them from (`providers` and `consumer` come from the options below). */
  broker?: Omit<BrokerSource, 'providers' | 'consumer'>;
  providers?: readonly ProviderName[];
  consumer?: string;
  /** The mock answers 400 invalid_client to other client credentials (for pacts that expect that answer). */
  clientId?: string;
  clientSecret?: string;
  /** Also write matrix.md and matrix.json here. */
  reportDir?: string;
  verbose?: boolean;
  cwd?: string;
  log?: (line: string) => void;
  /** How problems that stop the run are told (stderr by default). */
  error?: (line: string) => void;
}

export interface VerifyRunResult {
  exitCode: 0 | 1 | 2;
  steps: StepReport[];
  matrix?: Matrix;
  pacts: PactFile[];
  skipped: SkippedPact[];
  /** `provider: "description"` of each interaction that failed a step. */
  failedInteractions: string[];
  ms: number;
}

export async function runVerify(options: VerifyRunOptions): Promise<VerifyRunResult> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  const providers = options.providers?.length ? options.providers : Object.values(PROVIDERS);
  const reports: StepReport[] = [];
  const result = (exitCode: 0 | 1 | 2, rest: Partial<VerifyRunResult> = {}): VerifyRunResult => ({
    exitCode,
    steps: reports,
    pacts: [],
    skipped: [],
    failedInteractions: [],
    ...rest,
    ms: performance.now() - started,
  });

  let mock: Promise<RunningProvider> | undefined;
  const provider = (): Promise<RunningProvider> =>
    (mock ??= startMock({
      port: 0,
      host: '127.0.0.1',
      quiet: true,
      providerStates: true,
      ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
      ...(options.clientSecret !== undefined ? { clientSecret: options.clientSecret } : {}),
    }));
  try {
    let pacts: PactFile[];
    let skipped: SkippedPact[] = [];
    try {
      if (options.broker) {
        const fetched = await fetchPactsForVerification({
          ...options.broker,
          providers,
          ...(options.consumer !== undefined ? { consumer: options.consumer } : {}),
        });
        if (options.verbose) for (const notice of fetched.notices) log(`verify: ${notice}`);
        pacts = fetched.pacts;
        if (pacts.length === 0) {
          throw new MisconfiguredPact(
            `the Pact Broker at ${options.broker.url} has no pact for ${providers.join(' or ')}${options.consumer !== undefined ? ` from consumer "${options.consumer}"` : ''} matching the selectors ${JSON.stringify(options.broker.selectors)}.`,
          );
        }
      } else {
        const selection = await selectPacts(options.sources ?? [], { providers, ...(options.consumer !== undefined ? { consumer: options.consumer } : {}) }, options.cwd);
        pacts = selection.pacts;
        skipped = selection.skipped;
      }
    } catch (problem) {
      if (problem instanceof MisconfiguredPact || problem instanceof BrokerError) {
        error(`signup-plus-harness verify: ${problem.message}`);
        return result(2);
      }
      throw problem;
    }

    // Prism takes about a second to load the spec: the mock starts now and loads while the spec check runs.
    void provider().catch(() => undefined);
    for (const skip of skipped) log(`verify: skipped ${skip.file}: ${skip.reason}`);
    const consumers = [...new Set(pacts.map((p) => p.pact.consumer.name))];
    log(`verify: ${pacts.length} pact${pacts.length === 1 ? '' : 's'} from ${consumers.map((c) => `"${c}"`).join(', ')}: ${pacts.map((p) => p.file).join(', ')}`);

    const { matrix, specCheck, verification } = await checkPacts({
      pacts,
      spec: await loadSpec(SPEC_PATH),
      specLabel: SPEC_RELATIVE_PATH,
      runSpec: true,
      runVerify: true,
      provider,
      coverage: 'report',
      step: stepRunner('verify', log, reports),
      verbose: options.verbose ?? false,
      // A team's pact answered 400 may send a malformed request on purpose (an account_id that is not one).
      requestInvalidOnPurpose: (interaction) => interaction.response.status === 400,
      ...(options.broker ? { broker: options.broker.auth } : {}),
      log,
    });

    const failedInteractions: string[] = [];
    const failedOnClient: string[] = [];
    for (const { path, pact } of pacts) {
      pact.interactions.forEach((interaction, index) => {
        const spec = specCheck?.interactions.find((i) => i.file === pacts.find((p) => p.path === path)?.file && i.index === index);
        const verified = verification?.providers.find((p) => p.path === path)?.interactions.find((i) => i.description === interaction.description);
        if (spec?.ok === false || verified?.ok !== true) failedInteractions.push(`${pact.provider.name}: "${interaction.description}"`);
        if (verified?.ok === false && expectsInvalidClient(interaction)) failedOnClient.push(`"${interaction.description}"`);
      });
    }
    const hint = invalidClientHint(failedOnClient, options);
    if (hint) log(hint);
    if (options.reportDir !== undefined) {
      await mkdir(options.reportDir, { recursive: true });
      await writeFile(join(options.reportDir, 'matrix.md'), renderMatrixMarkdown(matrix));
      await writeFile(join(options.reportDir, 'matrix.json'), `${JSON.stringify({ ...matrix, steps: reports }, null, 2)}\n`);
    }
    const ok = reports.every((r) => r.ok) && matrix.ok && failedInteractions.length === 0;
    const interactions = pacts.reduce((n, p) => n + p.pact.interactions.length, 0);
    const covered = matrix.rows.filter((r) => r.pact === 'covered' && r.documented).length;
    const ms = performance.now() - started;
    log(
      `verify: ${ok ? 'ok' : 'FAILED'}: ${interactions} interaction${interactions === 1 ? '' : 's'} in ${pacts.length} pact${pacts.length === 1 ? '' : 's'}; ` +
        `${covered} of ${matrix.rows.filter((r) => r.documented).length} operation statuses exercised` +
        `${ok ? '' : `; failed: ${failedInteractions.join(', ')}`} (${seconds(ms)})`,
    );
    return result(ok ? 0 : 1, { matrix, pacts, skipped, failedInteractions });
  } finally {
    if (mock) await mock.then((m) => m.close(), () => undefined);
  }
}

/** The interaction's answer is the OAuth error for an unknown client (any status, as a team's pact may say 401). */
export function expectsInvalidClient(interaction: PactInteraction): boolean {
  const body = interaction.response.body as { error?: unknown; content?: { error?: unknown } } | null | undefined;
  // Pact V4 keeps a JSON body under `content`.
  return body?.error === 'invalid_client' || body?.content?.error === 'invalid_client';
}

/**
 * What to say when interactions expecting invalid_client failed (`failed`: their descriptions, quoted): the mock
 * refuses only a client id, or a secret, it was given. Nothing when both were given or none failed.
 */
export function invalidClientHint(failed: string[], given: { clientId?: string | undefined; clientSecret?: string | undefined }): string | undefined {
  if (failed.length === 0 || (given.clientId !== undefined && given.clientSecret !== undefined)) return undefined;
  const accepts = given.clientId === undefined ? 'without --client-id the mock accepts any client' : 'without --client-secret the mock accepts any secret';
  return (
    `verify: ${failed.join(', ')} expect${failed.length === 1 ? 's' : ''} invalid_client, but ${accepts}: pass the client your pacts send as ` +
    'the right one, --client-id <id> --client-secret <secret> (clientId and clientSecret for verifyPacts()), the fake values in your pacts, never real credentials.'
  );
}
