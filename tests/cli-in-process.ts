// Runs a `signup-plus-harness` command line in this process, through the CLI's own main() (scripts/cli.ts) with
// its own environment, working directory and output: what the bin does, minus a Node start-up and the module
// graph (about a second of CPU a spawn). Tests where the process itself is the point still spawn the bin.
import { main } from '../scripts/cli.ts';
import type { CommandIo } from '../scripts/lib/command.ts';
import { ROOT_DIR } from '../scripts/lib/project-paths.ts';

export interface MainOptions {
  /** The command's whole environment (nothing of this process's leaks in). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Stops a command that runs until stopped (`mock`), as a signal would. */
  stop?: AbortSignal;
}

export interface RunningMain {
  /** Standard output so far, each line ended by `\n` as console.log writes it. */
  stdout(): string;
  stderr(): string;
  /** The exit code main() resolves to. */
  exit: Promise<number>;
  /** Resolves once standard output matches `pattern`; rejects if the command ends first. */
  printed(pattern: RegExp): Promise<void>;
}

/** Starts main(argv) and returns at once: for commands that wait for something (a callback, a stop). */
export function startMain(argv: string[], { env = {}, cwd = ROOT_DIR, stop }: MainOptions = {}): RunningMain {
  let stdout = '';
  let stderr = '';
  const waiting = new Set<() => void>();
  const io: CommandIo = {
    out: (line) => {
      stdout += `${line}\n`;
      for (const check of waiting) check();
    },
    err: (line) => (stderr += `${line}\n`),
    env,
    cwd,
    ...(stop ? { stop } : {}),
  };
  const exit = main(argv, io);
  const printed = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(stdout)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
      void exit.then((code) => reject(new Error(`\`${argv.join(' ')}\` ended (exit ${code}) before printing ${pattern}:\n${stdout}${stderr}`)), reject);
    });
  return { stdout: () => stdout, stderr: () => stderr, exit, printed };
}

/** main(argv) run to its end: the exit code and both output streams. */
export async function runMain(argv: string[], options: MainOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const running = startMain(argv, options);
  const code = await running.exit;
  return { code, stdout: running.stdout(), stderr: running.stderr() };
}
