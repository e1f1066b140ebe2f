// Mutation testing (`npm run test:mutation`): Stryker changes the code one small bug at a time and runs the fast
// tests (vitest.mutation.config.ts) against each; a mutant no test notices is a gap. Kept out of `npm test`
// (minutes, not seconds); .github/workflows/mutation.yml runs it weekly and on pull requests. Survivors and why
// each is equivalent: docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/**/*.ts',
    '!src/generated/**',
    'mocks/**/*.ts',
    // The smoke run's redaction and exit-code logic (not its console layout, which the CLI tests cover).
    'scripts/smoke/report-output.ts',
    'scripts/smoke/verdict.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: two workers at most (CI sets it to the runner's cores with --concurrency).
  concurrency: 2,
  timeoutMS: 10_000,
  // The initial run collects per-test coverage of the whole fast suite; on a busy 2-core machine it takes minutes.
  dryRunTimeoutMinutes: 30,
  // Static mutants (module-level constants) need every test re-run with fresh modules, each; on this machine that
  // is hours. They are listed as Ignored in the report; `npm run test:mutation -- --ignoreStatic false` runs them.
  ignoreStatic: true,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: 'reports/mutation/.stryker-tmp',
  ignorePatterns: ['reports', '.tmp', 'contracts/*.tmp*'],
  cleanTempDir: 'always',
  reporters: ['json', 'html', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: 90 },
};
