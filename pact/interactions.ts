// The requests a Signup+ client sends and the answers TrueLayer gives, as Pact V3 request and response
// descriptions (PactV3's `withRequest` / `willRespondWith`, or `addInteraction`). Credentials the provider must
// recognise come from the provider state (`${code}`, `${refreshToken}`, `${accessToken}`, answered by the mock's
// POST /_harness/provider-states); answers are shapes of the spec's examples, exact only where clients branch.
// Headers TrueLayer does not document for these calls (trace headers, Cache-Control, Retry-After) are left out: a
// pact holds what a client relies on, and must not turn an unconfirmed header into a promise.
import type { Matcher } from './matchers.ts';
import { pactMatchers } from './matchers.ts';
import { example, FIELD_PATTERNS, shapeOf } from './shapes.ts';
import type { ProviderState } from './states.ts';

export const TOKEN_PATH = '/connect/token';
export const ACCOUNTS_PATH = '/signup-plus/accounts';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Obvious fakes for the example values a pact shows: pacts are committed and published, secrets never are. */
export const EXAMPLE_CREDENTIALS = {
  clientId: 'example-client-id',
  clientSecret: 'example-client-secret',
  redirectUri: 'https://example.com/callback',
  authorizationCode: 'example-authorization-code',
  refreshToken: 'example-refresh-token',
  accessToken: 'example-access-token',
  /** A PKCE verifier: 43+ characters of RFC 7636's alphabet, plainly fake. */
  codeVerifier: 'example-code-verifier-long-enough-for-rfc-seven-six-three-six',
} as const;

/** Structurally Pact's `V3Request` / `V3Response` / `V3Interaction`, so they can be passed to PactV3 as they are. */
export interface PactRequest {
  method: string;
  path: string;
  query?: Record<string, string | Matcher<string>>;
  headers?: Record<string, string | Matcher<string>>;
  body?: unknown;
  contentType?: string;
}
export interface PactResponse {
  status: number;
  headers?: Record<string, string | Matcher<string>>;
  body?: unknown;
  contentType?: string;
}
export interface PactInteraction {
  states: Array<{ description: string }>;
  uponReceiving: string;
  withRequest: PactRequest;
  willRespondWith: PactResponse;
}

type FormField = 'client_id' | 'client_secret' | 'redirect_uri';

export interface TokenRequestOptions {
  /** The example values the pact shows (matched by type unless listed in `exact`). */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** For an authorization-code exchange. */
  redirectUri?: string | undefined;
  /** Form fields matched by value (e.g. `client_secret`, for an interaction about a wrong secret). */
  exact?: readonly FormField[] | undefined;
  /**
   * How the client sends the fields: `form` (default; TrueLayer's docs and .NET SDK) or `json` (TrueLayer's own
   * description of the endpoint, its Java, PHP and Rust SDKs). TrueLayer accepts both.
   */
  encoding?: 'form' | 'json' | undefined;
}

function formField(name: FormField, value: string, options: TokenRequestOptions): unknown {
  return options.exact?.includes(name) ? value : pactMatchers().like(value);
}

/** The token request, with the same fields (and matchers) as a form or as a JSON object. */
function tokenRequest(body: Record<string, unknown>, encoding: TokenRequestOptions['encoding'] = 'form'): PactRequest {
  const type = encoding === 'json' ? JSON_TYPE : FORM;
  return { method: 'POST', path: TOKEN_PATH, contentType: type, headers: { 'Content-Type': type }, body };
}

/**
 * `POST /connect/token` with `grant_type=authorization_code`; the code is the one the provider state issued. With
 * `codeVerifier`, the PKCE `code_verifier` is sent too (matched by type).
 */
export function codeExchangeRequest(options: TokenRequestOptions & { code?: string | undefined; codeVerifier?: string | undefined } = {}): PactRequest {
  const { like, fromProviderState } = pactMatchers();
  return tokenRequest(
    {
      grant_type: 'authorization_code',
      client_id: formField('client_id', options.clientId ?? EXAMPLE_CREDENTIALS.clientId, options),
      client_secret: formField('client_secret', options.clientSecret ?? EXAMPLE_CREDENTIALS.clientSecret, options),
      redirect_uri: formField('redirect_uri', options.redirectUri ?? EXAMPLE_CREDENTIALS.redirectUri, options),
      code: fromProviderState('${code}', options.code ?? EXAMPLE_CREDENTIALS.authorizationCode),
      ...(options.codeVerifier !== undefined ? { code_verifier: like(options.codeVerifier) } : {}),
    },
    options.encoding,
  );
}

