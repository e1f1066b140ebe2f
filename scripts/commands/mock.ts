// `mock` (`npm start`): the Signup+ mock server on 127.0.0.1:4010 until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listeningLine, renderBanner } from '../../mocks/banner.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startMock, type MockOptions } from '../../mocks/index.ts';
import { EXIT, UsageError, type Command, type CommandIo } from '../lib/command.ts';
import { ROOT_DIR } from '../lib/project-paths.ts';

const help = `Usage: signup-plus-harness mock [options]

Starts a local stand-in for the TrueLayer sandbox: the auth link (GET /, a dialog where a mock bank picks the
scenario), POST /connect/token and GET /signup-plus/accounts on one origin, answered from
specs/signup-plus.openapi.yaml through Prism. The authorization code you exchange picks the scenario (the
banner lists them, and prints an auth link to open); SIGINT or SIGTERM stops it.

Options:
  --port <n>            port (default ${DEFAULT_PORT}, or $PORT; 0 picks a free port and prints it)
  --host <address>      address to bind (default ${DEFAULT_HOST}, or $HOST)
  --quiet               only the line saying where it listens: no banner, no request log
  --latency <ms>        delay every answer by <ms> ...
  --jitter <ms>         ... plus a random 0..<ms> (default: a fifth of --latency)
  --dynamic             identities generated from the schema instead of the fixed examples
  --seed <n>            makes --dynamic deterministic (same identity per scenario and account_id)
  --client-id <id>      accept only this client id (default: any)
  --client-secret <s>   accept only this client secret (default: any)
  --redirect-uri <uri>  an allowed redirect URI of the auth link (repeatable; default: any http(s) URI);
                        any other gets an error page, never a redirect
  --no-cors             no CORS headers and no preflight answers (default: on, for browser apps)
  -h, --help            this text

Exit codes: 0 stopped by a signal, 1 failed to start, 2 bad option or port in use.`;

function nonNegativeInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number >= 0, got "${text}".`);
  return Number(text);
}

export function parseMockArgs(argv: string[], env: Record<string, string | undefined>): MockOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'no-cors': { type: 'boolean', default: false },
    },
  });
  const port = values.port !== undefined ? nonNegativeInt('--port', values.port) : nonNegativeInt('PORT', env.PORT);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}.`);
  if (values.seed !== undefined && !values.dynamic) throw new UsageError('--seed only makes sense with --dynamic.');
  if (values['client-id'] === '' || values['client-secret'] === '') throw new UsageError('--client-id and --client-secret cannot be empty.');
  for (const uri of values['redirect-uri'] ?? []) {
    if (!/^https?:\/\/[^/#]+/i.test(uri) || uri.includes('#')) throw new UsageError(`--redirect-uri must be an absolute http(s) URI without a fragment, got "${uri}".`);
  }
  const latencyMs = nonNegativeInt('--latency', values.latency);
  const jitterMs = nonNegativeInt('--jitter', values.jitter);
  return {
    port: port ?? DEFAULT_PORT,
    host: values.host || env.HOST || DEFAULT_HOST,
    quiet: values.quiet,
    dynamic: values.dynamic,
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(jitterMs !== undefined ? { jitterMs } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values['client-id'] !== undefined ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] !== undefined ? { clientSecret: values['client-secret'] } : {}),
    ...(values['redirect-uri']?.length ? { redirectUris: values['redirect-uri'] } : {}),
    ...(values['no-cors'] ? { cors: false } : {}),
  };
}

export const command: Command = {
  help,
  async run(argv, io) {
    const options = parseMockArgs(argv, io.env);
    let mock;
    try {
      // The request log goes where the command's output goes.
      mock = await startMock({ ...options, ...(options.quiet ? {} : { log: io.out }) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        io.err(`signup-plus-harness mock: cannot listen on ${options.host}:${options.port} (${code}); pick another with --port (0 = any free port).`);
        return EXIT.misconfigured;
      }
      io.err(`signup-plus-harness mock: failed to start: ${(error as Error).message}`);
      return EXIT.failed;
    }
    if (options.quiet) io.out(listeningLine(mock.url));
    else {
      io.out(
        renderBanner({
          url: mock.url,
          checksClient: options.clientId !== undefined || options.clientSecret !== undefined,
          dynamic: options.dynamic ?? false,
          latencyMs: options.latencyMs ?? 0,
          providerStates: false,
          ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
          ...(options.redirectUris?.[0] !== undefined ? { redirectUri: options.redirectUris[0] } : {}),
          cors: options.cors ?? true,
          // Only a clone of the harness has it; an installed package does not ship examples/.
          exampleApp: existsSync(join(ROOT_DIR, 'examples', 'node-app', 'main.ts')),
        }),
      );
    }
    const signal = await stopped(io);
    await mock.close();
    if (!options.quiet) io.out(`Signup+ mock stopped (${signal}).`);
    return EXIT.ok;
  },
};

/** The name of the signal that stops the mock: the process's SIGINT or SIGTERM, or `io.stop`'s reason. */
function stopped(io: CommandIo): Promise<string> {
  const { stop } = io;
  if (stop) {
    return new Promise((resolve) => {
      if (stop.aborted) resolve(String(stop.reason));
      else stop.addEventListener('abort', () => resolve(String(stop.reason)), { once: true });
    });
  }
  // A terminal's Ctrl-C reaches the whole process group, and `npm start` forwards the signal it got as well,
  // so the mock usually gets it twice: the handlers stay on while it closes, or the second one would kill it
  // half-way (no goodbye line, connections cut).
  return new Promise((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => resolve(name));
  });
}
