// What every consumer pact test shares: the pact (consumer, provider, output directory) and the project's own
// client pointed at Pact's mock server. `npm run contracts` provides the output directory; a test run on its own
// writes to a fresh temporary directory, so it never merges into the committed pacts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { Agent } from 'undici';
import { PactV3 } from '@pact-foundation/pact';
import type { V3MockServer } from '@pact-foundation/pact';
import { createClient, customEnvironment } from '../../../src/index.ts';
import type { ClientOptions, SignupPlusClient } from '../../../src/index.ts';
import { CONSUMER, FAKE_CLIENT } from '../../../scripts/contracts/pact-names.ts';
import type { ProviderName } from '../../../scripts/contracts/pact-names.ts';
import { EXAMPLE_CREDENTIALS } from '../../../pact/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the consumer tests write their pacts (set by scripts/contracts/consumer-run.ts). */
    pactDir: string;
  }
}

export const PACT_DIR: string = inject('pactDir') ?? mkdtempSync(join(tmpdir(), 'signup-plus-pacts-'));

/** Obvious fakes: these values end up in committed pact files (the shipped module's examples, plus ours). */
export const FAKE = {
  ...EXAMPLE_CREDENTIALS,
  ...FAKE_CLIENT,
  wrongClientSecret: 'example-wrong-client-secret',
  expiredAuthorizationCode: 'example-expired-authorization-code',
  rejectedAccessToken: 'example-rejected-access-token',
} as const;

export function pactWith(provider: ProviderName): PactV3 {
  return new PactV3({ consumer: CONSUMER, provider, dir: PACT_DIR, logLevel: 'error' });
}

/**
 * Runs `fn` with the real client aimed at Pact's mock server. One request per interaction: retries are off, so
 * a retried call cannot hide behind the pact. A fresh connection pool per test, because Pact reuses ports and a
 * kept-alive socket to the previous test's mock server would otherwise receive this test's request.
 */
export async function withClient<T>(
  mockServer: V3MockServer,
  fn: (client: SignupPlusClient) => Promise<T>,
  overrides: Partial<ClientOptions> = {},
): Promise<T> {
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    const client = createClient({
      environment: customEnvironment({ authUrl: mockServer.url, apiUrl: mockServer.url }),
      clientId: FAKE.clientId,
      clientSecret: FAKE.clientSecret,
      dispatcher,
      validateResponses: true,
      retry: { maxAttempts: 1 },
      ...overrides,
    });
    return await fn(client);
  } finally {
    await dispatcher.close();
  }
}
