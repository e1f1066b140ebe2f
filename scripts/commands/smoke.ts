// `smoke`: the typed client against the real TrueLayer sandbox (or any host), with a drift report for the
// nightly job. Configuration from environment variables only; everything printed or written is redacted.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HARNESS_VERSION } from '../../src/version.ts';
import { EXIT, UsageError, type Command, type CommandIo } from '../lib/command.ts';
import { shippedFile } from '../lib/project-paths.ts';
import { SMOKE_VARIABLES, configSecrets, loadSmokeConfig, resolveEnvironment, withDotEnv } from '../smoke/config.ts';
import { SecretBag, closingLines, stepLine, writeReports } from '../smoke/report-output.ts';
import type { SmokeReport } from '../smoke/report-model.ts';

/** Relative to the current directory: reports belong to the app that runs the smoke, never to node_modules. */
const DEFAULT_REPORT_DIR = 'reports/smoke';

const help = `Usage: signup-plus-harness smoke [options]

Runs the typed client against TrueLayer (sandbox by default): gets a token (authorization code or refresh
token), calls GET /signup-plus/accounts (and again with each account_id when several accounts are linked,
at most --max-accounts), validates every answer against specs/signup-plus.openapi.yaml and reports drift.

Configuration (environment variables; a .env file in the working directory is read when present,
without overriding variables already set):
${SMOKE_VARIABLES.map(([name, meaning]) => `  ${name.padEnd(30)} ${meaning}`).join('\n')}

Options:
  --report-dir <dir>    where report.json and junit.xml go (default: reports/smoke in the current directory)
  --timeout <seconds>   per-request timeout (default 8); a step, retries included, ends within
                        min(25, 3 × timeout + 1) seconds
  --max-accounts <n>    follow-up account_id calls after a multiple-accounts answer (default 10)
  --probe-errors        also ask for an account_id no user has (one more request), so that the run sees a
                        Signup+ error answer and can judge the spec's assumptions about errors
  --show-data           include identity values (names, dates of birth, account numbers) in
                        report.json: for local runs only, never in CI
  --dotenv <path>       read this file instead of ./.env (it must exist)
  -h, --help            this text

Exit codes:
  0  all steps passed (drift warnings, such as an extra undocumented field, are allowed; so are refuted
     assumptions: each x-assumption of the spec is reported confirmed, refuted or not exercised)
  1  drift (missing required field, wrong type or format, undocumented status) or an API error
     (OAuth error, problem document, HTML error page, 5xx)
  2  configuration error: each missing or invalid variable is named, no request is made
  3  TrueLayer unreachable: connection refused or reset, DNS failure, or no answer within the timeout

Secrets (client secret, code, access and refresh tokens) never appear in the output or the reports; the
newest refresh token is written only to TRUELAYER_REFRESH_TOKEN_FILE (mode 0600). See ${shippedFile('docs/smoke.md')}.`;

/**
 * The whole command. `auth-link --smoke` runs it too, with a fresh code in `io.env` and the .env file it has
 * already read (`readDotEnv: false`).
 */
export async function smokeMain(argv: string[], io: CommandIo, { readDotEnv = true }: { readDotEnv?: boolean } = {}): Promise<number> {
  const { cwd, out, err } = io;
  const { values } = parseArgs({
    args: argv,
    options: {
      'report-dir': { type: 'string' },
      timeout: { type: 'string' },
      'max-accounts': { type: 'string' },
      'show-data': { type: 'boolean', default: false },
      'probe-errors': { type: 'boolean', default: false },
      // Not --env-file: Node 20 takes that flag for itself even after the script name, and exits 9 on a missing file.
      dotenv: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const maxAccounts = values['max-accounts'] === undefined ? 10 : Number(values['max-accounts']);
  if (!Number.isInteger(maxAccounts) || maxAccounts < 0 || maxAccounts > 100) {
    throw new UsageError('--max-accounts must be a whole number from 0 to 100');
  }
  let env = io.env;
  if (readDotEnv) {
    try {
      env = withDotEnv(io.env, cwd, values.dotenv);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const reportDir = resolve(cwd, values['report-dir'] || DEFAULT_REPORT_DIR);
  const showData = values['show-data'] ?? false;

  const secrets = new SecretBag();
  secrets.add(...configSecrets(env));
  const say = (line: string) => out(secrets.text(line));
  const warn = (line: string) => err(secrets.text(line));

  const loaded = loadSmokeConfig(env, { cwd, timeoutFlag: values.timeout });
  if (!loaded.ok) {
    warn('signup-plus-harness smoke: configuration error (exit 2); no request was made:');
    for (const { variable, problem } of loaded.problems) warn(`  - ${variable} ${problem}`);
    const now = new Date().toISOString();
    const hosts = resolveEnvironment(env, []);
    const report: SmokeReport = {
      reportVersion: 1,
      tool: `signup-plus-harness ${HARNESS_VERSION} smoke`,
      startedAt: now,
      finishedAt: now,
      durationMs: 0,
      environment: { name: hosts.name, authUrl: hosts.authUrl, apiUrl: hosts.apiUrl },
      result: { exitCode: EXIT.misconfigured, outcome: 'misconfigured', reason: `configuration error: ${loaded.problems.map((p) => p.variable).join(', ')}` },
      steps: [
        {
          name: 'configuration',
          request: { method: 'GET', url: '' },
          outcome: 'failed',
          durationMs: 0,
          summary: 'configuration error; no request was made',
          error: { errorCode: 'SMOKE_MISCONFIGURED', message: loaded.problems.map((p) => `${p.variable} ${p.problem}`).join('\n') },
          drift: [],
        },
      ],
      drift: { errors: 0, warnings: 0, issues: [] },
      refreshToken: { rotated: false },
      notices: [],
      configurationProblems: loaded.problems,
      showData,
    };
    try {
      const written = writeReports(report, reportDir, secrets);
      warn(`Reports: ${written.jsonPath}, ${written.junitPath}`);
    } catch (error) {
      warn(`Could not write the reports into ${reportDir}: ${(error as Error).message}`);
    }
    return EXIT.misconfigured;
  }

  const { config } = loaded;
  secrets.add(...configSecrets(env, config));
  const grantFrom =
    config.grant.kind === 'authorization_code'
      ? 'authorization code from TRUELAYER_CODE'
      : `refresh token from ${config.grant.source === 'file' ? 'TRUELAYER_REFRESH_TOKEN_FILE' : 'TRUELAYER_REFRESH_TOKEN'}`;
  say(`Signup+ smoke run: ${config.environment.name} (auth ${config.environment.authUrl}, api ${config.environment.apiUrl}), ${grantFrom}`);
  // Loaded only now: the client and its validators are the slow part of start-up, and --help or a
  // configuration error does not need them.
  const { runSmoke } = await import('../smoke/run-smoke.ts');
  const report = await runSmoke(config, { secrets, showData, maxAccounts, probeErrors: values['probe-errors'] ?? false, onStep: (step) => say(stepLine(step)) });
  let written;
  try {
    written = writeReports(report, reportDir, secrets);
  } catch (error) {
    warn(`Could not write the reports into ${reportDir}: ${(error as Error).message}`);
  }
  for (const line of closingLines(report, written, cwd)) say(line);
  if (showData) say('Identity values are included in report.json (--show-data): keep it local.');
  return written ? report.result.exitCode : Math.max(report.result.exitCode, EXIT.failed);
}

export const command: Command = {
  help,
  run: (argv, io) => smokeMain(argv, io),
};
