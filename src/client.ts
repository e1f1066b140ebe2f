// The typed Signup+ client: token exchange, token refresh and the accounts lookup, each a small function over
// one HTTP exchange (transport.ts), the retry loop (retry.ts) and spec validation (validation.ts). All state is
// the options passed in; every answer is either a typed result or a typed, redacted error.
import type { Dispatcher } from 'undici';
import type { components } from './generated/signup-plus.ts';
import type { Environment } from './environments.ts';
import { buildAuthLink } from './auth-link.ts';
import type { AuthLinkOptions } from './auth-link.ts';
import {
  ConfigurationError,
  AbortedError,
  OAuthError,
  ProblemError,
  RateLimitError,
  ResponseValidationError,
} from './errors.ts';
import type { Problem, ValidationIssue } from './errors.ts';
import { DEFAULT_RETRY, parseRetryAfterMs, parseRetryAfterSeconds, withRetries } from './retry.ts';
import type { RetryDecision, RetryOptions, RetryRule } from './retry.ts';
import { DEFAULT_TIMEOUTS, exchange, isConnectionReset } from './transport.ts';
import type { Exchange, RawResponse, Timeouts } from './transport.ts';
import { documentedStatuses, jsonType, mediaType, validateHeaders, validateResponse } from './validation.ts';
import { redactHeaders } from './redact.ts';
import type { OperationId } from './validation.ts';
import { DEFAULT_USER_AGENT } from './version.ts';

export type Identity = components['schemas']['Identity'];
export type LinkedAccount = components['schemas']['LinkedAccount'];
export type MultipleAccountsLinked = components['schemas']['MultipleAccountsLinked'];
export type TokenResponse = components['schemas']['TokenResponse'];
export type { Problem, OAuthErrorBody } from './errors.ts';
export type { AuthLinkOptions } from './auth-link.ts';
export type { RetryOptions } from './retry.ts';
export type { Timeouts } from './transport.ts';

export interface ClientOptions {
  environment: Environment;
  clientId: string;
  /** Needed for token calls. */
  clientSecret?: string | undefined;
  /** e.g. a MockAgent in tests; default: a shared undici Agent. */
  dispatcher?: Dispatcher | undefined;
  /** Default true. When false, answers are still parsed and told apart, but not checked against the spec. */
  validateResponses?: boolean | undefined;
  timeouts?: Timeouts | undefined;
  retry?: RetryOptions | undefined;
  /** Default `signup-plus-harness/<version>`. */
  userAgent?: string | undefined;
  /**
   * How the token request is encoded. Default `form` (application/x-www-form-urlencoded, as TrueLayer's docs and
   * .NET SDK send it); `json` sends the same fields as a JSON object, as TrueLayer's own OpenAPI description and
   * its Java, PHP and Rust SDKs do. TrueLayer accepts both.
   */
  tokenRequestBody?: 'form' | 'json' | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeouts?: ClientOptions['timeouts'] | undefined;
}

export interface ResponseMeta {
  status: number;
  traceId?: string;
  /** From the first attempt to the last byte of the answer, retries included. */
  durationMs: number;
  attempts: number;
  /**
   * Every finding about the answer that did not stop the call: extra body fields (warnings) and header drift
   * (a missing required header or a header value that fails its schema; severity `error`, pointer
   * `/headers/<name>`). Header findings never make the client throw: a missing trace header must not fail a
   * user's onboarding. Drift reports (the smoke run) count the errors among them. Empty with validation off.
   */
  issues: ValidationIssue[];
  /** The findings of `issues` with severity `warning` (extra fields and other findings that do not make the answer unusable). */
  warnings: ValidationIssue[];
  /** The answer's headers: lower-cased names, repeated ones comma-joined, credential-like ones (set-cookie...) redacted. */
  headers: Record<string, string>;
}

export interface TokenSet {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** Absolute expiry: the time the answer arrived plus `expiresIn`. */
  expiresAt: Date;
  refreshToken?: string;
  scope?: string[];
  meta: ResponseMeta;
}

export type AccountsResult =
  | { kind: 'identity'; identity: Identity; meta: ResponseMeta }
  | { kind: 'multiple_accounts'; accounts: LinkedAccount[]; body: MultipleAccountsLinked; meta: ResponseMeta };

