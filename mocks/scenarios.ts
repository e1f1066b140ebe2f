// The scenario table: which answer of the spec the mock gives, chosen by the authorization code a developer's
// app exchanges (and, from then on, by the scenario carried in the token). Data only; the answers themselves
// are the spec's named examples, served through Prism. Adding a scenario means adding a row here and, if the
// spec lacks it, an example in specs/examples/.

/** A named example of one documented status of one operation. */
export interface ExampleRef {
  status: number;
  example: string;
}

/** Transport faults a client's error handling must survive (see mocks/faults.ts). */
export type FaultName = 'slow' | 'connection-reset' | 'truncated' | 'bad-gateway';

export interface Scenario {
  /** The authorization code that selects it. */
  code: string;
  /** One line for the banner and the README. */
  summary: string;
  /** The token exchange's answer; the default is the 200 `token` example with freshly minted tokens. */
  token?: ExampleRef;
  /** The accounts answer without `account_id`. */
  accounts: ExampleRef;
  /**
   * Set when the answer lists linked accounts: with `?account_id=` of one of them, the answer is the example
   * named by this template (`{account_id}` replaced); a well-formed id that is not listed gets `notListed`.
   */
  perAccount?: { example: string };
  /** Replaces the answer by a transport fault (the answer above is what the fault cuts short). */
  fault?: FaultName;
}

export const TOKEN_ANSWER: ExampleRef = { status: 200, example: 'token' };
export const TOKEN_ERRORS = {
  invalidRequest: { status: 400, example: 'invalid-request' },
  /** A wrong, reused or expired authorization code (TrueLayer's Data API errors page). */
  invalidAuthorizationCode: { status: 400, example: 'invalid-authorization-code' },
  /** A refresh token the server did not issue or that has expired. */
  invalidGrant: { status: 400, example: 'invalid-grant' },
  unsupportedGrantType: { status: 400, example: 'unsupported-grant-type' },
  invalidClient: { status: 400, example: 'invalid-client' },
} as const satisfies Record<string, ExampleRef>;
export const ACCOUNTS_ERRORS = {
  invalidParameters: { status: 400, example: 'invalid-parameters' },
  unauthorized: { status: 401, example: 'unauthorized' },
  /** A well-formed account_id that is not among the user's linked accounts (spec: AccountNotFound). */
  notListed: { status: 404, example: 'account-not-found' },
} as const satisfies Record<string, ExampleRef>;

const SINGLE_ACCOUNT: ExampleRef = { status: 200, example: 'single-account' };

export const SCENARIOS: readonly Scenario[] = [
  { code: 'single-account', summary: '200 single-account identity (also any code not listed)', accounts: SINGLE_ACCOUNT },
  {
    code: 'multiple-accounts',
    summary: '200 multiple_accounts_linked; ?account_id=<listed id> → that identity, unlisted → 404',
    accounts: { status: 200, example: 'multiple-accounts' },
    perAccount: { example: 'account-{account_id}' },
  },
  { code: 'user-data-not-found', summary: '422 User Data Not Found', accounts: { status: 422, example: 'user-data-not-found' } },
  { code: 'joint-account', summary: '422 Joint Accounts Not Supported', accounts: { status: 422, example: 'joint-accounts-not-supported' } },
  { code: 'reconnect-required', summary: '403 Forbidden (consent expired; reconnect)', accounts: { status: 403, example: 'forbidden' } },
  { code: 'server-error', summary: '500 Internal server error', accounts: { status: 500, example: 'internal-server-error' } },
  { code: 'rate-limited', summary: '429 Rate Limit Exceeded with Retry-After', accounts: { status: 429, example: 'rate-limit-exceeded' } },
  { code: 'provider-not-supported', summary: '400 Provider not supported (the bank does not offer Signup+)', accounts: { status: 400, example: 'provider-not-supported' } },
  {
    code: 'expired-code',
    summary: 'token exchange fails: 400 invalid_authorization_code',
    token: TOKEN_ERRORS.invalidAuthorizationCode,
    accounts: SINGLE_ACCOUNT,
  },
  {
    code: 'token-server-error',
    summary: 'token exchange fails: 500 server_error',
    token: { status: 500, example: 'server-error' },
    accounts: SINGLE_ACCOUNT,
  },
  { code: 'slow', summary: 'fault: answers after a delay longer than client timeouts', accounts: SINGLE_ACCOUNT, fault: 'slow' },
  { code: 'connection-reset', summary: 'fault: socket reset mid-answer', accounts: SINGLE_ACCOUNT, fault: 'connection-reset' },
  { code: 'truncated', summary: 'fault: body cut short of its Content-Length', accounts: SINGLE_ACCOUNT, fault: 'truncated' },
  { code: 'bad-gateway', summary: 'fault: HTML 502 page, as a proxy sends', accounts: SINGLE_ACCOUNT, fault: 'bad-gateway' },
];

const DEFAULT_SCENARIO = SCENARIOS[0] as Scenario;

const BY_CODE = new Map(SCENARIOS.map((scenario) => [scenario.code, scenario]));

/** The scenario of an exchanged code; any code not in the table is the single-account user. */
export function scenarioForCode(code: string): Scenario {
  return BY_CODE.get(code) ?? DEFAULT_SCENARIO;
}

/** The scenario named in a token, or undefined when the name is not (or no longer) in the table. */
export function scenarioNamed(code: string): Scenario | undefined {
  return BY_CODE.get(code);
}

export function isScenarioCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** Every example the table names, so that startup can load (and check) each one through Prism. */
export function examplesNamedByTable(): Array<{ operationId: 'requestToken' | 'getSignupPlusAccounts' } & ExampleRef> {
  const refs: Array<{ operationId: 'requestToken' | 'getSignupPlusAccounts' } & ExampleRef> = [];
  for (const ref of [TOKEN_ANSWER, ...Object.values(TOKEN_ERRORS)]) refs.push({ operationId: 'requestToken', ...ref });
  for (const ref of Object.values(ACCOUNTS_ERRORS)) refs.push({ operationId: 'getSignupPlusAccounts', ...ref });
  for (const scenario of SCENARIOS) {
    if (scenario.token) refs.push({ operationId: 'requestToken', ...scenario.token });
    refs.push({ operationId: 'getSignupPlusAccounts', ...scenario.accounts });
  }
  return refs;
}
