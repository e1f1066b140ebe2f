// The `contracts` command's flags: what it accepts, and the exit-2 usage errors it gives for the rest.
import { describe, expect, it } from 'vitest';
import { parseContractsArgs } from '../../../scripts/commands/contracts.ts';
import { UsageError } from '../../../scripts/lib/command.ts';

describe('contracts command flags', () => {
  it.each<[string[], ReturnType<typeof parseContractsArgs>]>([
    [[], { update: false, verbose: false, reportDir: undefined }],
    [['--update'], { update: true, verbose: false, reportDir: undefined }],
    [['--steps', 'spec,verify'], { update: false, verbose: false, steps: ['spec', 'verify'], reportDir: undefined }],
    [['--no-report', '--verbose'], { update: false, verbose: true, reportDir: false }],
  ])('parses %j', (argv, expected) => {
    expect(parseContractsArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--steps', 'consumer,lint'], '--steps takes a comma-separated subset of consumer,spec,verify; got "consumer,lint".'],
    [['--steps', ','], '--steps takes a comma-separated subset of consumer,spec,verify; got ",".'],
    [['--update', '--steps', 'spec'], '--update needs the consumer step, which generates the pacts.'],
    [['--no-report', '--report-dir', 'x'], '--no-report and --report-dir exclude each other.'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseContractsArgs(argv)).toThrow(new UsageError(message));
  });

  it('refuses an unknown flag with the parseArgs error the CLI turns into exit 2', () => {
    expect(() => parseContractsArgs(['--updat'])).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }));
  });
});