export interface SignupPlusClient {
  buildAuthLink(o: AuthLinkOptions): { url: string; state: string };
  /** `codeVerifier`: the PKCE verifier whose challenge was on the auth link (see createPkcePair). */
  exchangeCode(o: { code: string; redirectUri: string; codeVerifier?: string | undefined } & CallOptions): Promise<TokenSet>;
  refreshToken(o: { refreshToken: string } & CallOptions): Promise<TokenSet>;
  getAccounts(o: { accessToken: string; accountId?: string | undefined } & CallOptions): Promise<AccountsResult>;
  /** The identity behind the token, or, when several accounts are linked, the identity of each (at most maxAccounts, default 10). */
  getAllIdentities(o: { accessToken: string; maxAccounts?: number | undefined } & CallOptions): Promise<Array<{ accountId?: string; identity: Identity; meta: ResponseMeta }>>;
}

const TOKEN_PATH = '/connect/token';
const ACCOUNTS_PATH = '/signup-plus/accounts';
const ACCOUNTS_LABEL = `GET ${ACCOUNTS_PATH}`;
const GET_RETRY_STATUSES = new Set([429, 502, 503, 504]);
const POST_RETRY_STATUSES = new Set([429]);
const NO_RETRY = Object.freeze({ retry: false });

interface Answer {
  raw: RawResponse;
  attempts: number;
  durationMs: number;
  traceId: string | undefined;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export function createClient(options: ClientOptions): SignupPlusClient {
  const validate = options.validateResponses ?? true;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const retry = { ...DEFAULT_RETRY, ...definedOnly(options.retry) };
  const baseTimeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts) };
  const auth = splitBase(options.environment.authUrl);
  const api = splitBase(options.environment.apiUrl);
  const tokenJson = options.tokenRequestBody === 'json';
  if (options.tokenRequestBody !== undefined && options.tokenRequestBody !== 'form' && !tokenJson) {
    throw new ConfigurationError(`tokenRequestBody must be 'form' or 'json' (got ${JSON.stringify(options.tokenRequestBody)})`);
  }
  const encodeTokenRequest = (fields: Record<string, string>): string => (tokenJson ? JSON.stringify(fields) : new URLSearchParams(fields).toString());
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) throw new ConfigurationError('retry.maxAttempts must be a whole number >= 1');

  // Retry rules, built once: GET is idempotent (429, 502, 503, 504, resets); the token POST is retried only on
  // 429, never on 5xx or a reset, because the authorization code is single-use and may already be spent.
  const attempt = (x: Exchange) => exchange(x, options.dispatcher);
  const aborted = (reason: unknown, x: Exchange) => new AbortedError({ request: x.label, cause: reason, secrets: x.secrets });
  const rules: Record<'GET' | 'POST', RetryRule<Exchange, RawResponse>> = {
    GET: {
      attempt,
      aborted,
      decide: (outcome) => {
        if (!outcome.ok) return { retry: isConnectionReset(outcome.error) };
        if (!GET_RETRY_STATUSES.has(outcome.value.status)) return NO_RETRY;
        return retryAfter(outcome.value);
      },
    },
    POST: {
      attempt,
      aborted,
      decide: (outcome) => {
        if (!outcome.ok || !POST_RETRY_STATUSES.has(outcome.value.status)) return NO_RETRY;
        return retryAfter(outcome.value);
      },
    },
  };

  // Not async: one promise chain from the request to the caller's result (`finish`), no extra frames or hops
  // on the hot path; the client bench counts them.
  function call<R>(
    req: { method: 'GET' | 'POST'; origin: string; path: string; label: string; headers: Record<string, string>; body?: string },
    secrets: string[],
    o: CallOptions,
    finish: (a: Answer, secrets: string[]) => R,
  ): Promise<Awaited<R>> {
    const timeouts = o.timeouts ? { ...baseTimeouts, ...definedOnly(o.timeouts) } : baseTimeouts;
    const x: Exchange = { method: req.method, origin: req.origin, path: req.path, label: req.label, headers: req.headers, timeouts, signal: o.signal, secrets };
    if (req.body !== undefined) x.body = req.body;
    const started = performance.now();
    return withRetries(retry, rules[req.method], x, o.signal, started, (raw: RawResponse, attempts: number) => {
      const json = parseJson(raw);
      // Signup+ sends Tl-Trace-Id; the auth host's answers carry X-Tl-Correlation-Id (what TrueLayer's SDKs read).
      const header = raw.headers['tl-trace-id'] ?? raw.headers['x-tl-correlation-id'];
      const bodyTrace = (json as { trace_id?: unknown } | undefined)?.trace_id;
      const traceId = (Array.isArray(header) ? header[0] : header) ?? (typeof bodyTrace === 'string' ? bodyTrace : undefined);
      return finish({ raw, attempts, durationMs: performance.now() - started, json, traceId }, secrets);
    });
  }

  /** The answer's documented headers against the spec (validation on only); never a reason to throw. */
  function headerFindings(operationId: OperationId, a: Answer): ValidationIssue[] {
    return validate ? validateHeaders(operationId, a.raw.status, a.raw.headers) : [];
  }

  /** Everything the spec check finds about an error answer (body and headers), attached to the typed error. */
  function errorFindings(operationId: OperationId, a: Answer, bodyIssues?: ValidationIssue[]): ValidationIssue[] {
    if (!validate) return [];
    const body = bodyIssues ?? validateResponse(operationId, a.raw.status, contentTypeOf(a.raw), a.json);
    return [...body, ...headerFindings(operationId, a)];
  }

  /** Findings for an answer: all of them with validation on; without, only what makes it unreadable. */
  function findings(operationId: OperationId, a: Answer): ValidationIssue[] {
    if (!validate && a.raw.status === 200 && a.json !== undefined) return [];
    if (validate) return validateResponse(operationId, a.raw.status, contentTypeOf(a.raw), a.json);
    if (!documentedStatuses(operationId).has(a.raw.status)) return validateResponse(operationId, a.raw.status, undefined, undefined);
    if (a.json === undefined) return [{ pointer: '', severity: 'error', keyword: 'json', message: 'body is missing or not valid JSON', expected: 'json', actual: mediaType(contentTypeOf(a.raw)) ?? 'none' }];
    return [];
  }

  function invalid(operationId: OperationId, label: string, a: Answer, issues: ValidationIssue[], secrets: string[]): ResponseValidationError {
    return new ResponseValidationError({
      request: label,
      issues: [...issues, ...headerFindings(operationId, a)],
      status: a.raw.status,
      traceId: a.traceId,
      contentType: contentTypeOf(a.raw),
      // Keep an excerpt only of bodies that are not JSON (HTML error pages and the like): that is what one needs to see.
      body: a.json === undefined ? a.raw.text : undefined,
      secrets,
    });
  }

  /**
   * `bodyIssues`: the body's findings, all warnings (an answer with a body error is thrown, not returned), so
   * they are `warnings` as they are; header findings are always errors, so they are in `issues` only.
   */
  function meta(operationId: OperationId, a: Answer, bodyIssues: ValidationIssue[], secrets: string[]): ResponseMeta {
    const issues = [...bodyIssues, ...headerFindings(operationId, a)];
    const m: ResponseMeta = { status: a.raw.status, durationMs: a.durationMs, attempts: a.attempts, issues, warnings: bodyIssues, headers: redactHeaders(a.raw.headers, secrets) };
    if (a.traceId !== undefined) m.traceId = a.traceId;
    return m;
  }

  function rateLimited(operationId: OperationId, a: Answer, secrets: string[]): RateLimitError {
    const problem: Problem = isProblem(a.json)
      ? a.json
      // RFC 7807 §4.2: a problem of type about:blank has the HTTP status phrase as its title.
      : { type: 'about:blank', title: 'Too Many Requests', status: 429, trace_id: a.traceId ?? '' };
    return new RateLimitError({
      problem,
      status: 429,
      traceId: a.traceId,
      retryAfter: parseRetryAfterSeconds(a.raw.headers['retry-after'], a.raw.receivedAt),
      issues: errorFindings(operationId, a),
      secrets,
    });
  }

  async function token(form: Record<string, string>, secrets: string[], o: CallOptions): Promise<TokenSet> {
    if (!options.clientSecret) throw new ConfigurationError('clientSecret is not set; pass it to createClient to call the token endpoint');
    const label = `POST ${TOKEN_PATH}`;
    const a = await call(
      {
        method: 'POST',
        label,
        origin: auth.origin,
        path: `${auth.basePath}${TOKEN_PATH}`,
        headers: { 'content-type': tokenJson ? 'application/json' : 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': userAgent },
        body: encodeTokenRequest({ ...form, client_id: options.clientId, client_secret: options.clientSecret }),
      },
      secrets,
      o,
      (answer) => answer,
    );
    // Tokens the server sent are secrets too, whatever else is wrong with the answer.
    const body = a.json as Partial<TokenResponse> | undefined;
    for (const t of [body?.access_token, body?.refresh_token]) if (typeof t === 'string') secrets.push(t);
    const status = a.raw.status;
    if (status === 429) throw rateLimited('requestToken', a, secrets);
    if (status >= 400 && a.json !== undefined && typeof (a.json as { error?: unknown }).error === 'string') {
      // An OAuth-shaped refusal is the server's answer, whatever else is off in it (an undocumented status such as
      // the 401 RFC 6749 §5.2 allows for invalid_client, an extra field): those findings ride on the error, for drift reports.
      const e = a.json as { error: string; error_description?: unknown };
      throw new OAuthError({
        error: e.error,
        errorDescription: typeof e.error_description === 'string' ? e.error_description : undefined,
        status,
        traceId: a.traceId,
        issues: errorFindings('requestToken', a),
        secrets,
      });
    }
    const issues = findings('requestToken', a);
    if (status !== 200 || issues.some((i) => i.severity === 'error')) {
      throw invalid('requestToken', label, a, issues.length ? issues : unexpectedShape(status), secrets);
    }
    if (!validate) {
      const unusable = unreadable('requestToken', a.json);
      if (unusable) throw invalid('requestToken', label, a, [unusable], secrets);
    }
    const t = a.json as TokenResponse;
    const set: TokenSet = {
      accessToken: t.access_token,
      tokenType: t.token_type,
      expiresIn: t.expires_in,
      expiresAt: new Date(a.raw.receivedAt + t.expires_in * 1000),
      meta: meta('requestToken', a, issues, secrets),
    };
    if (t.refresh_token !== undefined) set.refreshToken = t.refresh_token;
    if (t.scope !== undefined) set.scope = t.scope.split(' ').filter(Boolean);
    return set;
  }

  function getAccounts(o: { accessToken: string; accountId?: string | undefined } & CallOptions): Promise<AccountsResult> {
    const secrets = options.clientSecret ? [o.accessToken, options.clientSecret] : [o.accessToken];
    const query = o.accountId === undefined ? '' : `?${new URLSearchParams({ account_id: o.accountId }).toString()}`;
    const request = {
      method: 'GET' as const,
      label: ACCOUNTS_LABEL,
      origin: api.origin,
      path: `${api.basePath}${ACCOUNTS_PATH}${query}`,
      headers: { authorization: `Bearer ${o.accessToken}`, accept: 'application/json, application/problem+json', 'user-agent': userAgent },
    };
    return call(request, secrets, o, accountsResult);
  }

  function accountsResult(a: Answer, secrets: string[]): AccountsResult {
    const status = a.raw.status;
    if (status === 429) throw rateLimited('getSignupPlusAccounts', a, secrets);
    const issues = findings('getSignupPlusAccounts', a);
    if (status !== 200 && documentedStatuses('getSignupPlusAccounts').has(status) && isProblem(a.json)) {
      throw new ProblemError({ problem: a.json, status, traceId: a.traceId, issues: errorFindings('getSignupPlusAccounts', a, issues), secrets });
    }
    if (status !== 200 || issues.some((i) => i.severity === 'error')) {
      throw invalid('getSignupPlusAccounts', ACCOUNTS_LABEL, a, issues.length ? issues : unexpectedShape(status), secrets);
    }
    if (!validate) {
      const unusable = unreadable('getSignupPlusAccounts', a.json);
      if (unusable) throw invalid('getSignupPlusAccounts', ACCOUNTS_LABEL, a, [unusable], secrets);
    }
    // An object by now: the spec check, or with it off `unreadable`, refused anything else.
    const body = a.json as Identity | MultipleAccountsLinked;
    if ('result' in body) {
      return { kind: 'multiple_accounts', accounts: body.accounts, body, meta: meta('getSignupPlusAccounts', a, issues, secrets) };
    }
    return { kind: 'identity', identity: body as Identity, meta: meta('getSignupPlusAccounts', a, issues, secrets) };
  }

  return {
    buildAuthLink: (o) => buildAuthLink(options.environment, options.clientId, o),
    exchangeCode: (o) =>
      token(
        { grant_type: 'authorization_code', redirect_uri: o.redirectUri, code: o.code, ...(o.codeVerifier !== undefined ? { code_verifier: o.codeVerifier } : {}) },
        compact([options.clientSecret, o.code, o.codeVerifier]),
        o,
      ),
    refreshToken: (o) => token({ grant_type: 'refresh_token', refresh_token: o.refreshToken }, compact([options.clientSecret, o.refreshToken]), o),
    getAccounts,
    async getAllIdentities(o) {
      const first = await getAccounts(o);
      if (first.kind === 'identity') return [{ identity: first.identity, meta: first.meta }];
      const max = o.maxAccounts ?? 10;
      const out: Array<{ accountId?: string; identity: Identity; meta: ResponseMeta }> = [];
      // One at a time: a user has a handful of accounts, and parallel calls would only meet the rate limit sooner.
      for (const account of first.accounts.slice(0, Math.max(0, max))) {
        const next = await getAccounts({ accessToken: o.accessToken, accountId: account.account_id, signal: o.signal, timeouts: o.timeouts });
        if (next.kind !== 'identity') {
          throw new ResponseValidationError({
            request: ACCOUNTS_LABEL,
            issues: [{ pointer: '/result', severity: 'error', keyword: 'result', message: 'an answer for one account_id must be an identity, not another account list', expected: 'absent', actual: 'string' }],
            status: next.meta.status,
            traceId: next.meta.traceId,
            secrets: compact([o.accessToken, options.clientSecret]),
          });
        }
        out.push({ accountId: account.account_id, identity: next.identity, meta: next.meta });
      }
      return out;
    },
  };
}

