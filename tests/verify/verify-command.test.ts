// The `verify` command's flags: what it accepts, and the exit-2 usage errors it gives for the rest.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVerifyArgs } from '../../scripts/commands/verify.ts';
import { UsageError } from '../../scripts/lib/command.ts';

describe('verify command flags', () => {
  it.each<[string[], ReturnType<typeof parseVerifyArgs>]>([
    [['pacts'], { sources: ['pacts'], verbose: false }],
    [['a.json', 'more/', '--verbose'], { sources: ['a.json', 'more/'], verbose: true }],
    [['pacts', '--provider', 'truelayer-auth', '--consumer', 'web'], { sources: ['pacts'], verbose: false, providers: ['truelayer-auth'], consumer: 'web' }],
    [['pacts', '--client-id', 'id', '--client-secret', 's', '--report-dir', 'out'], { sources: ['pacts'], verbose: false, clientId: 'id', clientSecret: 's', reportDir: resolve('out') }],
    [
      ['--broker-url', 'https://team.pactflow.io', '--branch', 'main', '--selector', '{"deployedOrReleased":true}'],
      { sources: [], verbose: false, brokerUrl: 'https://team.pactflow.io', selectors: [{ branch: 'main' }, { deployedOrReleased: true }] },
    ],
  ])('parses %j', (argv, expected) => {
    expect(parseVerifyArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], 'give at least one pact file or folder (or --broker-url).'],
    [['pacts', '--provider', 'truelayer'], '--provider takes truelayer-auth or truelayer-signup-plus; got "truelayer".'],
    [['pacts', '--broker-url', 'https://b.example'], 'give pact files and folders, or --broker-url, not both.'],
    [['--broker-url', 'b.example'], '--broker-url must be an http(s) URL; got "b.example".'],
    [['pacts', '--branch', 'main'], '--branch and --selector choose pacts on a broker; they need --broker-url.'],
    [['--broker-url', 'https://b.example', '--selector', 'main'], `--selector takes a JSON object such as '{"branch":"main"}'; got main.`],
    [['--broker-url', 'https://b.example', '--selector', '[1]'], '--selector takes a JSON object; got [1].'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseVerifyArgs(argv)).toThrow(new UsageError(message));
  });

  it('refuses an unknown flag with the parseArgs error the CLI turns into exit 2', () => {
    expect(() => parseVerifyArgs(['pacts', '--brokr-url', 'x'])).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }));
  });
});
