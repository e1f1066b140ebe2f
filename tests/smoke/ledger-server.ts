// TrueLayer look-alikes for the assumption ledger, one per behaviour: `confirms` answers the way the spec's
// assumptions say, `refutes` differs from several of them at once (and from nothing the spec documents as
// fact), `drifts` refutes one assumption and also breaks a documented field. Each accounts call is answered
// with a 429 first, so that one run sees an error answer (media type, title, slug, Retry-After, trace header)
// and still passes: the client retries it.
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../scripts/lib/loopback.ts';
import { PROBE_ACCOUNT_ID } from '../../scripts/smoke/assumption-observers.ts';

export type LedgerBehaviour = 'confirms' | 'refutes' | 'drifts' | 'null-refresh-token' | 'unreadable-list';

/** Values that must never reach a report (personal data); the tests look for each of them. */
export const PERSONAL_VALUES = ['Blogs', '2000-06-20', '41921234', '1234567', 'SK3 9LQ', 'Stockport', 'GB71MONZ04435141923452'];

const IDENTITY = {
  title: 'Mr',
  first_name: 'Joe',
  last_name: 'Blogs',
  date_of_birth: '2000-06-20',
  address: { address_line1: 'Flat 1a', city: 'Stockport', zip: 'SK3 9LQ', country_code: 'GB' },
  account_details: { sort_code: '04-01-02', account_number: '41921234', iban: 'GB71MONZ04435141923452', provider_id: 'ob-monzo' },
};

const MULTIPLE = {
  result: 'multiple_accounts_linked',
  detail: 'Multiple valid accounts linked, please resend the request specifying an account_id.',
  links: { 'acc-aa360adff0f1574e1': '/acc-aa360adff0f1574e1', 'acc-8232b085624e6babf': '/acc-8232b085624e6babf' },
  accounts: [
    { account_id: 'acc-aa360adff0f1574e1', currency: 'GBP', account_type: 'CURRENT', display_name: 'ACCOUNT 1', account_number: '10000000', sort_code: '01-21-31' },
    { account_id: 'acc-8232b085624e6babf', currency: 'GBP', account_type: 'CURRENT', display_name: 'ACCOUNT 2', account_number: '20000000', sort_code: '01-21-31' },
  ],
};

/** The token answer and the 429 as the spec's assumptions have them (confirming and drifting servers share them). */
const DOCUMENTED_TOKEN = { body: { scope: 'signupplus' }, headers: { 'cache-control': 'no-store', 'x-tl-correlation-id': randomUUID() } };
const DOCUMENTED_RATE_LIMIT = {
  contentType: 'application/json',
  title: 'Rate Limit Exceeded',
  type: 'https://docs.truelayer.com/docs/signup-errors#rate-limit-exceeded',
  headers: { 'retry-after': '0' },
  traceHeader: true,
};

