// One run of the project's own consumer tests for the whole contract-checks process: the pipeline test and the
// stale-pact demo both need the pacts those tests generate, and each run costs seconds of CPU (a nested vitest,
// Pact's native mock server). A copy of the project (the breakage demos' rootDir) always gets a run of its own.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConsumerTests, type ConsumerRunOptions, type ConsumerTestResult } from '../../../scripts/contracts/consumer-run.ts';
import { ROOT_DIR } from '../../../scripts/lib/project-paths.ts';

interface Run {
  result: ConsumerTestResult;
  /** The pact files the run wrote, by name. */
  files: Map<string, Buffer>;
}

let shared: Promise<Run> | undefined;

async function runOnce(options: ConsumerRunOptions): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'signup-plus-shared-pacts-'));
  try {
    const result = await runConsumerTests({ ...options, pactDir: dir });
    const files = new Map<string, Buffer>();
    for (const name of await readdir(dir)) files.set(name, await readFile(join(dir, name)));
    return { result, files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `runConsumerTests` for the pipeline's `consumerTests` option: the project's tests run once, later calls get their pacts. */
export async function sharedConsumerRun(options: ConsumerRunOptions): Promise<ConsumerTestResult> {
  if (options.rootDir !== undefined && options.rootDir !== ROOT_DIR) return runConsumerTests(options);
  shared ??= runOnce(options);
  const run = await shared;
  // A failed run is not kept: a retried test runs the consumer tests again.
  if (!run.result.ok) shared = undefined;
  for (const [name, content] of run.files) await writeFile(join(options.pactDir, name), content);
  return structuredClone(run.result);
}
