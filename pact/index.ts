// `signup-plus-harness/pact`: what a team needs to write Pact consumer tests for its own Signup+ client: the
// provider names its pacts are filed under and the provider-state sentences the harness's `verify` can set up.
export { PROVIDERS, type ProviderName } from '../scripts/contracts/pact-names.ts';
export { PROVIDER_STATES, type ProviderStateRow } from '../mocks/provider-states.ts';