/** What each behaviour sends; everything a test varies is here, as data. */
const ANSWERS = {
  confirms: {
    token: DOCUMENTED_TOKEN,
    rateLimit: DOCUMENTED_RATE_LIMIT,
    firstAnswer: MULTIPLE,
    identity: IDENTITY,
  },
  refutes: {
    // No scope, no Cache-Control, no X-Tl-Correlation-Id.
    token: { body: {}, headers: {} },
    // problem+json (the spec assumes application/json), another title and slug, no Retry-After, no trace header.
    rateLimit: {
      contentType: 'application/problem+json',
      title: 'Too Many Requests',
      type: 'https://docs.truelayer.com/docs/signup-errors#rate-limited',
      headers: {},
      traceHeader: false,
    },
    // `country` as /signup-plus/payments spells it, and a seven-digit account number.
    firstAnswer: refutedIdentity(),
    identity: refutedIdentity(),
  },
  drifts: {
    token: DOCUMENTED_TOKEN,
    rateLimit: DOCUMENTED_RATE_LIMIT,
    // A refuted assumption (country) next to drift on a documented fact (last_name is a string).
    firstAnswer: { ...IDENTITY, address: countryAddress(), last_name: 42 },
    identity: IDENTITY,
  },
  // A refuted assumption in the token answer the client cannot use: nothing after it can run.
  'null-refresh-token': {
    token: { body: { scope: 'signupplus', refresh_token: null }, headers: { 'cache-control': 'no-store', 'x-tl-correlation-id': randomUUID() } },
    rateLimit: {
      contentType: 'application/json',
      title: 'Rate Limit Exceeded',
      type: 'https://docs.truelayer.com/docs/signup-errors#rate-limit-exceeded',
      headers: { 'retry-after': '0' },
      traceHeader: true,
    },
    firstAnswer: IDENTITY,
    identity: IDENTITY,
  },
  // A multiple-accounts answer the client cannot read (seven-digit account numbers): no account_id can follow.
  'unreadable-list': {
    token: { body: { scope: 'signupplus' }, headers: { 'cache-control': 'no-store', 'x-tl-correlation-id': randomUUID() } },
    rateLimit: {
      contentType: 'application/json',
      title: 'Rate Limit Exceeded',
      type: 'https://docs.truelayer.com/docs/signup-errors#rate-limit-exceeded',
      headers: { 'retry-after': '0' },
      traceHeader: true,
    },
    firstAnswer: { ...MULTIPLE, accounts: MULTIPLE.accounts.map((account) => ({ ...account, account_number: '1234567' })) },
    identity: IDENTITY,
  },
} as const;

function countryAddress() {
  const { country_code, ...address } = IDENTITY.address;
  return { ...address, country: country_code };
}

function refutedIdentity() {
  return { ...IDENTITY, address: countryAddress(), account_details: { ...IDENTITY.account_details, account_number: '1234567' } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export interface LedgerServer {
  url: string;
  close(): Promise<void>;
}

export async function startLedgerServer(behaviour: LedgerBehaviour): Promise<LedgerServer> {
  const answers = ANSWERS[behaviour];
  /** Accounts calls seen, per request URL: the first of each is rate limited. */
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    void (async () => {
      for await (const _chunk of req); // drain the body; its content does not matter here
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const trace = randomUUID();
      const traceHeader = { 'tl-trace-id': trace };
      if (req.method === 'POST' && url.pathname === '/connect/token') {
        return send(res, 200, { access_token: `ACCESS-acce55-${randomUUID()}`, expires_in: 3600, token_type: 'Bearer', ...answers.token.body }, answers.token.headers);
      }
      if (req.method === 'GET' && url.pathname === '/signup-plus/accounts') {
        if (!seen.has(req.url ?? '')) {
          seen.add(req.url ?? '');
          const { contentType, title, type, headers, traceHeader: withTrace } = answers.rateLimit;
          return send(res, 429, { type, title, status: 429, trace_id: trace }, { 'content-type': contentType, ...headers, ...(withTrace ? traceHeader : {}) });
        }
        const withTrace = behaviour === 'refutes' ? {} : traceHeader;
        if (url.searchParams.get('account_id') === PROBE_ACCOUNT_ID) {
          // `smoke --probe-errors` asks for an account no user has.
          const { title, contentType } = behaviour === 'refutes' ? { title: 'Not Found', contentType: 'application/problem+json' } : { title: 'Account Not Found', contentType: 'application/json' };
          const type = `https://docs.truelayer.com/docs/signup-errors#${title.toLowerCase().replace(/ /g, '-')}`;
          return send(res, 404, { type, title, status: 404, trace_id: trace }, { 'content-type': contentType, ...withTrace });
        }
        return send(res, 200, url.searchParams.has('account_id') ? answers.identity : answers.firstAnswer, withTrace);
      }
      send(res, 404, { error: 'not_found' }, {});
    })().catch(() => res.destroy());
  });
  return listenOnLoopback(server);
}