/** `https://host:port/base` → origin and base path (no trailing slash), once per client. */
function splitBase(baseUrl: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigurationError(`environment URL ${JSON.stringify(baseUrl)} is not absolute; use SANDBOX, LIVE or customEnvironment()`);
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/**
 * With validation off, the one check left on a 200: the fields the client itself reads have the types it reads
 * them as, so that a wrong answer is still a typed error and never a TypeError (or a NaN expiry) later on.
 */
function unreadable(operationId: OperationId, json: unknown): ValidationIssue | undefined {
  const issue = (pointer: string, expected: string, value: unknown): ValidationIssue =>
    ({ pointer, severity: 'error', keyword: 'type', message: `must be ${expected}`, expected, actual: jsonType(value) });
  if (!isObject(json)) return issue('', 'object', json);
  if (operationId === 'requestToken') {
    if (typeof json.access_token !== 'string') return issue('/access_token', 'string', json.access_token);
    if (typeof json.expires_in !== 'number' || !Number.isFinite(json.expires_in)) return issue('/expires_in', 'number', json.expires_in);
    for (const key of ['refresh_token', 'scope']) if (json[key] !== undefined && typeof json[key] !== 'string') return issue(`/${key}`, 'string', json[key]);
    return undefined;
  }
  if (!('result' in json)) return undefined;
  if (!Array.isArray(json.accounts)) return issue('/accounts', 'array', json.accounts);
  const bad = json.accounts.findIndex((account) => !isObject(account) || typeof account.account_id !== 'string');
  return bad < 0 ? undefined : issue(`/accounts/${bad}/account_id`, 'string', (json.accounts[bad] as { account_id?: unknown } | null)?.account_id);
}

function unexpectedShape(status: number): ValidationIssue[] {
  return [{ pointer: '', severity: 'error', keyword: 'shape', message: `the HTTP ${status} body is not the documented error shape`, actual: 'object' }];
}

function parseJson(raw: RawResponse): unknown {
  try {
    return JSON.parse(raw.text) as unknown;
  } catch {
    return undefined;
  }
}

function contentTypeOf(raw: RawResponse): string | undefined {
  const value = raw.headers['content-type'];
  return Array.isArray(value) ? value[0] : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Recognisably a problem document (a title at least); the schema check, when on, says whether it is a good one. */
function isProblem(value: unknown): value is Problem {
  return isObject(value) && typeof value.title === 'string';
}

function compact(values: Array<string | undefined>): string[] {
  return values.filter((v): v is string => Boolean(v));
}

/** A retry, after the wait the answer's Retry-After asks for (if any). */
function retryAfter(raw: RawResponse): RetryDecision {
  return { retry: true, retryAfterMs: parseRetryAfterMs(raw.headers['retry-after'], Date.now()) };
}

function definedOnly<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
