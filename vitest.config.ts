import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples (pact-consumer, node-app) import the harness by its package name, as an app does; in this repo
  // that name means the sources, not a build that may be stale. Exact matches: the client's name is a prefix of /pact.
  resolve: {
    alias: [
      { find: /^signup-plus-harness\/pact$/, replacement: fileURLToPath(new URL('./pact/index.ts', import.meta.url)) },
      { find: /^signup-plus-harness$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts', 'examples/**/*.test.ts'],
    // The contract steps run in order under `npm run contracts` (consumer tests write the pacts first).
    exclude: ['tests/contracts/**', 'node_modules/**'],
    // The bin runs the compiled CLI: rebuild dist/ when a source is newer (tests/package/global-setup.ts).
    globalSetup: ['tests/package/global-setup.ts'],
    testTimeout: 20_000,
    // Hooks start servers and subprocesses; on a loaded machine that can take long (tests/subprocess.ts).
    hookTimeout: 120_000,
    // Speed, measured on a 2-core machine (whole `vitest run`: 73 s and ~100 s of CPU before, ~32 s after):
    // - vitest's default in run mode is one worker per core minus one, i.e. a single worker on 2 cores, while
    //   many files spend their time waiting on subprocesses and sockets: one worker per core runs two at once.
    // - each file importing the client (Ajv validators compiled from the spec), Prism and the mock afresh cost
    //   about half the suite's CPU; without isolation a worker loads them once. Test files are still evaluated
    //   fresh; they share only the modules they import, so a test must not leave global state behind (restore
    //   fake timers and spies, close its servers, never assign to process.env), as every test here does.
    maxWorkers: '100%',
    // In CI, also a JUnit file for the workflow's test report (.github/workflows/ci.yml).
    ...(process.env.CI ? { reporters: ['default', 'junit'], outputFile: { junit: 'reports/junit/unit.xml' } } : {}),
    isolate: false,
    // - transforming the TypeScript of every test file and module it imports was ~10 s of the run's summed
    //   "transform" time on each run, for files that had not changed: Vite's transforms are kept on disk
    //   (node_modules/.experimental-vitest-cache), keyed by each file's content, id and the config (Vitest 5
    //   makes it the default). Only compiled modules are kept: every test runs every time. Measured on a third of
    //   the files: ~17 s of CPU before, ~14-16.5 s after.
    experimental: { fsModuleCache: true },
  },
});
