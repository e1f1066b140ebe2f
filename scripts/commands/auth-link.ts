// `auth-link`: the first half of the smoke run's setup. Prints the auth link for the configured app, can open a
// browser, and with --listen catches the redirect on the loopback redirect URI (checking `state`), so that the
// single-use code can be exchanged at once (--smoke) instead of copied by hand from the address bar.
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type Command, type CommandIo } from '../lib/command.ts';
import { startCallbackCatcher, loopbackProblem, type CallbackOutcome } from '../smoke/callback-catcher.ts';
import { checkClientId, checkRedirectUri, loadSmokeConfig, resolveEnvironment, withDotEnv, type ConfigProblem } from '../smoke/config.ts';
import { openInBrowser } from '../smoke/open-browser.ts';
import { smokeMain } from './smoke.ts';

/** Why these scopes: signupplus is the Signup+ identity endpoint; offline_access makes TrueLayer issue a refresh token. */
export const AUTH_LINK_SCOPES = ['signupplus', 'offline_access'] as const;

const help = `Usage: signup-plus-harness auth-link [options]

Prints the TrueLayer auth link for the configured app. Open it, pick the bank (in sandbox: the Mock bank),
consent, and TrueLayer redirects to TRUELAYER_REDIRECT_URI with a one-time code.

Scopes: ${AUTH_LINK_SCOPES.join(' ')}
  signupplus      the Signup+ identity endpoint (GET /signup-plus/accounts)
  offline_access  makes the token answer carry a refresh token, which the nightly smoke run needs to run
                  unattended (a code is single use and short-lived)
  Add more with --scope (e.g. --scope info --scope accounts, if the sandbox refuses signupplus alone).

Reads TRUELAYER_ENV, TRUELAYER_CLIENT_ID, TRUELAYER_REDIRECT_URI and TRUELAYER_AUTH_URL (and, with --smoke,
everything \`smoke --help\` lists); a .env file in the working directory is read when present.

Options:
  --open                 open the link in a browser (xdg-open / open / start), when one exists
  --listen               catch the redirect on the redirect URI's port (127.0.0.1 only; the URI must be a
                         loopback http URI such as http://127.0.0.1:3000/callback, registered in Console),
                         check state, and print the code once
  --smoke                with --listen (implied): run the smoke at once with the received code; the smoke's
                         exit code is this command's exit code
  --listen-timeout <s>   give up waiting after this many seconds (default 300)
  --scope <scope>        an extra scope (repeatable)
  --provider <id>        restrict the bank list, e.g. --provider uk-cs-mock (repeatable)
  --provider-id <id>     skip the bank selection (must be covered by --provider)
  --response-mode <m>    query (default) or form_post
  --dotenv <path>        read this file instead of ./.env (it must exist)
  --report-dir, --timeout, --max-accounts, --show-data, --probe-errors
                         passed on to the smoke run (with --smoke)
  -h, --help             this text

Exit codes: 0 link printed / code received; 1 the user or TrueLayer refused (error in the redirect) or no
callback in time; 2 configuration error; with --smoke, the smoke run's own exit code (0, 1, 2 or 3).`;

