// `signup-plus-harness <command>`: one entry point for every job; npm scripts call the same modules.
// Subcommands parse their own flags with util.parseArgs; this module turns every usage mistake into one
// clear line on stderr and exit code 2, and loads a subcommand only when it runs (or prints its own help):
// the top-level help comes from the table below, so `--help` imports no command module at all.
import { pathToFileURL } from 'node:url';
import { HARNESS_VERSION } from '../src/version.ts';
import { redactText } from '../src/redact.ts';
import { EXIT, UsageError, processIo, type Command, type CommandIo } from './lib/command.ts';
import { MissingPeerError } from './lib/optional-peers.ts';

const BIN = 'signup-plus-harness';

interface CommandEntry {
  /** One line for the top-level help. */
  summary: string;
  load: () => Promise<{ command: Command }>;
}

const COMMANDS: Record<string, CommandEntry> = {
  mock: {
    summary: 'run the local Signup+ mock server (a Prism-based TrueLayer sandbox stand-in)',
    load: () => import('./commands/mock.ts'),
  },
  smoke: {
    summary: 'run the typed client against the TrueLayer sandbox and report drift from the spec',
    load: () => import('./commands/smoke.ts'),
  },
  'auth-link': {
    summary: 'print the TrueLayer auth link; --listen catches the code, --smoke runs the smoke with it',
    load: () => import('./commands/auth-link.ts'),
  },
  contracts: {
    summary: 'maintainers, in a clone of the harness: its own pacts -> spec check -> mock, with a coverage matrix',
    load: () => import('./commands/contracts.ts'),
  },
  verify: {
    summary: "check your app's own pacts (files, folders or a Pact Broker) against the spec and the mock",
    load: () => import('./commands/verify.ts'),
  },
  postman: {
    summary: 'generate the Postman collection and environments (postman/) from the spec',
    load: () => import('./commands/postman.ts'),
  },
};

const HELP_FLAGS = new Set(['--help', '-h']);

/** The top-level help, from the table above (no command module is loaded). */
export function topLevelHelp(): string {
  const width = Math.max('-h, --help'.length, ...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}${summary}`);
  return [
    `Usage: ${BIN} <command> [options]`,
    '',
    'Contract-test and mock harness for TrueLayer Signup+.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(width)}show this help (after a command: that command's help)`,
    `  ${'--version'.padEnd(width)}print the version`,
    '',
    `Run \`${BIN} <command> --help\` for the options of one command.`,
    'Exit codes: 0 ok, 1 failed, 2 bad usage or configuration, 3 unreachable.',
  ].join('\n');
}

/**
 * Runs one command line and resolves to its exit code; never exits the process itself. The bin passes the
 * process's streams, environment and directory (the default); tests pass their own and run it in-process.
 */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(`${topLevelHelp()}\n\n${BIN}: no command given.`);
    return EXIT.misconfigured;
  }
  if (HELP_FLAGS.has(name) || (name === 'help' && rest.length === 0)) {
    io.out(topLevelHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${BIN} ${HARNESS_VERSION}`);
    return EXIT.ok;
  }
  if (name === 'help') return main([...rest, '--help'], io);
  if (name.startsWith('-')) return usageError(io, `unknown option "${name}" (options go after the command).`, `${BIN} --help`);
  const entry = COMMANDS[name];
  if (!entry) {
    const guess = closest(name, Object.keys(COMMANDS));
    return usageError(
      io,
      `unknown command "${name}"${guess ? `; did you mean "${guess}"?` : '.'} Commands: ${Object.keys(COMMANDS).join(', ')}.`,
      `${BIN} --help`,
    );
  }

  let command: Command;
  try {
    ({ command } = await entry.load());
  } catch (error) {
    io.err(`${BIN} ${name}: the command could not be loaded: ${firstLine(error)}`);
    return EXIT.failed;
  }
  // Flags after `--` belong to the command's positional arguments, not to the CLI.
  const beforeSeparator = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeSeparator.some((arg) => HELP_FLAGS.has(arg))) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof MissingPeerError) {
      io.err(`${BIN} ${name}: ${error.message}`);
      return EXIT.misconfigured;
    }
    if (error instanceof UsageError || String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      return usageError(io, firstLine(error), `${BIN} ${name} --help`, name);
    }
    io.err(`${BIN} ${name}: ${redactText(firstLine(error))}`);
    return EXIT.failed;
  }
}

function usageError(io: CommandIo, message: string, helpCommand: string, command?: string): number {
  io.err(`${BIN}${command ? ` ${command}` : ''}: ${message}\nRun \`${helpCommand}\` for usage.`);
  return EXIT.misconfigured;
}

/** First line of an error's message (Node's parseArgs adds a long hint on the second sentence). */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/\. To specify a positional argument.*$/, '').trim();
}

/** The command within two edits of `name`, for a did-you-mean hint. */
function closest(name: string, candidates: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      previous = current;
    }
    return previous[b.length] ?? Number.POSITIVE_INFINITY;
  };
  const [best] = candidates.map((c) => [c, distance(name, c)] as const).sort((x, y) => x[1] - y[1]);
  return best && best[1] <= 2 ? best[0] : undefined;
}

// bin/signup-plus-harness.js calls main(); this also allows `tsx scripts/cli.ts <command>`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
