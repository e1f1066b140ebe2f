// `contracts` (`npm run contracts`): consumer pact tests → spec check → verification against the mock, then the
// coverage matrix. Exit 0 only when every step passes and every required spec status is covered.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, UsageError, type Command } from '../lib/command.ts';
import { ROOT_DIR } from '../lib/project-paths.ts';
import { STEP_NAMES, type StepName } from '../contracts/step-names.ts';

const help = `Usage: signup-plus-harness contracts [options]      (npm run contracts -- [options])

Checks the client, the spec and the mock against each other:
  1. consumer tests   tests/contracts/consumer/*.pact.test.ts drive the real client against Pact's mock server
                      and write the pacts; they must equal the committed contracts/*.json byte for byte and
                      hold no secret-looking value
  2. spec check       every interaction against specs/signup-plus.openapi.yaml (openapi-pact-comparator)
  3. verification     every interaction replayed against the project's mock (Pact verifier, provider states
                      through POST /_harness/provider-states)
Then prints the matrix of operation x documented status and writes it to reports/contracts/matrix.{md,json}.

Options:
  --update              write the freshly generated pacts to contracts/ instead of failing when they differ
  --steps <list>        comma-separated subset of ${STEP_NAMES.join(',')} (default: all); without consumer, the
                        committed pacts are checked
  --report-dir <dir>    where to write matrix.md and matrix.json (default reports/contracts)
  --no-report           do not write the matrix files
  --verbose             vitest's full report, comparator warnings and the verifier's own output
  -h, --help            this text

Exit codes: 0 all steps passed and every required status is covered, 1 a step or the coverage failed,
2 bad option.`;

export function parseContractsArgs(argv: string[], cwd = process.cwd()) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      update: { type: 'boolean', default: false },
      steps: { type: 'string' },
      'report-dir': { type: 'string' },
      'no-report': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  let steps: StepName[] | undefined;
  if (values.steps !== undefined) {
    const names = values.steps.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(STEP_NAMES as readonly string[]).includes(n));
    if (unknown.length || names.length === 0) {
      throw new UsageError(`--steps takes a comma-separated subset of ${STEP_NAMES.join(',')}; got "${values.steps}".`);
    }
    steps = names as StepName[];
  }
  if (values.update && steps && !steps.includes('consumer')) throw new UsageError('--update needs the consumer step, which generates the pacts.');
  if (values['no-report'] && values['report-dir'] !== undefined) throw new UsageError('--no-report and --report-dir exclude each other.');
  return {
    update: values.update,
    verbose: values.verbose,
    ...(steps ? { steps } : {}),
    reportDir: values['no-report'] ? (false as const) : values['report-dir'] !== undefined ? resolve(cwd, values['report-dir']) : undefined,
  };
}

export const command: Command = {
  help,
  async run(argv, io) {
    const options = parseContractsArgs(argv, io.cwd);
    // It runs this repository's own consumer tests (tests/contracts/), which an installed package does not ship.
    if (!existsSync(join(ROOT_DIR, 'tests', 'contracts'))) {
      throw new UsageError('contracts checks the harness\'s own pacts and runs only in a clone of signup-plus-harness. From your app, check your pacts with `signup-plus-harness verify <pact files or folders>`.');
    }
    // Loaded only now: the pipeline pulls in Pact's native core, the comparator and the mock (seconds of
    // start-up that `--help` and a bad flag should not pay).
    const { runContractPipeline } = await import('../contracts/pipeline.ts');
    const result = await runContractPipeline({
      update: options.update,
      verbose: options.verbose,
      log: io.out,
      ...(options.steps ? { steps: options.steps } : {}),
      ...(options.reportDir !== undefined ? { reportDir: options.reportDir } : {}),
    });
    return result.ok ? EXIT.ok : EXIT.failed;
  },
};
