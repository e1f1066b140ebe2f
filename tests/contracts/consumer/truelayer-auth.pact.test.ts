// Consumer contract with TrueLayer's auth host: what the client sends to POST /connect/token (a form body, matched
// field by field so its order does not matter, or the same fields as JSON) and what it relies on in the answer.
// Headers TrueLayer does not document for this call (the trace header, Cache-Control) are not part of it.
import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { OAuthError } from '../../../src/index.ts';
import { PROVIDERS } from '../../../scripts/contracts/pact-names.ts';
import { FAKE, pactWith, withClient } from './pact-harness.ts';
import { example, shapeOf } from './shapes.ts';

const { like, fromProviderState } = MatchersV3;

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const TOKEN_PATH = '/connect/token';
const tokenExample = example('token.success');

const tokenAnswer = {
  status: 200,
  contentType: JSON_TYPE,
  body: shapeOf(tokenExample, { exact: ['token_type'] }),
};

function oauthErrorAnswer(status: 400, name: string) {
  return {
    status,
    contentType: JSON_TYPE,
    // The OAuth `error` code is the contract; the description is free text.
    body: shapeOf(example(`oauth-error.${name}`), { exact: ['error'] }),
  };
}

/** The authorization_code form; the code comes from the provider state when the pact is verified. */
function codeGrantForm(code: unknown, clientSecret: unknown = like(FAKE.clientSecret)) {
  return {
    grant_type: 'authorization_code',
    client_id: like(FAKE.clientId),
    client_secret: clientSecret,
    redirect_uri: like(FAKE.redirectUri),
    code,
  };
}

const expectedTokens = {
  accessToken: tokenExample.access_token,
  tokenType: 'Bearer',
  expiresIn: tokenExample.expires_in,
  refreshToken: tokenExample.refresh_token,
  scope: String(tokenExample.scope).split(' '),
};

describe(`${PROVIDERS.auth}: POST ${TOKEN_PATH}`, () => {
  it('exchanges an authorization code for an access token and a refresh token', async () => {
    const pact = pactWith(PROVIDERS.auth)
      .given('an authorization code for a user with one account was issued')
      .uponReceiving('a request to exchange an authorization code for tokens')
      .withRequest({
        method: 'POST',
        path: TOKEN_PATH,
        contentType: FORM,
        headers: { 'Content-Type': FORM },
        body: codeGrantForm(fromProviderState('${code}', FAKE.authorizationCode)),
      })
      .willRespondWith(tokenAnswer);

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
      .withRequest({
        method: 'POST',
        path: TOKEN_PATH,
        contentType: JSON_TYPE,
        headers: { 'Content-Type': JSON_TYPE },
        body: codeGrantForm(fromProviderState('${code}', FAKE.authorizationCode)),
      })
      .willRespondWith(tokenAnswer);

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
      .withRequest({
        method: 'POST',
        path: TOKEN_PATH,
        contentType: FORM,
        headers: { 'Content-Type': FORM },
        body: { ...codeGrantForm(fromProviderState('${code}', FAKE.authorizationCode)), code_verifier: like(FAKE.codeVerifier) },
      })
      .willRespondWith(tokenAnswer);

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
      .withRequest({
        method: 'POST',
        path: TOKEN_PATH,
        contentType: FORM,
        headers: { 'Content-Type': FORM },
        body: {
          grant_type: 'refresh_token',
          client_id: like(FAKE.clientId),
          client_secret: like(FAKE.clientSecret),
          refresh_token: fromProviderState('${refreshToken}', FAKE.refreshToken),
        },
      })
      .willRespondWith(tokenAnswer);

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
      .withRequest({
        method: 'POST',
        path: TOKEN_PATH,
        contentType: FORM,
        headers: { 'Content-Type': FORM },
        body: codeGrantForm(fromProviderState('${code}', FAKE.expiredAuthorizationCode)),
      })
      .willRespondWith(oauthErrorAnswer(400, 'invalid-authorization-code'));

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
      .withRequest({
        method: 'POST',
        path: TOKEN_PATH,
        contentType: FORM,
        headers: { 'Content-Type': FORM },
        // The wrong secret is the point of this interaction, so it is matched by value.
        body: codeGrantForm(fromProviderState('${code}', FAKE.authorizationCode), FAKE.wrongClientSecret),
      })
      .willRespondWith(oauthErrorAnswer(400, 'invalid-client'));

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
