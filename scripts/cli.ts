// `signup-plus-harness <command>`: one entry point for every job; npm scripts call the same modules.
import { EXIT, UsageError, type Command } from './lib/command.ts';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  mock: () => import('./commands/mock.ts'),
  smoke: () => import('./commands/smoke.ts'),
  'auth-link': () => import('./commands/auth-link.ts'),
  contracts: () => import('./commands/contracts.ts'),
  postman: () => import('./commands/postman.ts'),
};

async function topLevelHelp(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).command.summary}`),
  );
  return [
    'Usage: signup-plus-harness <command> [options]',
    '',
    'Contract-test and mock harness for TrueLayer Signup+.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `signup-plus-harness <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await topLevelHelp());
    return name === undefined ? EXIT.misconfigured : EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`signup-plus-harness: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return EXIT.misconfigured;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`signup-plus-harness ${name}: ${(error as Error).message}\nRun \`signup-plus-harness ${name} --help\`.`);
      return EXIT.misconfigured;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
