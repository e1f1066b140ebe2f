// Step 1: the consumer pact tests (tests/contracts/consumer), run through vitest's node API so that they write
// into a directory chosen here (a fresh one each run: Pact merges into existing files, which would hide a
// removed interaction) and so that their results come back as data.
import { join } from 'node:path';
import { startVitest } from 'vitest/node';
import { ROOT_DIR } from '../lib/project-paths.ts';

export interface ConsumerTestResult {
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  /** `file > test name` of each failed test. */
  failures: string[];
}

export interface ConsumerRunOptions {
  pactDir: string;
  rootDir?: string;
  /** Vitest's reporter: `dot` (default; failures in full), `default` (every test) or `none`. */
  output?: 'dot' | 'default' | 'none';
}

export async function runConsumerTests(options: ConsumerRunOptions): Promise<ConsumerTestResult> {
  const rootDir = options.rootDir ?? ROOT_DIR;
  const exitCodeBefore = process.exitCode;
  const vitest = await startVitest('test', ['tests/contracts/consumer/'], {
    root: rootDir,
    config: join(rootDir, 'tests/contracts/vitest.config.ts'),
    run: true,
    watch: false,
    // `none` is a reporter with no hooks: results are still collected in vitest.state.
    reporters: options.output === 'none' ? [{}] : [options.output ?? 'dot'],
    provide: { pactDir: options.pactDir },
  });
  try {
    const result: ConsumerTestResult = { ok: true, passed: 0, failed: 0, skipped: 0, failures: [] };
    const modules = vitest.state.getTestModules();
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') result.passed += 1;
        else if (state === 'failed') {
          result.failed += 1;
          result.failures.push(`${module.moduleId.slice(rootDir.length).replace(/^\//, '')} > ${test.fullName}`);
        } else result.skipped += 1;
      }
      if (module.state() === 'failed' && module.children.size === 0) {
        result.failed += 1;
        result.failures.push(`${module.moduleId} could not be loaded`);
      }
    }
    result.ok = result.failed === 0 && result.passed > 0 && vitest.state.getUnhandledErrors().length === 0;
    return result;
  } finally {
    await vitest.close();
    // Vitest marks the process as failed on a failing test; the contracts command sets its own exit code.
    process.exitCode = exitCodeBefore;
  }
}
