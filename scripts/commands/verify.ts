// `verify`: a team's own consumer pacts for TrueLayer's two providers, checked against the spec and replayed
// against the mock with provider states; from files and folders, or from a Pact Broker / PactFlow.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { EXIT, UsageError, type Command } from '../lib/command.ts';
import { requirePeers } from '../lib/optional-peers.ts';
import { shippedFile } from '../lib/project-paths.ts';
import { PROVIDERS, type ProviderName } from '../contracts/pact-names.ts';
import type { ConsumerVersionSelector } from '@pact-foundation/pact-core';

const KNOWN_PROVIDERS = Object.values(PROVIDERS) as string[];

const help = `Usage: signup-plus-harness verify [options] <pact file or folder>...
       signup-plus-harness verify --broker-url <url> [options]

Checks your app's consumer pacts with the providers ${KNOWN_PROVIDERS.join(' and ')}:
  1. spec check     every interaction against the Signup+ OpenAPI description (openapi-pact-comparator): a
                    field, parameter, answer field or status TrueLayer does not document fails
  2. verification   every interaction replayed against the harness's mock (Pact's verifier), with provider
                    states set up through POST /_harness/provider-states
Then prints the matrix of operation x documented status (statuses no pact exercises are shown, not failed).

A folder is read for *.json (not recursively); pacts in it for other providers are skipped and listed. Provider
states must be sentences the mock knows (PROVIDER_STATES in signup-plus-harness/pact; ${shippedFile('docs/contracts.md')}, "Verify your own pacts").

Options:
  --provider <name>       only the pacts for this provider (repeatable): ${KNOWN_PROVIDERS.join(', ')}
  --consumer <name>       only the pacts of this consumer
  --broker-url <url>      fetch the pacts from a Pact Broker or PactFlow (its "pacts for verification" API)
                          instead of files; credentials from PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and
                          PACT_BROKER_PASSWORD. Nothing is published back.
  --branch <name>         with --broker-url: the pacts of this consumer branch (repeatable)
  --selector <json>       with --broker-url: a consumer version selector, e.g. '{"deployedOrReleased":true}'
                          (repeatable; default: {"mainBranch":true} and {"deployedOrReleased":true})
  --client-id <id>        the mock answers 400 invalid_client to any other client id ...
  --client-secret <s>     ... or secret (for a pact that expects invalid_client; default: any client)
  --report-dir <dir>      also write matrix.md and matrix.json there
  --verbose               comparator warnings, broker notices and the verifier's own report
  -h, --help              this text

Exit codes: 0 every interaction passed both steps, 1 one failed, 2 nothing to verify (no pact file, a file
that is not a pact, a pact named on its own for another provider, a bad option, or a broker that cannot be
reached or refuses the credentials).`;

export interface VerifyArgs {
  sources: string[];
  providers?: ProviderName[];
  consumer?: string;
  brokerUrl?: string;
  selectors?: ConsumerVersionSelector[];
  clientId?: string;
  clientSecret?: string;
  reportDir?: string;
  verbose: boolean;
}

export function parseVerifyArgs(argv: string[], cwd = process.cwd()): VerifyArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      provider: { type: 'string', multiple: true },
      consumer: { type: 'string' },
      'broker-url': { type: 'string' },
      branch: { type: 'string', multiple: true },
      selector: { type: 'string', multiple: true },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'report-dir': { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const unknown = (values.provider ?? []).filter((p) => !KNOWN_PROVIDERS.includes(p));
  if (unknown.length) throw new UsageError(`--provider takes ${KNOWN_PROVIDERS.join(' or ')}; got "${unknown.join('", "')}".`);
  const brokerUrl = values['broker-url'];
  if (brokerUrl !== undefined) {
    if (positionals.length) throw new UsageError('give pact files and folders, or --broker-url, not both.');
    if (!/^https?:\/\/[^/]/.test(brokerUrl)) throw new UsageError(`--broker-url must be an http(s) URL; got "${brokerUrl}".`);
  } else {
    if (positionals.length === 0) throw new UsageError('give at least one pact file or folder (or --broker-url).');
    if (values.branch || values.selector) throw new UsageError('--branch and --selector choose pacts on a broker; they need --broker-url.');
  }
  const selectors: ConsumerVersionSelector[] = [
    ...(values.branch ?? []).map((branch) => ({ branch })),
    ...(values.selector ?? []).map((text) => {
      let selector: unknown;
      try {
        selector = JSON.parse(text);
      } catch {
        throw new UsageError(`--selector takes a JSON object such as '{"branch":"main"}'; got ${text}.`);
      }
      if (!selector || typeof selector !== 'object' || Array.isArray(selector)) throw new UsageError(`--selector takes a JSON object; got ${text}.`);
      return selector as ConsumerVersionSelector;
    }),
  ];
  return {
    sources: positionals,
    verbose: values.verbose,
    ...(values.provider ? { providers: values.provider as ProviderName[] } : {}),
    ...(values.consumer !== undefined ? { consumer: values.consumer } : {}),
    ...(brokerUrl !== undefined ? { brokerUrl } : {}),
    ...(selectors.length ? { selectors } : {}),
    ...(values['client-id'] !== undefined ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] !== undefined ? { clientSecret: values['client-secret'] } : {}),
    ...(values['report-dir'] !== undefined ? { reportDir: resolve(cwd, values['report-dir']) } : {}),
  };
}

export const command: Command = {
  help,
  async run(argv, io) {
    const args = parseVerifyArgs(argv, io.cwd);
    requirePeers('verify', ['@pact-foundation/pact-core', '@pactflow/openapi-pact-comparator']);
    // Loaded only now: Pact's native core, the comparator and the mock take seconds to import.
    const [{ runVerify }, { DEFAULT_SELECTORS }] = await Promise.all([import('../contracts/verify-run.ts'), import('../contracts/broker.ts')]);
    const { env } = io;
    const result = await runVerify({
      sources: args.sources,
      verbose: args.verbose,
      cwd: io.cwd,
      log: io.out,
      error: io.err,
      ...(args.brokerUrl !== undefined
        ? {
            broker: {
              url: args.brokerUrl,
              selectors: args.selectors ?? DEFAULT_SELECTORS,
              auth: {
                ...(env.PACT_BROKER_TOKEN ? { token: env.PACT_BROKER_TOKEN } : {}),
                ...(env.PACT_BROKER_USERNAME ? { username: env.PACT_BROKER_USERNAME, password: env.PACT_BROKER_PASSWORD ?? '' } : {}),
              },
            },
          }
        : {}),
      ...(args.providers ? { providers: args.providers } : {}),
      ...(args.consumer !== undefined ? { consumer: args.consumer } : {}),
      ...(args.clientId !== undefined ? { clientId: args.clientId } : {}),
      ...(args.clientSecret !== undefined ? { clientSecret: args.clientSecret } : {}),
      ...(args.reportDir !== undefined ? { reportDir: args.reportDir } : {}),
    });
    return result.exitCode === 0 ? EXIT.ok : result.exitCode === 1 ? EXIT.failed : EXIT.misconfigured;
  },
};