/** `POST /connect/token` with `grant_type=refresh_token`; the refresh token is the one the provider state issued. */
export function refreshRequest(options: TokenRequestOptions & { refreshToken?: string | undefined } = {}): PactRequest {
  return tokenRequest({
    grant_type: 'refresh_token',
    client_id: formField('client_id', options.clientId ?? EXAMPLE_CREDENTIALS.clientId, options),
    client_secret: formField('client_secret', options.clientSecret ?? EXAMPLE_CREDENTIALS.clientSecret, options),
    refresh_token: pactMatchers().fromProviderState('${refreshToken}', options.refreshToken ?? EXAMPLE_CREDENTIALS.refreshToken),
  }, options.encoding);
}

export interface AccountsRequestOptions {
  /** Ask for one account's identity (`?account_id=`), matched by the spec's pattern. */
  accountId?: string | undefined;
  /** The example token the pact shows; the verifier sends the one the provider state issued. */
  accessToken?: string | undefined;
  /** A token the API must refuse, sent as written (for a 401 interaction), instead of the state's token. */
  rejectedAccessToken?: string | undefined;
}

/** `GET /signup-plus/accounts` with the user's bearer token. */
export function accountsRequest(options: AccountsRequestOptions = {}): PactRequest {
  const { fromProviderState, regex } = pactMatchers();
  const authorization =
    options.rejectedAccessToken !== undefined
      ? `Bearer ${options.rejectedAccessToken}`
      : fromProviderState('Bearer ${accessToken}', `Bearer ${options.accessToken ?? EXAMPLE_CREDENTIALS.accessToken}`);
  return {
    method: 'GET',
    path: ACCOUNTS_PATH,
    ...(options.accountId !== undefined ? { query: { account_id: regex(FIELD_PATTERNS.account_id ?? '', options.accountId) } } : {}),
    headers: { Authorization: authorization },
  };
}

/** 200 with tokens; `token_type` is matched by value. */
export function tokenResponse(): PactResponse {
  return { status: 200, contentType: JSON_TYPE, body: shapeOf(example('token.success'), { exact: ['token_type'] }) };
}

/** TrueLayer answers every refusal of the token endpoint with 400, a wrong client included (its Data API errors page). */
const OAUTH_ERRORS = {
  invalid_authorization_code: 400,
  invalid_request: 400,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_client: 400,
} as const;
export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

/** An OAuth error answer of the token endpoint (RFC 6749 §5.2); the `error` code is matched by value. */
export function oauthErrorResponse(error: OAuthErrorCode): PactResponse {
  const status = OAUTH_ERRORS[error];
  if (status === undefined) throw new Error(`unknown OAuth error "${error}"; one of ${Object.keys(OAUTH_ERRORS).join(', ')}`);
  return {
    status,
    contentType: JSON_TYPE,
    // The description is free text; the `error` code is the contract.
    body: shapeOf(example(`oauth-error.${error.replaceAll('_', '-')}`), { exact: ['error'] }),
  };
}

/**
 * 200 with one identity: the single-account example, or an account's identity (`account-<account_id>`, one of
 * the accounts of the multiple-accounts example).
 */
export function identityResponse(exampleName: 'single-account' | `account-${string}` = 'single-account'): PactResponse {
  return { status: 200, contentType: JSON_TYPE, body: shapeOf(example(`signup-plus-accounts.${exampleName}`)) };
}

/** 200 `multiple_accounts_linked`: the user linked several accounts; `result` is matched by value. */
export function multipleAccountsResponse(): PactResponse {
  return { status: 200, contentType: JSON_TYPE, body: shapeOf(example('signup-plus-accounts.multiple-accounts'), { exact: ['result'] }) };
}

export type ProblemName =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid-parameters'
  | 'provider-not-supported'
  | 'account-not-found'
  | 'user-data-not-found'
  | 'joint-accounts-not-supported'
  | 'rate-limit-exceeded'
  | 'internal-server-error';

/**
 * A problem answer of the Signup+ API, as `application/json` (the media type TrueLayer's own Signup+ description
 * declares); `title` and `status` are matched by value (clients branch on them).
 */
export function problemResponse(name: ProblemName): PactResponse {
  const body = example<{ status: number }>(`problem.${name}`);
  return { status: body.status, contentType: JSON_TYPE, body: shapeOf(body, { exact: ['title', 'status'] }) };
}

/** A whole interaction for `PactV3.addInteraction`, its provider state checked against the mock's list by type. */
export function interaction(given: ProviderState, uponReceiving: string, request: PactRequest, response: PactResponse): PactInteraction {
  return { states: [{ description: given }], uponReceiving, withRequest: request, willRespondWith: response };
}
