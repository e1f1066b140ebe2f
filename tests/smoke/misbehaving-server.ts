// A small TrueLayer look-alike that misbehaves on purpose, one behaviour per scenario. The scenario rides in the
// credential itself (`<scenario>.CODE-c0dec0de-…` as the code, `<scenario>.REFRESH-0ld-…` as the refresh token),
// and the access token it issues carries it on to /signup-plus/accounts, so one server serves every test.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort, listenOnLoopback } from '../../scripts/lib/loopback.ts';

export const IDENTITY = {
  title: 'Mr',
  first_name: 'Joe',
  last_name: 'Blogs',
  date_of_birth: '2000-06-20',
  address: { address_line1: 'Flat 1a', address_line2: 'Angels Court', city: 'Stockport', state: 'Edgeley', zip: 'SK3 9LQ', country_code: 'GB' },
  account_details: { sort_code: '04-01-02', account_number: '41921234', iban: 'GB71MONZ04435141923452', provider_id: 'ob-monzo' },
};

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

/** Identity bodies by scenario: what the accounts endpoint answers with 200. */
export const IDENTITY_SCENARIOS: Record<string, () => Json> = {
  ok: () => clone(IDENTITY),
  'missing-field': () => {
    // The SDK fixtures' spelling (reference §5): `country` instead of `country_code`.
    const body: Json = clone(IDENTITY);
    const { country_code, ...address } = IDENTITY.address;
    body.address = { ...address, country: country_code };
    return body;
  },
  'wrong-type': () => ({ ...clone(IDENTITY), last_name: 42 }),
  'wrong-nested-type': () => ({ ...clone(IDENTITY), account_details: { ...IDENTITY.account_details, account_number: 41921234 } }),
  'wrong-format': () => ({ ...clone(IDENTITY), date_of_birth: '20/06/2000' }),
  'extra-field': () => ({ ...clone(IDENTITY), middle_name: 'Quentin' }),
};

function multipleAccounts(ids: string[]): Json {
  return {
    result: 'multiple_accounts_linked',
    detail: 'Multiple valid accounts linked, please resend the request specifying an account_id.',
    links: Object.fromEntries(ids.map((id) => [id, `/${id}`])),
    accounts: ids.map((id, i) => ({ account_id: id, currency: 'GBP', account_type: 'CURRENT', display_name: `ACCOUNT ${i + 1}`, account_number: `${i + 1}0000000`, sort_code: '01-21-31' })),
  };
}

export interface MisbehavingServer {
  url: string;
  /** Requests received, by scenario. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Sends with the documented headers by default; a header given as `undefined` is left out. */
function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | undefined> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const all = { 'content-type': 'application/json', 'tl-trace-id': `trace-${randomUUID()}`, 'cache-control': 'no-store', ...headers };
  res.writeHead(status, Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)));
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

const scenarioOf = (credential: string | null | undefined): string => (credential ?? '').split('.')[0] ?? '';

export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const hits = new Map<string, number>();
  /** Refresh tokens already used (rotation: an old one is refused). */
  const usedRefreshTokens = new Set<string>();
  const count = (scenario: string) => {
    const n = (hits.get(scenario) ?? 0) + 1;
    hits.set(scenario, n);
    return n;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/connect/token') {
        const raw = await readBody(req);
        const form = new URLSearchParams(raw);
        const credential = form.get('grant_type') === 'refresh_token' ? form.get('refresh_token') : form.get('code');
        const scenario = scenarioOf(credential);
        count(scenario);
        const issue = (refresh?: string) =>
          send(res, 200, {
            access_token: `ACCESS-acce55-${scenario}-${randomUUID()}`,
            expires_in: 3600,
            token_type: 'Bearer',
            ...(refresh ? { refresh_token: refresh } : {}),
            scope: 'signupplus offline_access',
          });
        switch (scenario) {
          case 'never-answers':
            return; // hold the request open; the socket is destroyed on close()
          case 'invalid-grant':
            return send(res, 400, { error: 'invalid_grant', error_description: 'The authorization code is invalid, expired or already used.' });
          case 'oauth-extra-field':
            // RFC 6749 §5.2 allows error_uri; the spec's OAuthError does not list it.
            return send(res, 400, { error: 'invalid_grant', error_description: 'The authorization code has expired.', error_uri: 'https://docs.truelayer.com/errors#invalid_grant' });
          case 'token-no-cache-control':
            return send(res, 200, { access_token: `ACCESS-acce55-${scenario}-${randomUUID()}`, expires_in: 3600, token_type: 'Bearer', scope: 'signupplus' }, { 'cache-control': undefined });
          case 'echo-secret':
            // An upstream that echoes the whole request form, client_secret and code included.
            return send(res, 400, { error: 'invalid_client', error_description: `bad client credentials; you sent ${raw} (secret ${form.get('client_secret')})` });
          case 'token-html-500':
            return send(res, 500, `<html><body><h1>500 Internal Server Error</h1><p>secret=${form.get('client_secret')}</p></body></html>`, { 'content-type': 'text/html' });
          case 'rotate': {
            const presented = form.get('refresh_token') ?? '';
            if (usedRefreshTokens.has(presented)) return send(res, 400, { error: 'invalid_grant', error_description: 'refresh token already used' });
            usedRefreshTokens.add(presented);
            return issue(`rotate.REFRESH-n3w-${randomUUID()}`);
          }
          default:
            return issue();
        }
      }
      if (req.method === 'GET' && url.pathname === '/signup-plus/accounts') {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const scenario = token.replace(/^ACCESS-acce55-/, '').replace(/-[0-9a-f-]{36}$/, '');
        const n = count(`accounts:${scenario}:${token}`);
        const accountId = url.searchParams.get('account_id');
        switch (scenario) {
          case 'html-500':
            return send(res, 500, '<!doctype html><html><head><title>Oops</title></head><body>Internal error</body></html>', { 'content-type': 'text/html; charset=utf-8' });
          case 'rate-limited':
            if (n === 1) {
              return send(
                res,
                429,
                { type: 'https://docs.truelayer.com/docs/signup-errors#rate-limit-exceeded', title: 'Rate Limit Exceeded', status: 429, trace_id: 'trace-429' },
                { 'content-type': 'application/problem+json', 'retry-after': '0' },
              );
            }
            return send(res, 200, IDENTITY);
          case 'echo-token':
            return send(
              res,
              401,
              { type: 'https://docs.truelayer.com/docs/signup-errors#unauthorized', title: 'Unauthorized', status: 401, trace_id: 'trace-401', detail: `token ${token} is not valid` },
              { 'content-type': 'application/problem+json' },
            );
          case 'multi-hang':
            if (!accountId) return send(res, 200, multipleAccounts(['acc-one', 'acc-two', 'acc-three']));
            return; // each account_id call is held open
          case 'no-trace-header':
            return send(res, 200, IDENTITY, { 'tl-trace-id': undefined });
          case 'multi-drift':
            if (!accountId) return send(res, 200, multipleAccounts(['acc-good', 'acc-bad']));
            return send(res, 200, accountId === 'acc-bad' ? { ...IDENTITY, address: { ...IDENTITY.address, zip: 12345 } } : IDENTITY);
          default: {
            const body = IDENTITY_SCENARIOS[scenario] ?? IDENTITY_SCENARIOS.ok!;
            return send(res, 200, body());
          }
        }
      }
      send(res, 404, { error: 'not_found' });
    })().catch(() => res.destroy());
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, hits, close };
}

/** A port that refuses connections: bound once to get a free number, then closed. */
export function refusedPort(): Promise<number> {
  return freePort();
}