async function run(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      open: { type: 'boolean', default: false },
      listen: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      'listen-timeout': { type: 'string' },
      scope: { type: 'string', multiple: true },
      provider: { type: 'string', multiple: true },
      'provider-id': { type: 'string' },
      'response-mode': { type: 'string' },
      dotenv: { type: 'string' }, // not --env-file, which Node 20 takes for itself (see smoke.ts)
      'report-dir': { type: 'string' },
      timeout: { type: 'string' },
      'max-accounts': { type: 'string' },
      'show-data': { type: 'boolean', default: false },
      'probe-errors': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const { cwd } = io;
  let env;
  try {
    env = withDotEnv(io.env, cwd, values.dotenv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const listen = values.listen || values.smoke;
  const responseMode = values['response-mode'];
  if (responseMode !== undefined && responseMode !== 'query' && responseMode !== 'form_post') {
    throw new UsageError('--response-mode must be query or form_post');
  }
  const listenTimeout = values['listen-timeout'] === undefined ? 300 : Number(values['listen-timeout']);
  if (!Number.isFinite(listenTimeout) || listenTimeout <= 0) throw new UsageError('--listen-timeout must be a number of seconds');

  const problems: ConfigProblem[] = [];
  const environment = resolveEnvironment(env, problems);
  const clientId = checkClientId(env, problems, cwd);
  const redirectUri = checkRedirectUri(env, problems, 'for the auth link', cwd);
  if (redirectUri && listen) {
    const why = loopbackProblem(redirectUri);
    if (why) problems.push({ variable: 'TRUELAYER_REDIRECT_URI', problem: why });
  }
  if (values.smoke) {
    // Check the smoke's configuration before the user spends a consent on it (the code is single use).
    const check = loadSmokeConfig({ ...env, TRUELAYER_CODE: 'placeholder-checked-before-consent' }, { cwd, timeoutFlag: values.timeout });
    if (!check.ok) problems.push(...check.problems.filter((p) => !problems.some((q) => q.variable === p.variable)));
  }
  if (problems.length > 0 || !clientId || !redirectUri) {
    io.err('signup-plus-harness auth-link: configuration error (exit 2):');
    for (const { variable, problem } of problems) io.err(`  - ${variable} ${problem}`);
    return EXIT.misconfigured;
  }

  // Loaded only now: the client and its spec validators are the slow part of start-up; --help and a
  // configuration error do not need them.
  const { createClient } = await import('../../src/index.ts');
  const client = createClient({ environment, clientId });
  const link = client.buildAuthLink({
    redirectUri,
    scopes: [...AUTH_LINK_SCOPES, ...(values.scope ?? [])],
    ...(values.provider?.length ? { providers: values.provider } : {}),
    ...(values['provider-id'] ? { providerId: values['provider-id'] } : {}),
    ...(responseMode ? { responseMode } : {}),
  });

  // Listen before printing the link, so a fast browser cannot beat the catcher.
  const catcher = listen
    ? await startCallbackCatcher({
        redirectUri,
        expectedState: link.state,
        onRejected: (message) => io.err(message),
      }).catch((error: NodeJS.ErrnoException) => {
        const why = error.code === 'EADDRINUSE' ? 'the port is already in use (stop what listens there, or register another port)' : error.message;
        io.err(`signup-plus-harness auth-link: cannot listen for ${redirectUri}: ${why}`);
        return undefined;
      })
    : undefined;
  if (listen && !catcher) return EXIT.misconfigured;

  io.out(`Auth link (${environment.name}, scope: ${[...new Set([...AUTH_LINK_SCOPES, ...(values.scope ?? [])])].join(' ')}; single use):`);
  io.out(link.url);
  if (values.open) {
    const opened = openInBrowser(link.url, env.PATH ?? '');
    io.out(opened.ok ? `Opened it with ${opened.opener}.` : `Not opened: ${opened.reason}; open the link above by hand.`);
  }
  if (!catcher) {
    io.out(`After consent, TrueLayer redirects to ${redirectUri}?code=...&state=${link.state}; exchange the code at once (TRUELAYER_CODE=... npx signup-plus-harness smoke).`);
    return EXIT.ok;
  }

  io.out(`Listening on ${catcher.url} for the redirect (gives up after ${listenTimeout} s; Ctrl-C to stop).`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), listenTimeout * 1000)));
  let outcome: CallbackOutcome | 'timeout';
  try {
    outcome = await Promise.race([catcher.outcome, timedOut]);
  } finally {
    clearTimeout(timer);
    await catcher.close();
  }
  if (outcome === 'timeout') {
    io.err(`No callback within ${listenTimeout} s; run the command again for a new link.`);
    return EXIT.failed;
  }
  if (outcome.kind === 'denied') {
    io.err(`TrueLayer redirected with error "${outcome.error}"${outcome.description ? ` (${outcome.description})` : ''}; no code was issued.`);
    return EXIT.failed;
  }
  if (!values.smoke) {
    // The user's own terminal, and the one way to get the code out: shown once, to be exchanged by hand.
    io.out(`Authorization code (single use, exchange it within minutes): ${outcome.code}`);
    io.out('Run the smoke with it now: TRUELAYER_CODE=<the code above> npx signup-plus-harness smoke');
    return EXIT.ok;
  }
  // With --smoke the code is spent right here, so it is never printed (CI logs keep what a terminal shows).
  io.out('Authorization code received (single use); exchanging it now.');
  const forwarded = [
    ...(values['report-dir'] ? ['--report-dir', values['report-dir']] : []),
    ...(values.timeout ? ['--timeout', values.timeout] : []),
    ...(values['max-accounts'] ? ['--max-accounts', values['max-accounts']] : []),
    ...(values['show-data'] ? ['--show-data'] : []),
    ...(values['probe-errors'] ? ['--probe-errors'] : []),
  ];
  io.out('Running the smoke with it:');
  return smokeMain(forwarded, { ...io, env: { ...env, TRUELAYER_CODE: outcome.code } }, { readDotEnv: false });
}

export const command: Command = {
  help,
  run,
};
