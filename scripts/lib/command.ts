// The shape every subcommand module under scripts/commands/ exports, and the exit codes they share.
export const EXIT = { ok: 0, failed: 1, misconfigured: 2, unreachable: 3 } as const;

// A command's one-line summary lives in scripts/cli.ts's table, not here, so that the top-level help loads
// no command module; a module imports its heavy dependencies inside run(), so that its `--help` is cheap too.
export interface Command {
  /** Full `--help` text. */
  help: string;
  /** Runs with the arguments after the subcommand name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Thrown for bad flags or configuration; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
