// POST /connect/token: the OAuth 2.0 token endpoint (RFC 6749 §4.1.3, §6; answers per §5.1 and §5.2), with a JSON
// or form body. The code picks the scenario; the answer is the spec's example with freshly minted tokens.
import { isMintedCode } from './auth-codes.ts';
import { readPrefer } from './prefer.ts';
import type { Exchange, Outcome } from './exchange.ts';
import { named, withBody } from './exchange.ts';
import { isScenarioCode, scenarioForCode, scenarioNamed, TOKEN_ANSWER, TOKEN_ERRORS, type ExampleRef, type Scenario } from './scenarios.ts';
import { tokenRequestFields } from './token-request-body.ts';
import { mintToken, REFRESH_TOKEN_TTL_S, verifyToken } from './tokens.ts';

/** RFC 6749 §5.1: token answers, success or error, are never cached. Cache-Control comes from the spec. */
const NO_CACHE = { Pragma: 'no-cache' };
const GRANTS = new Set(['authorization_code', 'refresh_token']);

type Refusal = keyof typeof TOKEN_ERRORS;

async function refuse(exchange: Exchange, refusal: Refusal): Promise<Outcome> {
  return { answer: await named(exchange, 'requestToken', TOKEN_ERRORS[refusal]), headers: NO_CACHE };
}

/** The refusal with a description that says what to change. */
async function refuseWith(exchange: Exchange, refusal: Refusal, description: string): Promise<Outcome> {
  const answer = await named(exchange, 'requestToken', TOKEN_ERRORS[refusal]);
  return { answer: withBody(answer, { ...(answer.body as object), error_description: description }), headers: NO_CACHE };
}

/**
 * TrueLayer documents client_id and client_secret in the body only; HTTP Basic client authentication (RFC 6749
 * §2.3.1) is refused as an unsupported authentication method (§5.2: invalid_client), never silently honoured.
 */
const BASIC_REFUSED = 'HTTP Basic client authentication is not supported; send client_id and client_secret in the request body.';

export async function handleToken(exchange: Exchange): Promise<Outcome> {
  const { req, settings } = exchange;
  const form = tokenRequestFields(req.headers['content-type'], exchange.body);
  if (!form) return refuse(exchange, 'invalidRequest');
  const field = (name: string): string => form.get(name) ?? '';
  for (const name of ['client_secret', 'refresh_token', 'code_verifier']) if (field(name)) exchange.secrets.push(field(name));
  // A code that names a scenario is public (it is the scenario's name); any other code is treated as a secret.
  if (field('code') && !isScenarioCode(field('code'))) exchange.secrets.push(field('code'));
  if (req.headers.authorization) exchange.secrets.push(req.headers.authorization);

  if (new Set(form.keys()).size !== [...form.keys()].length) return refuse(exchange, 'invalidRequest');
  if (/^basic(\s|$)/i.test(req.headers.authorization ?? '')) return refuseWith(exchange, 'invalidClient', BASIC_REFUSED);
  const grantType = field('grant_type');
  if (!grantType) return refuse(exchange, 'invalidRequest');
  if (!GRANTS.has(grantType)) return refuse(exchange, 'unsupportedGrantType');
  const clientId = field('client_id');
  const clientSecret = field('client_secret');
  const required = grantType === 'authorization_code' ? ['code', 'redirect_uri'] : ['refresh_token'];
  if (!clientId || !clientSecret || required.some((name) => !field(name))) return refuse(exchange, 'invalidRequest');
  if (grantType === 'authorization_code' && !URL.canParse(field('redirect_uri'))) return refuse(exchange, 'invalidRequest');
  if (
    (settings.clientId !== undefined && clientId !== settings.clientId) ||
    (settings.clientSecret !== undefined && clientSecret !== settings.clientSecret)
  ) {
    return refuse(exchange, 'invalidClient');
  }

  let scenario: Scenario;
  let granted: readonly string[] | undefined;
  if (grantType === 'authorization_code' && isMintedCode(field('code'))) {
    // A code the auth dialog minted: single use, bound to client, redirect URI and PKCE (mocks/auth-codes.ts).
    const codeVerifier = field('code_verifier');
    const spent = settings.codes.consume(field('code'), { clientId, redirectUri: field('redirect_uri'), ...(codeVerifier ? { codeVerifier } : {}) });
    if (!spent.ok) return refuseWith(exchange, spent.error === 'invalid_authorization_code' ? 'invalidAuthorizationCode' : 'invalidGrant', spent.reason);
    scenario = scenarioForCode(spent.grant.scenario);
    granted = spent.grant.scopes;
  } else if (grantType === 'authorization_code') {
    scenario = scenarioForCode(field('code'));
  } else {
    const check = verifyToken(field('refresh_token'), 'refresh');
    const found = check.ok ? scenarioNamed(check.claims.scn) : undefined;
    if (!found) return refuse(exchange, 'invalidGrant');
    scenario = found;
  }
  exchange.scenario = scenario.code;

  const prefer = readPrefer(req.headers.prefer);
  if (prefer && !prefer.ok) {
    const answer = await named(exchange, 'requestToken', TOKEN_ERRORS.invalidRequest);
    return { answer: withBody(answer, { ...(answer.body as object), error_description: prefer.reason }), headers: NO_CACHE };
  }
  if (prefer?.ok) {
    const result = await exchange.engine.answer('requestToken', prefer.preference);
    if (!result.ok) {
      const answer = await named(exchange, 'requestToken', TOKEN_ERRORS.invalidRequest);
      return { answer: withBody(answer, { ...(answer.body as object), error_description: `Prefer: ${result.reason}` }), headers: NO_CACHE };
    }
    return { answer: result.answer.status === 200 ? withTokens(result.answer, scenario, granted) : result.answer, headers: NO_CACHE };
  }

  const ref: ExampleRef = scenario.token ?? TOKEN_ANSWER;
  const answer = await named(exchange, 'requestToken', ref);
  return { answer: answer.status === 200 ? withTokens(answer, scenario, granted) : answer, headers: NO_CACHE };
}

/**
 * The spec's token example with a fresh pair for this scenario; its lifetime is the example's. A code the dialog
 * minted grants the scopes the user consented to, and a refresh token only with `offline_access` (TrueLayer: a
 * refresh token is issued only when offline_access was requested), so an app that forgets it fails here too.
 */
function withTokens(answer: Outcome['answer'], scenario: Scenario, granted?: readonly string[]): Outcome['answer'] {
  const { refresh_token: _exampleRefresh, ...example } = answer.body as Record<string, unknown>;
  // The spec's TokenResponse makes expires_in an integer of at least 1, in its example and in what Prism generates.
  const expiresIn = example.expires_in as number;
  // A literal scenario code stands for a consent with offline_access, as the spec's token example (which has a
  // refresh token, as every answer Prism generates does) shows.
  const refresh = granted ? granted.includes('offline_access') : true;
  return withBody(answer, {
    ...example,
    ...(granted ? { scope: granted.join(' ') } : {}),
    access_token: mintToken(scenario.code, 'access', expiresIn),
    expires_in: expiresIn,
    ...(refresh ? { refresh_token: mintToken(scenario.code, 'refresh', REFRESH_TOKEN_TTL_S) } : {}),
  });
}
