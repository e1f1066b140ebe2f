// Consumer contract with TrueLayer's auth host: what the client sends to POST /connect/token (a form body, matched
// field by field so its order does not matter, or the same fields as JSON) and what it relies on in the answer.
import { describe, expect, it } from 'vitest';
import { OAuthError } from '../../../src/index.ts';
import { PROVIDERS } from '../../../scripts/contracts/pact-names.ts';
import { codeExchangeRequest, example, oauthErrorResponse, refreshRequest, tokenResponse } from '../../../pact/index.ts';
import { FAKE, pactWith, withClient } from './pact-harness.ts';

const tokenExample = example('token.success');

const expectedTokens = {
  accessToken: tokenExample.access_token,
  tokenType: 'Bearer',
  expiresIn: tokenExample.expires_in,
  refreshToken: tokenExample.refresh_token,
  scope: String(tokenExample.scope).split(' '),
};

describe(`${PROVIDERS.auth}: POST /connect/token`, () => {
  it('exchanges an authorization code for an access token and a refresh token', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('an authorization code for a user with one account was issued')
      .uponReceiving('a request to exchange an authorization code for tokens')
      .withRequest(codeExchangeRequest())
      .willRespondWith(tokenResponse());

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const tokens = await client.exchangeCode({ code: FAKE.authorizationCode, redirectUri: FAKE.redirectUri });
        expect(tokens).toMatchObject(expectedTokens);
        expect(tokens.meta).toMatchObject({ status: 200, attempts: 1, warnings: [] });
      }),
    );
  });

  it('exchanges an authorization code sent as JSON, as TrueLayer\'s own description of the endpoint shows', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('an authorization code for a user with one account was issued')
      .uponReceiving('a JSON request to exchange an authorization code for tokens')
      .withRequest(codeExchangeRequest({ encoding: 'json' }))
      .willRespondWith(tokenResponse());

    await pact.executeTest((mockServer) =>
      withClient(
        mockServer,
        async (client) => {
          const tokens = await client.exchangeCode({ code: FAKE.authorizationCode, redirectUri: FAKE.redirectUri });
          expect(tokens).toMatchObject(expectedTokens);
        },
        { tokenRequestBody: 'json' },
      ),
    );
  });

  it('exchanges an authorization code with its PKCE code_verifier', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('an authorization code for a user with one account was issued')
      .uponReceiving('a request to exchange an authorization code with a PKCE code_verifier')
      .withRequest(codeExchangeRequest({ codeVerifier: FAKE.codeVerifier }))
      .willRespondWith(tokenResponse());

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const tokens = await client.exchangeCode({ code: FAKE.authorizationCode, redirectUri: FAKE.redirectUri, codeVerifier: FAKE.codeVerifier });
        expect(tokens).toMatchObject(expectedTokens);
      }),
    );
  });

  it('refreshes an access token with a refresh token', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('a refresh token for a user with one account was issued')
      .uponReceiving('a request to refresh an access token')
      .withRequest(refreshRequest())
      .willRespondWith(tokenResponse());

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const tokens = await client.refreshToken({ refreshToken: FAKE.refreshToken });
        expect(tokens).toMatchObject(expectedTokens);
        expect(tokens.meta).toMatchObject({ status: 200, attempts: 1 });
      }),
    );
  });

  it('rejects an expired authorization code with invalid_authorization_code', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('the authorization code has expired')
      .uponReceiving('a request to exchange an expired authorization code')
      .withRequest(codeExchangeRequest({ code: FAKE.expiredAuthorizationCode }))
      .willRespondWith(oauthErrorResponse('invalid_authorization_code'));

    await pact.executeTest((mockServer) =>
      withClient(mockServer, async (client) => {
        const error = await client.exchangeCode({ code: FAKE.expiredAuthorizationCode, redirectUri: FAKE.redirectUri }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OAuthError);
        expect(error).toMatchObject({ code: 'TL_OAUTH_ERROR', status: 400, error: 'invalid_authorization_code' });
      }),
    );
  });

  it('rejects wrong client credentials with 400 invalid_client', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('an authorization code for a user with one account was issued')
      .uponReceiving('a request to exchange a code with a client secret the server does not know')
      // The wrong secret is the point of this interaction, so it is matched by value.
      .withRequest(codeExchangeRequest({ clientSecret: FAKE.wrongClientSecret, exact: ['client_secret'] }))
      .willRespondWith(oauthErrorResponse('invalid_client'));

    await pact.executeTest((mockServer) =>
      withClient(
        mockServer,
        async (client) => {
          const error = await client.exchangeCode({ code: FAKE.authorizationCode, redirectUri: FAKE.redirectUri }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(OAuthError);
          expect(error).toMatchObject({ code: 'TL_OAUTH_ERROR', status: 400, error: 'invalid_client' });
        },
        { clientSecret: FAKE.wrongClientSecret },
      ),
    );
  });
});
