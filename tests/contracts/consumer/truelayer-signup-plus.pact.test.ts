// Consumer contract with TrueLayer's API host: GET /signup-plus/accounts with the user's bearer token, the two
// shapes of a 200 the client tells apart, and the problem answers it turns into typed errors. Problems are
// application/json, as TrueLayer's own Signup+ description declares them; headers TrueLayer does not document for
// this call (Tl-Trace-Id, Retry-After) are not part of the contract.
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { ProblemError, RateLimitError } from '../../../src/index.ts';
import { PROVIDERS } from '../../../scripts/contracts/pact-names.ts';
import { FAKE, pactWith, withClient } from './pact-harness.ts';
import { example, FIELD_PATTERNS, firstOfEach, shapeOf } from './shapes.ts';

const { regex, fromProviderState } = MatchersV3;

const ACCOUNTS_PATH = '/signup-plus/accounts';
const JSON_TYPE = 'application/json';

/** The bearer token the provider state issued (the mock mints it); the example value is what the pact shows. */
const authorisedBearer = { Authorization: fromProviderState('Bearer ${accessToken}', `Bearer ${FAKE.accessToken}`) };

const singleAccount = example('signup-plus-accounts.single-account');
const multipleAccounts = example('signup-plus-accounts.multiple-accounts');
const oneAccountId = 'acc-aa360adff0f1574e1';
const oneAccountIdentity = example(`signup-plus-accounts.account-${oneAccountId}`);

function identityAnswer(body: Record<string, unknown>) {
  return { status: 200, contentType: JSON_TYPE, body: shapeOf(body) };
}

/** A problem answer; `title` and `status` are the contract (clients match on them), the rest is shape. */
function problemAnswer(status: number, name: string) {
  const body = example<{ trace_id: string }>(`problem.${name}`);
  return { status, contentType: JSON_TYPE, body: shapeOf(body, { exact: ['title', 'status'] }) };
}

describe(`${PROVIDERS.signupPlus}: GET ${ACCOUNTS_PATH}`, () => {
  it('answers the identity of a user with one account', async () => {
    const pact = pactWith(PROVIDERS.signupPlus)
      .given('a user with one account has authorised the app')
      .uponReceiving('a request for the identity of a user with one account')
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: authorisedBearer })
      .willRespondWith(identityAnswer(singleAccount));

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
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: authorisedBearer })
      .willRespondWith({ status: 200, contentType: JSON_TYPE, body: shapeOf(multipleAccounts, { exact: ['result'] }) });

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
      .withRequest({
        method: 'GET',
        path: ACCOUNTS_PATH,
        query: { account_id: regex(FIELD_PATTERNS.account_id ?? '', oneAccountId) },
        headers: authorisedBearer,
      })
      .willRespondWith(identityAnswer(oneAccountIdentity));

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
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: { Authorization: `Bearer ${FAKE.rejectedAccessToken}` } })
      .willRespondWith(problemAnswer(401, 'unauthorized'));

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
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: authorisedBearer })
      .willRespondWith(problemAnswer(403, 'forbidden'));

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
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: authorisedBearer })
      .willRespondWith(problemAnswer(422, 'user-data-not-found'));

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
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: authorisedBearer })
      .willRespondWith(problemAnswer(400, 'provider-not-supported'));

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
      .withRequest({ method: 'GET', path: ACCOUNTS_PATH, headers: authorisedBearer })
      .willRespondWith(problemAnswer(429, 'rate-limit-exceeded'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.getAccounts({ accessToken: FAKE.accessToken }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({ code: 'TL_RATE_LIMITED', status: 429, title: 'Rate Limit Exceeded' });
      }),
    );
  });
});
