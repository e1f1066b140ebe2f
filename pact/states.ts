// The provider states a consumer's pact may name: the sentences the harness's mock can set up (verify fails any
// other with this list). One table, mocks/provider-states.ts; this module only gives it its public names.
import { PROVIDER_STATES } from '../mocks/provider-states.ts';

export { PROVIDER_STATES, type ProviderStateRow } from '../mocks/provider-states.ts';

/** One of the state sentences, as a type: a misspelt state is a compile error, not a failed verification. */
export type ProviderState = (typeof PROVIDER_STATES)[number]['state'];

/** The sentences alone. */
export const STATE_SENTENCES: readonly ProviderState[] = PROVIDER_STATES.map((row) => row.state);

/**
 * What every state's set-up answers, for Pact's `fromProviderState(expression, example)`: the authorization code
 * (the scenario code), and an access and a refresh token minted for that scenario.
 */
export const STATE_VALUES = {
  code: '${code}',
  accessToken: '${accessToken}',
  refreshToken: '${refreshToken}',
} as const;
