// What `npm start` prints: where the mock listens, the scenario table and a curl pair that runs as printed
// (double quotes and --data-urlencode only: TrueLayer's own sample single-quotes '$CLIENT_ID', which the shell
// never expands).
import { DECISION_PARAM } from './auth-request.ts';
import { MOCK_BANKS } from './mock-banks.ts';
import { SCENARIOS } from './scenarios.ts';

/** Where the example app (examples/node-app) listens: the banner's auth link lands there. */
export const EXAMPLE_REDIRECT_URI = 'http://127.0.0.1:3000/callback';

export interface BannerInput {
  url: string;
  /** Set when the mock checks client credentials: the curl pair then reads them from the shell. */
  checksClient: boolean;
  dynamic: boolean;
  latencyMs: number;
  providerStates: boolean;
  /** The client id the mock checks, if any (the auth link uses it). */
  clientId?: string;
  /** The first allowed redirect URI, if the mock has an allow-list. */
  redirectUri?: string;
  /** Default true. */
  cors?: boolean;
  /** The harness's example app is at hand (a clone of the harness, not an installed package): say how to run it. */
  exampleApp?: boolean;
}

/** An auth link to open in a browser: the dialog with every mock bank, back to the redirect URI with a code. */
export function authLink(url: string, options: { clientId?: string; redirectUri?: string } = {}): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId ?? 'sandbox-client-id',
    redirect_uri: options.redirectUri ?? EXAMPLE_REDIRECT_URI,
    scope: 'signupplus offline_access',
    state: 'try-it-state',
  });
  // %20 rather than +: what a person copies from a terminal should read like TrueLayer's own links.
  return `${url}/?${params.toString().replaceAll('+', '%20')}`;
}

/** The two commands: the token exchange (keeping the access token in a shell variable), then the accounts call. */
export function curlPair(url: string, checksClient: boolean, code = 'single-account'): string {
  const clientId = checksClient ? '${CLIENT_ID}' : 'sandbox-client-id';
  const clientSecret = checksClient ? '${CLIENT_SECRET}' : 'sandbox-client-secret';
  return [
    `ACCESS_TOKEN="$(curl -sS -X POST "${url}/connect/token" \\`,
    `  --data-urlencode "grant_type=authorization_code" \\`,
    `  --data-urlencode "client_id=${clientId}" \\`,
    `  --data-urlencode "client_secret=${clientSecret}" \\`,
    `  --data-urlencode "redirect_uri=http://127.0.0.1:3000/callback" \\`,
    `  --data-urlencode "code=${code}" \\`,
    `  | node -p "JSON.parse(require('fs').readFileSync(0, 'utf8')).access_token")"`,
    `curl -sS "${url}/signup-plus/accounts" -H "Authorization: Bearer \${ACCESS_TOKEN}"`,
  ].join('\n');
}

/** The banner's first line, all that `mock --quiet` prints: where it listens (with `--port 0`, the port it got). */
export function listeningLine(url: string): string {
  return `Signup+ mock (a local TrueLayer sandbox) listening on ${url}`;
}

export function renderBanner(input: BannerInput): string {
  const width = Math.max(...SCENARIOS.map((scenario) => scenario.code.length)) + 2;
  const modes = [
    input.dynamic ? 'identities generated from the schema (--dynamic)' : 'answers are the spec examples, served by Prism',
    input.latencyMs > 0 ? `latency ${input.latencyMs} ms + jitter` : '',
    input.checksClient ? 'client id and secret checked' : 'any client id and secret accepted',
    input.providerStates ? 'Pact provider states on POST /_harness/provider-states' : '',
    input.cors === false ? 'CORS off' : 'CORS on',
  ].filter(Boolean);
  return [
    listeningLine(input.url),
    `  Point the client at it: customEnvironment({ authUrl: "${input.url}", apiUrl: "${input.url}" })`,
    `  ${modes.join('; ')}. Ctrl-C stops it.`,
    '',
    'Scenarios: the authorization code you exchange picks what GET /signup-plus/accounts answers',
    ...SCENARIOS.map((scenario) => `  ${scenario.code.padEnd(width)}${scenario.summary}`),
    '  (Prism\'s "Prefer: code=..., example=..." header picks any documented answer.)',
    '',
    'Auth link: open it in a browser, pick a bank (each is a scenario), consent, log in; you land on the',
    'redirect URI (in the address bar) with a single-use code; exchange it within 5 minutes with the same',
    'client_id and redirect_uri:',
    `  ${authLink(input.url, { ...(input.clientId !== undefined ? { clientId: input.clientId } : {}), ...(input.redirectUri !== undefined ? { redirectUri: input.redirectUri } : {}) })}`,
    `  Without a browser: add providers=${MOCK_BANKS[0]?.id} (any bank id) and ${DECISION_PARAM}=approve, and follow the redirect.`,
    ...(input.exampleApp ? ['  A whole app on this flow: `npm run example`, then open http://127.0.0.1:3000 (examples/node-app).'] : []),
    '',
    `For tests and process managers: GET ${input.url}/_harness/health; what your app sent: GET (or DELETE to clear) ${input.url}/_harness/requests`,
    '',
    `Try it (bash or zsh)${input.checksClient ? '; export CLIENT_ID and CLIENT_SECRET first' : ''}:`,
    curlPair(input.url, input.checksClient),
    '',
  ].join('\n');
}
