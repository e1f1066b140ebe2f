// `npm run contracts` as a function: consumer tests → (stale and secret checks) → spec check → verification
// against the mock → coverage matrix. Each step reports lines and a verdict; later steps still run after a
// failure so that one run shows everything that is wrong, but the result is a failure.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startMock } from '../../mocks/index.ts';
import { CONTRACTS_DIR, REPORTS_DIR, ROOT_DIR, SPEC_PATH } from '../lib/project-paths.ts';
import { loadSpec } from '../lib/spec-document.ts';
import { runConsumerTests, type ConsumerRunOptions, type ConsumerTestResult } from './consumer-run.ts';
import { checkPacts, seconds, stepRunner, type RunningProvider, type StepReport } from './check-pacts.ts';
import { renderMatrixMarkdown } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { FAKE_CLIENT } from './pact-names.ts';
import { comparePactDirs, describeStale, isStale, readPactFiles, replacePactDir } from './pact-files.ts';
import { scanPactsForSecrets } from './secret-scan.ts';
import type { SpecCheckResult } from './spec-check.ts';
import { STEP_NAMES, type StepName } from './step-names.ts';
import type { VerificationResult } from './verify.ts';

export { STEP_NAMES, type StepName } from './step-names.ts';
export type { RunningProvider, StepReport } from './check-pacts.ts';

export interface PipelineOptions {
  /** Steps to run; default all three. Without `consumer`, the committed pacts are checked. */
  steps?: readonly StepName[];
  /** Write the freshly generated pacts to contracts/ instead of failing when they differ. */
  update?: boolean;
  verbose?: boolean;
  /** Vitest's own report of the consumer tests; default `dot`, `default` with `verbose`. */
  consumerOutput?: 'dot' | 'default' | 'none';
  /** Where the matrix goes (`matrix.md`, `matrix.json`); false for none. Default reports/contracts. */
  reportDir?: string | false;
  /** The project whose consumer tests run; default this one (the breakage demos pass a broken copy). */
  rootDir?: string;
  /** The committed pacts; default contracts/. */
  contractsDir?: string;
  specPath?: string;
  /** The provider to verify against; default the project's mock with provider states on. */
  startProvider?: () => Promise<RunningProvider>;
  /** Runs the consumer tests into `pactDir`; default vitest (the contract checks share one run of the project's). */
  consumerTests?: (options: ConsumerRunOptions) => Promise<ConsumerTestResult>;
  log?: (line: string) => void;
}

export interface PipelineResult {
  ok: boolean;
  steps: StepReport[];
  matrix: Matrix;
  specCheck?: SpecCheckResult;
  verification?: VerificationResult;
  ms: number;
}

export function startProjectMock(): Promise<RunningProvider> {
  return startMock({ port: 0, host: '127.0.0.1', quiet: true, providerStates: true, ...FAKE_CLIENT });
}

export async function runContractPipeline(options: PipelineOptions = {}): Promise<PipelineResult> {
  const started = performance.now();
  const steps = new Set(options.steps ?? STEP_NAMES);
  const contractsDir = options.contractsDir ?? CONTRACTS_DIR;
  const specPath = options.specPath ?? SPEC_PATH;
  const log = options.log ?? ((line: string) => console.log(line));
  const reports: StepReport[] = [];
  const step = stepRunner('contracts', log, reports);

  const freshDir = await mkdtemp(join(tmpdir(), 'signup-plus-pacts-'));
  // The mock takes seconds to load the spec into Prism: start it now, while the consumer tests run.
  const providerStart = steps.has('verify') ? settle((options.startProvider ?? startProjectMock)()) : undefined;
  let pactDir = contractsDir;
  try {
    if (steps.has('consumer')) {
      pactDir = freshDir;
      await step('consumer tests', async () => {
        const result = await (options.consumerTests ?? runConsumerTests)({
          pactDir: freshDir,
          output: options.consumerOutput ?? (options.verbose ? 'default' : 'dot'),
          ...(options.rootDir ? { rootDir: options.rootDir } : {}),
        });
        const files = (await readPactFiles(freshDir)).map((f) => f.file);
        return {
          ok: result.ok,
          summary: `${result.passed} passed, ${result.failed} failed; wrote ${files.join(', ') || 'no pact'}`,
          details: result.failures.map((f) => `failed: ${f}`),
        };
      });

      await step('committed pacts', async () => {
        const secrets = await scanPactsForSecrets(freshDir);
        const secretLines = secrets.map((s) => `${s.file}: ${s.message}`);
        if (options.update) {
          if (secrets.length) return { ok: false, summary: 'not written: a pact holds a secret-looking value', details: secretLines };
          await replacePactDir(freshDir, contractsDir);
          return { ok: true, summary: `wrote the fresh pacts to ${display(contractsDir)}; commit them`, details: [] };
        }
        const stale = await comparePactDirs(freshDir, contractsDir);
        const staleLines = describeStale(stale, `${display(contractsDir)}/`);
        if (isStale(stale)) {
          staleLines.push('The committed pacts are stale: run `npm run contracts -- --update` and commit contracts/.');
        }
        const ok = !isStale(stale) && secrets.length === 0;
        return {
          ok,
          summary: ok ? `${display(contractsDir)} matches the fresh pacts byte for byte; no secret-looking value` : 'stale or unsafe pacts',
          details: [...staleLines, ...secretLines],
        };
      });
    }

    const spec = await loadSpec(specPath);
    const { matrix, specCheck, verification } = await checkPacts({
      pacts: await readPactFiles(pactDir),
      spec,
      specLabel: display(specPath),
      runSpec: steps.has('spec'),
      runVerify: steps.has('verify'),
      provider: async () => {
        const started = await providerStart;
        if (!started?.ok) throw started?.error ?? new Error('the provider was not started');
        return started.value;
      },
      coverage: 'required',
      step,
      verbose: options.verbose ?? false,
      log,
    });
    if (options.reportDir !== false) {
      const reportDir = options.reportDir ?? join(REPORTS_DIR, 'contracts');
      await mkdir(reportDir, { recursive: true });
      await writeFile(join(reportDir, 'matrix.md'), renderMatrixMarkdown(matrix));
      await writeFile(join(reportDir, 'matrix.json'), `${JSON.stringify({ ...matrix, steps: reports }, null, 2)}\n`);
    }
    const ok = reports.every((r) => r.ok) && matrix.ok;
    const ms = performance.now() - started;
    const covered = matrix.rows.filter((r) => r.pact === 'covered').length;
    const excused = matrix.rows.filter((r) => r.pact === 'excused').length;
    const interactions = matrix.rows.reduce((n, r) => n + r.interactions.length, 0);
    log(
      `contracts: ${ok ? 'ok' : 'FAILED'}: ${interactions} interactions; ${covered} of ${matrix.rows.length} operation statuses covered, ${excused} excused` +
        `${ok ? '' : `; failed: ${[...reports.filter((r) => !r.ok).map((r) => r.name), ...(matrix.ok ? [] : ['coverage'])].join(', ')}`} (${seconds(ms)})`,
    );
    return { ok, steps: reports, matrix, ...(specCheck ? { specCheck } : {}), ...(verification ? { verification } : {}), ms };
  } finally {
    await rm(freshDir, { recursive: true, force: true });
    const started = await providerStart;
    if (started?.ok) await started.value.close();
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function display(path: string): string {
  const rel = relative(ROOT_DIR, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
