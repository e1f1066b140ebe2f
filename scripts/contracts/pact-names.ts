// The names a pact is filed under: one consumer and TrueLayer's two hosts as two providers, so that each host's
// contract can be verified (and, on a broker, deployed) on its own.
export const CONSUMER = 'signup-plus-harness';

export const PROVIDERS = {
  /** `POST /connect/token` on auth.truelayer[-sandbox].com */
  auth: 'truelayer-auth',
  /** `GET /signup-plus/accounts` on api.truelayer[-sandbox].com */
  signupPlus: 'truelayer-signup-plus',
} as const;

export type ProviderName = (typeof PROVIDERS)[keyof typeof PROVIDERS];

/** Pact's own file naming (`<consumer>-<provider>.json`), so a broker download lands under the same name. */
export function pactFileName(provider: ProviderName): string {
  return `${CONSUMER}-${provider}.json`;
}

export const PACT_FILES: readonly string[] = Object.values(PROVIDERS).map(pactFileName);

/**
 * The credentials in every pact, and the ones the mock is started with for verification: obvious fakes, since
 * pact files are committed and published.
 */
export const FAKE_CLIENT = { clientId: 'example-client-id', clientSecret: 'example-client-secret' } as const;
