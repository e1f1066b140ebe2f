// The consumer contract of signup-client.ts, written as a team writes its own: one interaction per test, the
// request and the answer from signup-plus-harness/pact, the real client driven against Pact's mock server. The
// last test checks the pacts just written the way CI would (`npx signup-plus-harness verify pacts`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PactV3 } from '@pact-foundation/pact';
import {
  accountsRequest,
  codeExchangeRequest,
  EXAMPLE_CREDENTIALS,
  identityResponse,
  multipleAccountsResponse,
  problemResponse,
  PROVIDERS,
  tokenResponse,
  verifyPacts,
  type ProviderState,
} from 'signup-plus-harness/pact';
import { exchangeCode, getIdentity, SignupPlusError, type SignupPlusConfig } from './signup-client.ts';

// In your app: `dir: 'pacts'` (and delete it before the run: Pact merges into an existing file).
const PACT_DIR = mkdtempSync(join(tmpdir(), 'example-pacts-'));
afterAll(() => rmSync(PACT_DIR, { recursive: true, force: true }));

const pactWith = (provider: (typeof PROVIDERS)[keyof typeof PROVIDERS]) => new PactV3({ consumer: 'example-app', provider, dir: PACT_DIR, logLevel: 'error' });
const given = (state: ProviderState) => state;

/** The client configured for Pact's mock server; the credentials are the obvious fakes the pact will show. */
const configFor = (url: string): SignupPlusConfig => ({
  authUrl: url,
  apiUrl: url,
  clientId: EXAMPLE_CREDENTIALS.clientId,
  clientSecret: EXAMPLE_CREDENTIALS.clientSecret,
  redirectUri: EXAMPLE_CREDENTIALS.redirectUri,
});

// On a machine busy with other work, Pact's native mock server now and then reports a request as "expected but
// not received" although the client got the expected answer: it records the match asynchronously and the check
// can read the record first (pact-reference #535; fixed in pact-core 20.1, which needs Node 22). A second try
// keeps such a run green, and a broken client still fails all three tries.
const PACT_TRIES = { retry: 2 };

describe('example-app → truelayer-auth', PACT_TRIES, () => {
  it('exchanges the authorization code for tokens', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given(given('an authorization code for a user with one account was issued'))
      .uponReceiving('an authorization code exchange')
      .withRequest(codeExchangeRequest())
      .willRespondWith(tokenResponse());
    await pact.executeTest(async (server) => {
      const tokens = await exchangeCode(configFor(server.url), EXAMPLE_CREDENTIALS.authorizationCode);
      expect(tokens).toEqual({ accessToken: 'example-access-token', refreshToken: 'example-refresh-token', expiresIn: 3600 });
    });
  });
});

describe('example-app → truelayer-signup-plus', PACT_TRIES, () => {
  it('reads the identity of a user with one account', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given(given('a user with one account has authorised the app'))
      .uponReceiving('an identity request')
      .withRequest(accountsRequest())
      .willRespondWith(identityResponse());
    await pact.executeTest(async (server) => {
      const identity = await getIdentity(configFor(server.url), EXAMPLE_CREDENTIALS.accessToken);
      expect(identity).toEqual({ kind: 'identity', firstName: 'Joe', lastName: 'Blogs', dateOfBirth: '2000-06-20', postcode: 'SK3 9LQ' });
    });
  });

  it('lists the accounts to choose from when the user linked several', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given(given('a user with several linked accounts has authorised the app'))
      .uponReceiving('an identity request from a user with several accounts')
      .withRequest(accountsRequest())
      .willRespondWith(multipleAccountsResponse());
    await pact.executeTest(async (server) => {
      const result = await getIdentity(configFor(server.url), EXAMPLE_CREDENTIALS.accessToken);
      expect(result).toEqual({ kind: 'choose-account', accountIds: ['acc-aa360adff0f1574e1'] });
    });
  });

  it('tells the app to send the user back to the bank when consent expired (403)', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given(given("the user's bank consent has expired"))
      .uponReceiving('an identity request after the consent expired')
      .withRequest(accountsRequest())
      .willRespondWith(problemResponse('forbidden'));
    await pact.executeTest(async (server) => {
      const error = await getIdentity(configFor(server.url), EXAMPLE_CREDENTIALS.accessToken).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignupPlusError);
      expect(error).toMatchObject({ status: 403, reason: 'Forbidden' });
    });
  });
});

// verifyPacts runs Pact's verifier in a child process: on a loaded machine that takes long.
describe('the pacts just written', { timeout: 120_000 }, () => {
  it('match the Signup+ spec and are honoured by the harness mock (what `signup-plus-harness verify` runs)', async () => {
    const result = await verifyPacts([PACT_DIR]);
    expect(result.failedInteractions).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.output.join('\n')).toMatch(/^GET \/signup-plus\/accounts +403 +1 interaction +pass +pass +ok$/m);
  });
});
