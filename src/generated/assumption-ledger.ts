// Do not edit: generated from specs/signup-plus.openapi.yaml by `npm run generate`.
// Every x-assumption of the spec with the fact it qualifies, for the smoke run's verdicts.

export interface LedgerEntry {
  id: string;
  assumes: string;
  source: string;
  status: 'sourced' | 'unconfirmed' | 'invention';
  fact: string;
  specPath: string;
}

export const assumptionLedger: readonly LedgerEntry[] = [
  {
    "id": "token-no-basic-client-auth",
    "assumes": "The token endpoint authenticates a client only by client_id and client_secret in the body; the mock refuses an HTTP Basic Authorization header with 400 invalid_client (RFC 6749 §5.2, unsupported authentication method).",
    "source": "https://docs.truelayer.com/openapi/authentication-server.json",
    "status": "unconfirmed",
    "fact": "POST /connect/token",
    "specPath": "paths./connect/token.post"
  },
  {
    "id": "token-server-error-body",
    "assumes": "The 500 answer of the token endpoint has the same OAuth error shape as its 400 answers.",
    "source": "none found",
    "status": "unconfirmed",
    "fact": "POST /connect/token · 500 · application/json",
    "specPath": "paths./connect/token.post.responses.500.content.application/json"
  },
  {
    "id": "accounts-identity-same-as-payments",
    "assumes": "This endpoint returns the same identity object as /signup-plus/payments, whose models and fixtures are the only published ones.",
    "source": "https://docs.truelayer.com/openapi/signup.json",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts",
    "specPath": "paths./signup-plus/accounts.get"
  },
  {
    "id": "account-id-format",
    "assumes": "Account ids are short strings of letters, digits, `-` and `_` (the published ones are `acc-` and hex digits); the mock answers anything else with 400 Invalid Parameters.",
    "source": "https://docs.truelayer.com/docs/data-and-payments-integration",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · query account_id",
    "specPath": "paths./signup-plus/accounts.get.parameters.0"
  },
  {
    "id": "multiple-accounts-status-200",
    "assumes": "The multiple-accounts answer uses status 200 (the integration page shows its body, not its status).",
    "source": "https://docs.truelayer.com/docs/data-and-payments-integration",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 200",
    "specPath": "paths./signup-plus/accounts.get.responses.200"
  },
  {
    "id": "signup-trace-header",
    "assumes": "The Signup+ API sends Tl-Trace-Id on /signup-plus/accounts answers, success and error alike, with the value the error body repeats as trace_id.",
    "source": "https://docs.truelayer.com/openapi/signup.json",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 200, 400, 401, 403, 404, 422, 429, 500 · header Tl-Trace-Id",
    "specPath": "components.headers.TraceId"
  },
  {
    "id": "auth-correlation-header",
    "assumes": "The auth host sends X-Tl-Correlation-Id (not Tl-Trace-Id) on token answers, success and error alike.",
    "source": "https://docs.truelayer.com/docs/common-headers",
    "status": "sourced",
    "fact": "POST /connect/token · 200, 400, 500 · header X-Tl-Correlation-Id",
    "specPath": "components.headers.CorrelationId"
  },
  {
    "id": "token-cache-control-no-store",
    "assumes": "Token answers carry Cache-Control with the no-store directive, as RFC 6749 §5.1 asks of a token answer.",
    "source": "https://www.rfc-editor.org/rfc/rfc6749#section-5.1",
    "status": "unconfirmed",
    "fact": "POST /connect/token · 200, 400, 500 · header Cache-Control",
    "specPath": "components.headers.NoStore"
  },
  {
    "id": "retry-after-on-429",
    "assumes": "A 429 may carry Retry-After as a whole number of seconds.",
    "source": "none found",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 429 · header Retry-After",
    "specPath": "components.headers.RetryAfter"
  },
  {
    "id": "provider-not-supported-on-accounts",
    "assumes": "This call answers 400 Provider not supported when the user's bank does not support Signup+; TrueLayer lists the error for every Signup+ flow without naming the calls that send it.",
    "source": "https://docs.truelayer.com/docs/signup-errors",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 400",
    "specPath": "components.responses.BadRequest"
  },
  {
    "id": "account-not-found-404",
    "assumes": "An unknown but well-formed account_id gets 404 with the title Account Not Found and the slug #account-not-found; 404 was chosen because the multiple-accounts answer names each account as a resource (`links`), and a malformed id is a 400.",
    "source": "none found",
    "status": "invention",
    "fact": "GET /signup-plus/accounts · 404",
    "specPath": "components.responses.AccountNotFound"
  },
  {
    "id": "signup-rate-limit-429",
    "assumes": "Signup+ answers rate limiting with 429 and the title Rate Limit Exceeded, as TrueLayer's Data API v3 does; the Signup+ errors page lists no 429.",
    "source": "https://docs.truelayer.com/docs/data-api-errors",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 429",
    "specPath": "components.responses.RateLimitExceeded"
  },
  {
    "id": "authorization-code-lifetime",
    "assumes": "An authorization code can be exchanged once, within 5 minutes of being issued; after that it gets 400 invalid_authorization_code.",
    "source": "https://docs.truelayer.com/docs/data-api-errors",
    "status": "sourced",
    "fact": "POST /connect/token · request · code",
    "specPath": "components.schemas.AuthorizationCodeGrant.properties.code"
  },
  {
    "id": "pkce-code-challenge-s256",
    "assumes": "The auth link accepts code_challenge with code_challenge_method=S256 (RFC 7636), and the exchange of a code issued that way must send the matching code_verifier.",
    "source": "https://www.rfc-editor.org/rfc/rfc7636#section-4.3",
    "status": "unconfirmed",
    "fact": "POST /connect/token · request · code_verifier",
    "specPath": "components.schemas.AuthorizationCodeGrant.properties.code_verifier"
  },
  {
    "id": "refresh-token-reusable",
    "assumes": "A refresh token stays usable after a refresh (within its lifetime), so using an older one is not refused; the answer may carry the same refresh token or a new one.",
    "source": "https://truelayer.com/blog/engineering/refresh-tokens-refreshed/",
    "status": "sourced",
    "fact": "POST /connect/token · request · refresh_token",
    "specPath": "components.schemas.RefreshTokenGrant.properties.refresh_token"
  },
  {
    "id": "refresh-token-omitted-without-offline-access",
    "assumes": "Without offline_access the refresh_token key is left out entirely, not sent as null.",
    "source": "https://docs.truelayer.com/docs/creating-a-connection",
    "status": "unconfirmed",
    "fact": "POST /connect/token · 200 · refresh_token",
    "specPath": "components.schemas.TokenResponse.properties.refresh_token"
  },
  {
    "id": "token-scope-on-authorization-code",
    "assumes": "The authorization_code answer also carries scope (TrueLayer shows it only for client_credentials).",
    "source": "https://docs.truelayer.com/docs/retrieve-a-token-in-your-server",
    "status": "unconfirmed",
    "fact": "POST /connect/token · 200 · scope",
    "specPath": "components.schemas.TokenResponse.properties.scope"
  },
  {
    "id": "oauth-rfc-error-codes",
    "assumes": "TrueLayer answers a missing or duplicated field with invalid_request, an unknown grant_type with unsupported_grant_type and a scope not enabled for the client with invalid_scope, as RFC 6749 §5.2 names them.",
    "source": "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
    "status": "unconfirmed",
    "fact": "POST /connect/token · 400, 500 · error",
    "specPath": "components.schemas.OAuthError.properties.error"
  },
  {
    "id": "identity-required-fields",
    "assumes": "first_name, last_name, date_of_birth, address and account_details are always sent, as in every published example (TrueLayer's Java SDK treats every field as optional); optional fields may be left out or sent as null.",
    "source": "https://docs.truelayer.com/docs/data-and-payments-integration",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 200 · body",
    "specPath": "components.schemas.Identity"
  },
  {
    "id": "address-country-code-key",
    "assumes": "The address key is country_code, as on the integration page; TrueLayer's Signup+ description and SDK fixtures of /signup-plus/payments say country. The smoke run's drift report settles it.",
    "source": "https://docs.truelayer.com/docs/data-and-payments-integration",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 200 · address.country_code",
    "specPath": "components.schemas.Address.properties.country_code"
  },
  {
    "id": "uk-account-number-eight-digits",
    "assumes": "A UK account number is always eight digits (the UK standard; TrueLayer does not state it).",
    "source": "none found",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 200 · account_details.account_number, accounts[].account_number",
    "specPath": "components.schemas.AccountNumber"
  },
  {
    "id": "signup-error-media-type",
    "assumes": "Errors of /signup-plus/accounts are sent as application/json, as TrueLayer's Signup+ description declares for /signup-plus/payments (application/problem+json is accepted too).",
    "source": "https://docs.truelayer.com/openapi/signup.json",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 400, 401, 403, 404, 422, 429, 500 · body",
    "specPath": "components.schemas.Problem"
  },
  {
    "id": "signup-error-type-slugs",
    "assumes": "The slug of each error is its title in lower-case kebab-case (e.g. #provider-not-supported).",
    "source": "https://docs.truelayer.com/openapi/signup.json",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 400, 401, 403, 404, 422, 429, 500 · type",
    "specPath": "components.schemas.Problem.properties.type"
  },
  {
    "id": "problem-errors-shape",
    "assumes": "errors maps each field name to a list of messages, as in TrueLayer's Payments v3 Invalid Parameters.",
    "source": "https://github.com/TrueLayer/truelayer-php/blob/main/tests/integration/Mocks/ErrorResponse.php",
    "status": "unconfirmed",
    "fact": "GET /signup-plus/accounts · 400, 401, 403, 404, 422, 429, 500 · errors",
    "specPath": "components.schemas.Problem.properties.errors"
  }
];
