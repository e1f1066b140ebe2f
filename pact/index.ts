// `signup-plus-harness/pact`: what a team needs to write Pact consumer tests for its own Signup+ client in a few
// lines: the provider names its pacts are filed under, the provider-state sentences `verify` can set up, and
// request and response descriptions built from the spec's examples (Pact V3; @pact-foundation/pact is loaded on
// the first matcher call, so names and states work without it). docs/contracts.md "Verify your own pacts".
export { PROVIDERS, type ProviderName } from '../scripts/contracts/pact-names.ts';
export { PROVIDER_STATES, STATE_SENTENCES, STATE_VALUES, type ProviderState, type ProviderStateRow } from './states.ts';
export {
  ACCOUNTS_PATH,
  accountsRequest,
  codeExchangeRequest,
  EXAMPLE_CREDENTIALS,
  identityResponse,
  interaction,
  multipleAccountsResponse,
  oauthErrorResponse,
  problemResponse,
  refreshRequest,
  TOKEN_PATH,
  tokenResponse,
  type AccountsRequestOptions,
  type OAuthErrorCode,
  type PactInteraction,
  type PactRequest,
  type PactResponse,
  type ProblemName,
  type TokenRequestOptions,
} from './interactions.ts';
export { example, FIELD_PATTERNS, firstOfEach, shapeOf, type ShapeOptions } from './shapes.ts';
export type { Matcher } from './matchers.ts';
export { verifyPacts, type VerifyPactsOptions, type VerifyPactsResult } from './verify.ts';
