// Consumer contract with TrueLayer's API host: GET /signup-plus/accounts with the user's bearer token, the two
// shapes of a 200 the client tells apart, and the problem answers (application/json, as TrueLayer's own Signup+
// description declares them) it turns into typed errors.
import { describe, expect, it } from 'vitest';
import { ProblemError, RateLimitError } from '../../../src/index.ts';
import { PROVIDERS } from '../../../scripts/contracts/pact-names.ts';
import { accountsRequest, example, firstOfEach, identityResponse, multipleAccountsResponse, problemResponse } from '../../../pact/index.ts';
import { FAKE, pactWith, withClient } from './pact-harness.ts';

const singleAccount = example('signup-plus-accounts.single-account');
const multipleAccounts = example('signup-plus-accounts.multiple-accounts');
const oneAccountId = 'acc-aa360adff0f1574e1';
const oneAccountIdentity = example(`signup-plus-accounts.account-${oneAccountId}`);

describe(`${PROVIDERS.signupPlus}: GET /signup-plus/accounts`, () => {
  it('answers the identity of a user with one account', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('a user with one account has authorised the app')
      .uponReceiving('a request for the identity of a user with one account')
      .withRequest(accountsRequest())
      .willRespondWith(identityResponse('single-account'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const result = await client.getAccounts({ accessToken: FAKE.accessToken });
        expect(result).toMatchObject({ kind: 'identity', identity: singleAccount });
        expect(result.meta).toMatchObject({ status: 200, attempts: 1, warnings: [] });
      }),
    );
  });

  it('answers the list of linked accounts when the user linked several', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('a user with several linked accounts has authorised the app')
      .uponReceiving('a request for the identity of a user with several linked accounts')
      .withRequest(accountsRequest())
      .willRespondWith(multipleAccountsResponse());

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const result = await client.getAccounts({ accessToken: FAKE.accessToken });
        const expected = firstOfEach(multipleAccounts) as { accounts: unknown[] };
        expect(result).toMatchObject({ kind: 'multiple_accounts', accounts: expected.accounts, body: expected });
        expect(result.meta.status).toBe(200);
      }),
    );
  });

  it('answers the identity behind one account_id of a user with several accounts', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('a user with several linked accounts has authorised the app')
      .uponReceiving('a request for the identity behind one account_id')
      .withRequest(accountsRequest({ accountId: oneAccountId }))
      .willRespondWith(identityResponse(`account-${oneAccountId}`));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const result = await client.getAccounts({ accessToken: FAKE.accessToken, accountId: oneAccountId });
        expect(result).toMatchObject({ kind: 'identity', identity: oneAccountIdentity });
      }),
    );
  });

  it('refuses an access token it does not accept with 401 Unauthorized', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('no user has authorised the app')
      .uponReceiving('a request with an access token the API does not accept')
      .withRequest(accountsRequest({ rejectedAccessToken: FAKE.rejectedAccessToken }))
      .willRespondWith(problemResponse('unauthorized'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.getAccounts({ accessToken: FAKE.rejectedAccessToken }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProblemError);
        expect(error).toMatchObject({ code: 'TL_PROBLEM', status: 401, title: 'Unauthorized', traceId: '00000000-0000-4000-8000-000000000401' });
      }),
    );
  });

  it('answers 403 Forbidden when the bank consent expired and the user must reconnect', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given("the user's bank consent has expired")
      .uponReceiving('a request for the identity after the bank consent expired')
      .withRequest(accountsRequest())
      .willRespondWith(problemResponse('forbidden'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.getAccounts({ accessToken: FAKE.accessToken }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProblemError);
        expect(error).toMatchObject({ code: 'TL_PROBLEM', status: 403, title: 'Forbidden' });
      }),
    );
  });

  it('answers 422 User Data Not Found when the bank returned no identity', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('the bank returned no identity data for the user')
      .uponReceiving('a request for an identity the bank did not return')
      .withRequest(accountsRequest())
      .willRespondWith(problemResponse('user-data-not-found'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.getAccounts({ accessToken: FAKE.accessToken }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProblemError);
        expect(error).toMatchObject({ code: 'TL_PROBLEM', status: 422, title: 'User Data Not Found' });
      }),
    );
  });

  it('answers 400 Provider not supported when the user\'s bank does not support Signup+', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given("the user's bank does not support Signup+")
      .uponReceiving('a request for the identity of a user whose bank does not support Signup+')
      .withRequest(accountsRequest())
      .willRespondWith(problemResponse('provider-not-supported'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.getAccounts({ accessToken: FAKE.accessToken }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProblemError);
        expect(error).toMatchObject({ code: 'TL_PROBLEM', status: 400, title: 'Provider not supported' });
      }),
    );
  });

  it('answers 429 Rate Limit Exceeded when the user is rate limited', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('the user is rate limited')
      .uponReceiving('a request while the user is rate limited')
      .withRequest(accountsRequest())
      .willRespondWith(problemResponse('rate-limit-exceeded'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.getAccounts({ accessToken: FAKE.accessToken }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({ code: 'TL_RATE_LIMITED', status: 429, title: 'Rate Limit Exceeded' });
      }),
    );
  });
});
