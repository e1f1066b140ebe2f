// Runs the harness CLI as a user runs it (`node bin/signup-plus-harness.js <command>`), in a temporary working
// directory with a clean environment (no TRUELAYER_* leaking in from the developer's shell or .env), and
// collects the exit code, both output streams and both reports. runInProcess() gives the same result through
// the CLI's main() in this process: a spawn costs about a second of CPU (Node and the module graph), so most
// runs are in-process and a few, where the process is the point (exit codes, a closed stdout), spawn the bin.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { SmokeReport } from '../../scripts/smoke/report-model.ts';
import { runMain } from '../cli-in-process.ts';

export const BIN = fileURLToPath(new URL('../../bin/signup-plus-harness.js', import.meta.url));

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  dir: string;
  reportDir: string;
  reportText?: string;
  junit?: string;
  report?: SmokeReport;
}

const created: string[] = [];

export function tempDir(prefix = 'smoke-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory tempDir() made in this test file (they hold reports and refresh-token files). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The environment a user's shell would give: PATH and HOME, plus the variables of the test. */
export function cleanEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
  for (const [key, value] of Object.entries(vars)) if (value !== undefined) env[key] = value;
  return env;
}

function prepare(args: string[], options: { cwd?: string }) {
  const dir = options.cwd ?? tempDir();
  const reportDir = join(dir, 'reports', 'smoke');
  const withReports = args[0] === 'smoke' && !args.includes('--report-dir') ? [...args, '--report-dir', reportDir] : args;
  return { dir, reportDir, withReports };
}

function collect(exitCode: number | null, stdout: string, stderr: string, dir: string, reportDir: string): CliRun {
  const run: CliRun = { exitCode, stdout, stderr, dir, reportDir };
  const jsonPath = join(reportDir, 'report.json');
  const junitPath = join(reportDir, 'junit.xml');
  if (existsSync(jsonPath)) {
    run.reportText = readFileSync(jsonPath, 'utf8');
    run.report = JSON.parse(run.reportText) as SmokeReport;
  }
  if (existsSync(junitPath)) run.junit = readFileSync(junitPath, 'utf8');
  return run;
}

export function runCli(args: string[], vars: Record<string, string | undefined>, options: { cwd?: string } = {}): Promise<CliRun> {
  const { dir, reportDir, withReports } = prepare(args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...withReports], { cwd: dir, env: cleanEnv(vars), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(collect(exitCode, stdout, stderr, dir, reportDir)));
  });
}

/**
 * `<args>` as runCli runs them, but through the CLI's main() in this process (tests/cli-in-process.ts): the same
 * arguments (report dir included), the same clean environment and working directory, each printed line
 * collected as the bin would write it (`line\n`), the returned exit code.
 */
export async function runInProcess(args: string[], vars: Record<string, string | undefined>, options: { cwd?: string } = {}): Promise<CliRun> {
  const { dir, reportDir, withReports } = prepare(args, options);
  const { code, stdout, stderr } = await runMain(withReports, { env: cleanEnv(vars), cwd: dir });
  return collect(code, stdout, stderr, dir, reportDir);
}

/** Distinctive fragments of every fake secret; none may appear in any output or report. */
export const SECRET_MARKERS = ['SECRET-5ca1ab1e', 'CODE-c0dec0de', 'ACCESS-acce55', 'REFRESH-0ld', 'REFRESH-n3w'] as const;

export function expectNoSecrets(run: CliRun, extra: string[] = []): void {
  const outputs = { stdout: run.stdout, stderr: run.stderr, 'report.json': run.reportText ?? '', 'junit.xml': run.junit ?? '' };
  for (const [where, text] of Object.entries(outputs)) {
    for (const marker of [...SECRET_MARKERS, ...extra]) {
      expect(text.includes(marker), `${marker} leaked into ${where}:\n${text}`).toBe(false);
    }
  }
}

/**
 * Drift issues of the report as compact `severity step pointer keyword` strings, for exact assertions; drift a
 * refuted assumption explains shows as `assumed` (it fails nothing).
 */
export function driftOf(run: CliRun): string[] {
  return (run.report?.drift.issues ?? []).map((issue) => `${issue.explainedBy ? 'assumed' : issue.severity} ${issue.step} ${issue.pointer} ${issue.keyword}`);
}
