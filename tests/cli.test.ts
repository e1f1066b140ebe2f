// The `signup-plus-harness` command: help, version, and a clear one-line error with exit code 2 for every usage
// mistake. Run in-process through main() (tests/cli-in-process.ts); a few run through the bin as a subprocess,
// where the process is the point: its exit code and what it writes to its own stdout and stderr.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../scripts/lib/project-paths.ts';
import { runMain } from './cli-in-process.ts';
import { SUBPROCESS_TIMEOUT_MS } from './subprocess.ts';

const BIN = join(ROOT_DIR, 'bin/signup-plus-harness.js');
const { version } = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string };

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function bin(...args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT_DIR, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error?.killed) reject(new Error(`signup-plus-harness ${args.join(' ')} did not finish within 60 s`));
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const INVOCATIONS = {
  help: ['--help'],
  helpShort: ['-h'],
  none: [],
  version: ['--version'],
  unknownCommand: ['postmn'],
  unrelatedCommand: ['deploy'],
  unknownTopLevelFlag: ['--verbose'],
  postmanHelp: ['postman', '--help'],
  helpPostman: ['help', 'postman'],
  unknownFlag: ['postman', '--bogus'],
  flagWithValue: ['postman', '--check=yes'],
  positional: ['postman', 'extra'],
  missingValue: ['mock', '--port'],
} satisfies Record<string, string[]>;

/** Run through the real bin: one exit 0 on stdout, one exit 2 on stderr, and the built version. */
const THROUGH_BIN = ['help', 'version', 'unknownFlag'] as const;

const outcomes = {} as Record<keyof typeof INVOCATIONS, Outcome>;
const binOutcomes = {} as Record<(typeof THROUGH_BIN)[number], Outcome>;

beforeAll(async () => {
  await Promise.all([
    ...Object.entries(INVOCATIONS).map(async ([name, args]) => {
      outcomes[name as keyof typeof INVOCATIONS] = await runMain(args);
    }),
    ...THROUGH_BIN.map(async (name) => {
      binOutcomes[name] = await bin(...INVOCATIONS[name]);
    }),
  ]);
}, SUBPROCESS_TIMEOUT_MS);

const COMMANDS = ['mock', 'smoke', 'auth-link', 'contracts', 'verify', 'postman'];

describe('signup-plus-harness', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('--help lists every subcommand with a one-line summary and exits 0', () => {
    const { code, stdout, stderr } = outcomes.help;
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n')[0]).toBe('Usage: signup-plus-harness <command> [options]');
    const lines = stdout.split('\n');
    const section = lines.slice(lines.indexOf('Commands:') + 1, lines.indexOf('', lines.indexOf('Commands:')));
    const listed = section
      .map((line) => /^ {2}([a-z-]+) {2,}(\S.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => match[1]);
    expect(listed).toEqual(COMMANDS);
    expect(section).toHaveLength(COMMANDS.length);
    expect(stdout).toContain('  postman     generate the Postman collection and environments (postman/) from the spec\n');
  });

  it('-h prints the same help as --help', () => {
    expect(outcomes.helpShort).toEqual(outcomes.help);
  });

  it('without a command prints the help on stderr and exits 2', () => {
    const { code, stdout, stderr } = outcomes.none;
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('Commands:');
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('signup-plus-harness: no command given.');
  });

  it('--version prints the package version', () => {
    expect(outcomes.version).toEqual({ code: 0, stdout: `signup-plus-harness ${version}\n`, stderr: '' });
  });

  it.each([
    ['unknownCommand', 'signup-plus-harness: unknown command "postmn"; did you mean "postman"? Commands: mock, smoke, auth-link, contracts, verify, postman.'],
    ['unrelatedCommand', 'signup-plus-harness: unknown command "deploy". Commands: mock, smoke, auth-link, contracts, verify, postman.'],
    ['unknownTopLevelFlag', 'signup-plus-harness: unknown option "--verbose" (options go after the command).'],
  ] as const)('%s: one clear line, the way to help, exit 2', (name, message) => {
    expect(outcomes[name]).toEqual({ code: 2, stdout: '', stderr: `${message}\nRun \`signup-plus-harness --help\` for usage.\n` });
  });

  it('`postman --help` and `help postman` print the subcommand help and exit 0', () => {
    expect(outcomes.postmanHelp.code).toBe(0);
    expect(outcomes.postmanHelp.stdout.split('\n')[0]).toBe('Usage: signup-plus-harness postman [--check] [--out <dir>]');
    expect(outcomes.helpPostman).toEqual(outcomes.postmanHelp);
  });

  it.each([
    ['unknownFlag', 'postman', "Unknown option '--bogus'"],
    ['flagWithValue', 'postman', "Option '--check' does not take an argument"],
    ['positional', 'postman', "Unexpected argument 'extra'. This command does not take positional arguments"],
    ['missingValue', 'mock', "Option '--port <value>' argument missing"],
  ] as const)('%s: names the problem and the subcommand help, exit 2', (name, command, message) => {
    expect(outcomes[name]).toEqual({
      code: 2,
      stdout: '',
      stderr: `signup-plus-harness ${command}: ${message}\nRun \`signup-plus-harness ${command} --help\` for usage.\n`,
    });
  });
});

describe('the bin (a subprocess)', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it.each(THROUGH_BIN)('%s: the process exits with the code main() returns and prints the same output', (name) => {
    expect(binOutcomes[name]).toEqual(outcomes[name]);
    expect(binOutcomes[name].code).toBe(name === 'unknownFlag' ? 2 : 0);
  });
});

// The summaries of the top-level help live in the dispatcher's table (so `--help` loads no command module);
// each entry of that table must still load the module of its own name.
describe('the dispatcher table', () => {
  it.each(COMMANDS)('`%s --help` loads that command and prints its own help', async (name) => {
    const { code, stdout, stderr } = await runMain([name, '--help']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: signup-plus-harness ${name} \\[`));
    // Printed once.
    expect(stdout.match(/^Usage: /gm)).toHaveLength(1);
    // A team runs these from its own app, where npm scripts are the app's: only contracts, a command of the
    // harness's own repository, names the repository's scripts.
    if (name !== 'contracts') expect(stdout).not.toMatch(/npm (run|start)/);
  });

  it.each(COMMANDS)('`%s --bogus` names the unknown option and the help, exits 2, and runs nothing', async (name) => {
    expect(await runMain([name, '--bogus'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `signup-plus-harness ${name}: Unknown option '--bogus'\nRun \`signup-plus-harness ${name} --help\` for usage.\n`,
    });
  });
});
