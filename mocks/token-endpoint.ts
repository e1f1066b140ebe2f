// POST /connect/token: the OAuth 2.0 token endpoint (RFC 6749 §4.1.3, §6; answers per §5.1 and §5.2). The code
// picks the scenario; the answer is the spec's example with freshly minted, self-describing tokens.
import { isMintedCode } from './auth-codes.ts';
import { readPrefer } from './prefer.ts';
import type { Exchange, Outcome } from './exchange.ts';
import { named, withBody } from './exchange.ts';
import { isScenarioCode, scenarioForCode, scenarioNamed, TOKEN_ANSWER, TOKEN_ERRORS, type ExampleRef, type Scenario } from './scenarios.ts';
import { mintToken, REFRESH_TOKEN_TTL_S, verifyToken } from './tokens.ts';

/** RFC 6749 §5.1: token answers, success or error, are never cached. Cache-Control comes from the spec. */
const NO_CACHE = { Pragma: 'no-cache' };
const GRANTS = new Set(['authorization_code', 'refresh_token']);

type Refusal = keyof typeof TOKEN_ERRORS;

async function refuse(exchange: Exchange, refusal: Refusal, extra: Record<string, string> = {}): Promise<Outcome> {
  return { answer: await named(exchange, 'requestToken', TOKEN_ERRORS[refusal]), headers: { ...NO_CACHE, ...extra } };
}

/** A minted code refused: TrueLayer's invalid_authorization_code, or invalid_grant for a binding mismatch. */
async function refuseCode(exchange: Exchange, error: 'invalid_authorization_code' | 'invalid_grant', description: string): Promise<Outcome> {
  const answer = await named(exchange, 'requestToken', TOKEN_ERRORS.invalidGrant);
  return { answer: withBody(answer, { error, error_description: description }), headers: NO_CACHE };
}

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** RFC 6749 §2.3.1: `Authorization: Basic base64(urlencode(id):urlencode(secret))`. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | 'malformed' | undefined {
  if (!header || !/^basic\s/i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return 'malformed';
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

function isAbsoluteUrl(text: string): boolean {
  try {
    return Boolean(new URL(text).protocol);
  } catch {
    return false;
  }
}

export async function handleToken(exchange: Exchange): Promise<Outcome> {
  const { req, settings } = exchange;
  if (!isForm(req.headers['content-type'])) return refuse(exchange, 'invalidRequest');
  const form = new URLSearchParams(exchange.body.toString('utf8'));
  const field = (name: string): string => form.get(name) ?? '';
  for (const name of ['client_secret', 'refresh_token', 'code_verifier']) if (field(name)) exchange.secrets.push(field(name));
  // A code that names a scenario is public (it is the scenario's name); any other code is treated as a secret.
  if (field('code') && !isScenarioCode(field('code'))) exchange.secrets.push(field('code'));
  const basic = basicCredentials(req.headers.authorization);
  if (req.headers.authorization) exchange.secrets.push(req.headers.authorization);

  if (new Set(form.keys()).size !== [...form.keys()].length) return refuse(exchange, 'invalidRequest');
  if (basic === 'malformed') return refuse(exchange, 'invalidClient', { 'WWW-Authenticate': 'Basic realm="signup-plus-mock"' });
  // RFC 6749 §2.3: one client authentication method per request.
  if (basic && form.has('client_secret')) return refuse(exchange, 'invalidRequest');
  const grantType = field('grant_type');
  if (!grantType) return refuse(exchange, 'invalidRequest');
  if (!GRANTS.has(grantType)) return refuse(exchange, 'unsupportedGrantType');
  const clientId = basic?.id ?? field('client_id');
  const clientSecret = basic?.secret ?? field('client_secret');
  const required = grantType === 'authorization_code' ? ['code', 'redirect_uri'] : ['refresh_token'];
  if (!clientId || !clientSecret || required.some((name) => !field(name))) return refuse(exchange, 'invalidRequest');
  if (grantType === 'authorization_code' && !isAbsoluteUrl(field('redirect_uri'))) return refuse(exchange, 'invalidRequest');
  if (
    (settings.clientId !== undefined && clientId !== settings.clientId) ||
    (settings.clientSecret !== undefined && clientSecret !== settings.clientSecret)
  ) {
    return refuse(exchange, 'invalidClient', basic ? { 'WWW-Authenticate': 'Basic realm="signup-plus-mock"' } : {});
  }

  let scenario: Scenario;
  if (grantType === 'authorization_code' && isMintedCode(field('code'))) {
    // A code the auth dialog minted: single use, bound to client, redirect URI and PKCE (mocks/auth-codes.ts).
    const codeVerifier = field('code_verifier');
    const spent = settings.codes.consume(field('code'), { clientId, redirectUri: field('redirect_uri'), ...(codeVerifier ? { codeVerifier } : {}) });
    if (!spent.ok) return refuseCode(exchange, spent.error, spent.reason);
    scenario = scenarioForCode(spent.grant.scenario);
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
    return { answer: result.answer.status === 200 ? withTokens(result.answer, scenario) : result.answer, headers: NO_CACHE };
  }

  const ref: ExampleRef = scenario.token ?? TOKEN_ANSWER;
  const answer = await named(exchange, 'requestToken', ref);
  return { answer: answer.status === 200 ? withTokens(answer, scenario) : answer, headers: NO_CACHE };
}

/** The spec's token example with a fresh pair for this scenario; lifetime and scope are the example's. */
function withTokens(answer: Outcome['answer'], scenario: Scenario): Outcome['answer'] {
  const example = answer.body as Record<string, unknown>;
  const expiresIn = typeof example.expires_in === 'number' && example.expires_in > 0 ? example.expires_in : 3600;
  return withBody(answer, {
    ...example,
    access_token: mintToken(scenario.code, 'access', expiresIn),
    expires_in: expiresIn,
    ...('refresh_token' in example ? { refresh_token: mintToken(scenario.code, 'refresh', REFRESH_TOKEN_TTL_S) } : {}),
  });
}
