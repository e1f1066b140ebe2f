// GET /signup-plus/accounts: the bearer token names the scenario, the scenario names the spec example (or a
// fault), and `account_id` picks one linked account's identity. Refusals are the spec's problem examples.
import type { Exchange, Outcome } from './exchange.ts';
import { named, withBody } from './exchange.ts';
import { readPrefer } from './prefer.ts';
import { ACCOUNTS_ERRORS, scenarioNamed } from './scenarios.ts';
import { verifyToken } from './tokens.ts';

/** RFC 6750 §3: a 401 from a bearer-protected resource names the scheme. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="signup-plus-mock"' };
const INVALID_TOKEN = { 'WWW-Authenticate': 'Bearer realm="signup-plus-mock", error="invalid_token"' };

/** Checks a value against the spec's account_id schema (type string: minLength, maxLength, pattern). */
export function accountIdRule(schema: Record<string, unknown> | undefined): (value: string) => boolean {
  const min = typeof schema?.minLength === 'number' ? schema.minLength : 1;
  const max = typeof schema?.maxLength === 'number' ? schema.maxLength : Infinity;
  const pattern = typeof schema?.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
  return (value) => value.length >= min && value.length <= max && (!pattern || pattern.test(value));
}

export async function handleAccounts(exchange: Exchange, isAccountId: (value: string) => boolean): Promise<Outcome> {
  const { req, url, settings } = exchange;
  const unauthorized = async (headers: Record<string, string>): Promise<Outcome> => ({
    answer: await named(exchange, 'getSignupPlusAccounts', ACCOUNTS_ERRORS.unauthorized),
    headers,
  });
  const authorization = req.headers.authorization;
  if (!authorization) return unauthorized(CHALLENGE);
  exchange.secrets.push(authorization);
  const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization)?.[1];
  if (!bearer) return unauthorized(INVALID_TOKEN);
  const check = verifyToken(bearer, 'access');
  const scenario = check.ok ? scenarioNamed(check.claims.scn) : undefined;
  if (!scenario) return unauthorized(INVALID_TOKEN);
  exchange.scenario = scenario.code;

  const ids = url.searchParams.getAll('account_id');
  const accountId = ids[0];
  if (ids.length > 1 || (accountId !== undefined && !isAccountId(accountId))) {
    return { answer: await named(exchange, 'getSignupPlusAccounts', ACCOUNTS_ERRORS.invalidParameters) };
  }

  const prefer = readPrefer(req.headers.prefer);
  if (prefer) {
    const result = prefer.ok ? await exchange.engine.answer('getSignupPlusAccounts', prefer.preference) : prefer;
    if (result.ok) return { answer: result.answer };
    const refusal = await named(exchange, 'getSignupPlusAccounts', ACCOUNTS_ERRORS.invalidParameters);
    const reason = result.reason.startsWith('Prefer') ? result.reason : `Prefer: ${result.reason}`;
    return { answer: withBody(refusal, { ...(refusal.body as object), detail: reason, errors: { Prefer: [reason] } }) };
  }

  let answer = await named(exchange, 'getSignupPlusAccounts', scenario.accounts);
  if (accountId !== undefined && answer.status === 200) {
    const perAccount = scenario.perAccount && linkedAccountIds(answer.body).includes(accountId)
      ? await exchange.engine.answer('getSignupPlusAccounts', {
          status: 200,
          example: scenario.perAccount.example.replace('{account_id}', accountId),
        })
      : undefined;
    if (!perAccount?.ok) return { answer: await named(exchange, 'getSignupPlusAccounts', ACCOUNTS_ERRORS.notListed) };
    answer = perAccount.answer;
  }
  if (settings.identities && answer.status === 200 && !isAccountList(answer.body)) {
    answer = withBody(answer, settings.identities(scenario.code, accountId));
  }
  return scenario.fault ? { answer, fault: scenario.fault } : { answer };
}

/** A 200 answer is a JSON object (the spec's Identity or MultipleAccountsLinked); only the list has `result`. */
function isAccountList(body: unknown): boolean {
  return 'result' in (body as object);
}

/** The ids of a MultipleAccountsLinked answer, whose schema requires `accounts`, each with its `account_id`. */
function linkedAccountIds(body: unknown): string[] {
  return (body as { accounts: Array<{ account_id: string }> }).accounts.map((account) => account.account_id);
}
