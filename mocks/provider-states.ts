// Pact provider states for verifying consumer pacts against the mock (`providerStates: true`).
//
// The Pact verifier POSTs `{ "state": "<sentence>", "params": {...}, "action": "setup" | "teardown" }` to
// `POST /_harness/provider-states` before each interaction (pact-core `verifyPacts({ providerStatesSetupUrl })`).
// The table below maps each sentence to a scenario of mocks/scenarios.ts; the answer to `setup` is
//
//   { "code": "<scenario code>", "accessToken": "<fresh access token>", "refreshToken": "<fresh refresh token>" }
//
// so a pact can inject the values with `fromProviderState('${accessToken}', 'example')` (or `${code}`,
// `${refreshToken}`). The mock is stateless, so `teardown` answers `{}` and changes nothing. An unknown sentence
// answers 400 with a message that lists the known ones. To support a new state, add a row: a sentence and the
// scenario code (and `tokens: 'expired'` when the interaction needs tokens the mock must refuse).
import type { Outcome } from './exchange.ts';
import { mintToken, REFRESH_TOKEN_TTL_S } from './tokens.ts';

export const PROVIDER_STATES_PATH = '/_harness/provider-states';

export interface ProviderStateRow {
  state: string;
  /** A scenario code from mocks/scenarios.ts. */
  code: string;
  /** `expired`: tokens that are well signed but out of date, so the mock answers 401 Unauthorized / invalid_grant. */
  tokens?: 'valid' | 'expired';
}

/** The one list of state sentences (exported to teams as `PROVIDER_STATES` from signup-plus-harness/pact). */
export const PROVIDER_STATES = [
  { state: 'an authorization code for a user with one account was issued', code: 'single-account' },
  { state: 'an authorization code for a user with several accounts was issued', code: 'multiple-accounts' },
  { state: 'the authorization code has expired', code: 'expired-code' },
  { state: 'a refresh token for a user with one account was issued', code: 'single-account' },
  { state: 'a user with one account has authorised the app', code: 'single-account' },
  { state: 'a user with several linked accounts has authorised the app', code: 'multiple-accounts' },
  { state: "the user's bank consent has expired", code: 'reconnect-required' },
  { state: 'the bank returned no identity data for the user', code: 'user-data-not-found' },
  { state: 'the user is rate limited', code: 'rate-limited' },
  { state: "the user's bank does not support Signup+", code: 'provider-not-supported' },
  { state: 'no user has authorised the app', code: 'single-account', tokens: 'expired' },
] as const satisfies readonly ProviderStateRow[];

/** Access-token lifetime of minted state tokens; the spec's example says 3600. */
const ACCESS_TTL_S = 3600;

function json(status: number, body: unknown): Outcome {
  return { answer: { status, headers: { 'Content-Type': 'application/json' }, body } };
}

/** The answer to a body that is not JSON at all: what the Pact verifier sends. */
function notJson(): Outcome {
  return json(400, { error: 'Send the Pact state-change body as JSON: {"state": "...", "params": {}, "action": "setup"}.' });
}

export function handleProviderState(body: Buffer, contentType: string | undefined): Outcome {
  if (!contentType?.toLowerCase().includes('json')) return notJson();
  let request: { state?: unknown; action?: unknown };
  try {
    request = JSON.parse(body.toString('utf8')) as typeof request;
  } catch {
    return notJson();
  }
  if (request === null || typeof request !== 'object') return json(400, { error: 'The state-change body must be a JSON object.' });
  if (request.action === 'teardown') return json(200, {});
  // Every row's code is a scenario of mocks/scenarios.ts (tests/mock/provider-states.test.ts checks the table).
  const row: ProviderStateRow | undefined = PROVIDER_STATES.find((candidate) => candidate.state === request.state);
  if (!row) {
    const known = PROVIDER_STATES.map((candidate) => `"${candidate.state}"`).join(', ');
    return json(400, {
      error: `Unknown provider state ${JSON.stringify(String(request.state ?? '')).slice(0, 200)}. Add it to mocks/provider-states.ts. Known states: ${known}.`,
    });
  }
  const expired = row.tokens === 'expired';
  const issuedAt = expired ? Date.now() - 2 * REFRESH_TOKEN_TTL_S * 1000 : Date.now();
  return json(200, {
    code: row.code,
    accessToken: mintToken(row.code, 'access', ACCESS_TTL_S, issuedAt),
    refreshToken: mintToken(row.code, 'refresh', REFRESH_TOKEN_TTL_S, issuedAt),
  });
}
