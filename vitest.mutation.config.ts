// The tests Stryker runs against each mutant (`npm run test:mutation`): the fast in-process ones only. Tests
// that spawn the CLI, drive a browser or pack the package would see the unmutated code in their child process
// (Stryker switches mutants inside this process) and cost seconds each, so they stay in `npm test` only.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      // Stryker's instrumentation slows every test; a slow one is not a failure here.
      testTimeout: 60_000,
      // The transform cache stays out of mutation runs: several run at once from sandboxes sharing node_modules.
      experimental: { fsModuleCache: false },
      exclude: [
        'node_modules/**',
        'tests/contracts/**',
        // Subprocesses (bin, spectral CLI, newman), the browser, the packed package.
        'tests/cli.test.ts',
        'tests/readme.test.ts',
        'tests/mock/cli.test.ts',
        'tests/smoke/auth-link.test.ts',
        'tests/smoke/smoke-mock.test.ts',
        'tests/spec/spectral-rules.test.ts',
        // Reads the source text, which Stryker has instrumented (its switch reads process.env).
        'tests/spec/architecture.test.ts',
        'tests/postman/**',
        // Slow per test (whole smoke runs, 1,200 fuzz requests, 200 generated identities): run against every
        // mutant they cover, they would make a run take hours. The verdict, redaction and client logic they
        // exercise has fast tests of its own (tests/smoke/verdict.test.ts, smoke-parts, tests/client/).
        'tests/smoke/smoke-misbehaving.test.ts',
        'tests/mock/fuzz.test.ts',
        'tests/mock/dynamic.test.ts',
        'tests/browser/**',
        'tests/package/**',
        // Imports the built dist/ in a child process: no mutant reaches it, and no dist/ is built for this run.
        'tests/pact/pact-module.test.ts',
        'examples/**',
      ],
    },
  }),
);

// No dist/ build before the run (tests/package/global-setup.ts): none of these tests runs the compiled bin.
config.test = { ...config.test, globalSetup: [] };

export default config;
