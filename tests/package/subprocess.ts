// Runs commands for the package tests: a finished run's exit code and output, and the mock bin as a
// long-running process whose URL is read from its banner and which is stopped by a signal.
import { spawn } from 'node:child_process';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a team's shell would have: none of the npm_* variables `npm test` sets for this repo. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(?!config_cache$)/i.test(key)));
  return { ...env, PORT: '', ...extra };
}

export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningBin {
  url: string;
  pid: number;
  output(): string;
  /**
   * Sends the signal and resolves with the exit code (or the signal that ended it). To the process alone, as
   * `kill` or a process manager sends it, or with `group` to its process group, as a terminal sends Ctrl-C.
   */
  stop(signal: NodeJS.Signals, options?: { group?: boolean }): Promise<number | NodeJS.Signals | null>;
}

const started = new Set<number>();

/** SIGKILLs the process group of every startBin() process still running (for afterAll). */
export function killLeftovers(): void {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  started.clear();
}

export { freePort } from '../../scripts/lib/loopback.ts';

/**
 * Starts `mock` (directly or through `npm start`) and resolves once it listens, from its banner's first line (or,
 * with `banner`, once the output also matches it: the banner may come in more than one chunk).
 */
export async function startBin(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; banner?: RegExp }): Promise<RunningBin> {
  // Its own process group, so that killLeftovers() can end it with its children after a failed or timed-out test.
  const child = spawn(command, args, { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.add(child.pid!);
  child.once('exit', () => started.delete(child.pid!));
  let output = '';
  // 'close', not 'exit': the process has exited and its output is all read.
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise<string>((resolve, reject) => {
    const look = (data: Buffer): void => {
      output += data.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && (!options.banner || options.banner.test(output))) resolve(match[1]!);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then((code) => reject(new Error(`${command} ${args.join(' ')} exited ${code} before listening:\n${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop(signal, { group = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        if (group) process.kill(-child.pid!, signal);
        else child.kill(signal);
      }
      return exited;
    },
  };
}
