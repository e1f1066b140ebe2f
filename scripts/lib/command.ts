// The shape every subcommand module under scripts/commands/ exports, the exit codes they share, and the
// process parts a command uses (output, environment, working directory), passed in so tests can run it in-process.
export const EXIT = { ok: 0, failed: 1, misconfigured: 2, unreachable: 3 } as const;

/**
 * What a command reads and writes instead of reaching for `process`: the bin passes the process's own
 * (processIo()); a test passes its own, so one process can run many commands side by side.
 */
export interface CommandIo {
  /** Writes one line (without its newline) to standard output. */
  out: (line: string) => void;
  /** Writes one line (without its newline) to standard error. */
  err: (line: string) => void;
  /** The environment variables. Read only: a .env file is merged into a copy (scripts/smoke/config.ts). */
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (report folders, pact files, .env) resolve against this folder. */
  cwd: string;
  /**
   * Stops a command that runs until stopped (`mock`), as SIGINT or SIGTERM do; its reason is the signal's name.
   * Without it, the command listens for the process's own signals.
   */
  stop?: AbortSignal;
}

/** The process's own output streams, environment and working directory: what the bin gives a command. */
export function processIo(): CommandIo {
  return { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env, cwd: process.cwd() };
}

// A command's one-line summary lives in scripts/cli.ts's table, not here, so that the top-level help loads
// no command module; a module imports its heavy dependencies inside run(), so that its `--help` is cheap too.
export interface Command {
  /** Full `--help` text. */
  help: string;
  /** Runs with the arguments after the subcommand name; resolves to the process exit code. */
  run(argv: string[], io: CommandIo): Promise<number>;
}

/** Thrown for bad flags or configuration; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
