// One error hierarchy for everything the client can meet, undici-style: each class has a stable `code`, plus
// `status` and TrueLayer's `traceId` when known. Messages, causes and kept bodies are redacted when the error is
// built (with the call's known secrets), so message, toString(), toJSON() and util.inspect never leak them.
import { REDACTED, redactText, redactValue } from './redact.ts';
import type { components } from './generated/signup-plus.ts';

export type Problem = components['schemas']['Problem'];
export type OAuthErrorBody = components['schemas']['OAuthError'];

/** One finding about a response. `actual` is a type or format name, never the value itself. */
export interface ValidationIssue {
  pointer: string;
  severity: 'error' | 'warning';
  keyword: string;
  message: string;
  expected?: string;
  actual?: string;
}

export interface ErrorInit {
  status?: number | undefined;
  traceId?: string | undefined;
  cause?: unknown;
  /** Secret values of the call (client secret, code, tokens); used only to redact, never stored. */
  secrets?: Iterable<string | undefined> | undefined;
}

export type ErrorCode =
  | 'TL_ERROR'
  | 'TL_OAUTH_ERROR'
  | 'TL_PROBLEM'
  | 'TL_RATE_LIMITED'
  | 'TL_TIMEOUT'
  | 'TL_NETWORK'
  | 'TL_RESPONSE_INVALID'
  | 'TL_ABORTED'
  | 'TL_MISCONFIGURED';

export class SignupPlusError extends Error {
  declare readonly code: ErrorCode;
  declare readonly status?: number;
  declare readonly traceId?: string;

  constructor(code: ErrorCode, message: string, init: ErrorInit = {}) {
    const secrets = [...(init.secrets ?? [])];
    super(redactText(message, secrets), init.cause === undefined ? undefined : { cause: sanitizeCause(init.cause, secrets, 0) });
    define(this, 'code', code);
    if (init.status !== undefined) define(this, 'status', init.status);
    if (init.traceId !== undefined) define(this, 'traceId', redactText(init.traceId, secrets));
  }

  /** Extra fields of a subclass, already redacted; merged into toJSON(). */
  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): Record<string, unknown> {
    const cause = (this as { cause?: unknown }).cause;
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.status !== undefined) json.status = this.status;
    if (this.traceId !== undefined) json.traceId = this.traceId;
    Object.assign(json, this.details());
    if (cause !== undefined) json.cause = causeToJSON(cause);
    // Every field was redacted with the call's secrets when the error was built; nothing here adds new text.
    return json;
  }
}

const OAUTH_HINTS: Record<string, string> = {
  invalid_authorization_code: 'the code is wrong, older than 5 minutes or already used; exchange a code at once, and send the user through a new auth link',
  invalid_grant: 'the refresh token (or code) is invalid, expired or revoked, or redirect_uri differs from the auth link; reconnect the user',
  invalid_client: 'check the client id and client secret of this environment in TrueLayer Console (sent in the body, not as HTTP Basic)',
  unauthorized_client: 'check the auth link, the client id and that redirect_uri is one of the app\'s allowed redirect URIs in TrueLayer Console',
  invalid_scope: 'a requested scope is not enabled for this client (in live, ask TrueLayer Support to enable signupplus)',
  unsupported_grant_type: 'only authorization_code and refresh_token are supported here',
  invalid_request: 'a field is missing, repeated or malformed; check redirect_uri matches the auth link',
  server_error: 'TrueLayer failed to answer; try again later with a new code (the one sent may be spent)',
};

/**
 * Where an error answer itself differs from the spec (an undocumented field, a value outside an enum, a missing
 * header...). The error still stands for what the server said; these findings are for drift reports.
 * Empty when the answer matches, or when validation is off.
 */
export interface AnswerIssues {
  issues?: ValidationIssue[] | undefined;
}

/** The token endpoint refused the request (RFC 6749 §5.2); `error` is the OAuth error code. */
export class OAuthError extends SignupPlusError {
  declare readonly error: string;
  declare readonly errorDescription?: string;
  /** How the error answer (body and headers) differs from the spec's OAuthError; see {@link AnswerIssues}. */
  declare readonly issues: ValidationIssue[];

  constructor(init: ErrorInit & AnswerIssues & { error: string; errorDescription?: string | undefined }) {
    const secrets = [...(init.secrets ?? [])];
    const error = redactText(init.error, secrets);
    const description = init.errorDescription === undefined ? undefined : redactText(init.errorDescription, secrets);
    const hint = OAUTH_HINTS[error];
    super(
      'TL_OAUTH_ERROR',
      `token request refused: ${error}${description ? ` (${description})` : ''}${statusText(init)}${hint ? `; ${hint}` : ''}`,
      { ...init, secrets },
    );
    define(this, 'error', error);
    if (description !== undefined) define(this, 'errorDescription', description);
    define(this, 'issues', redactValue(init.issues ?? [], secrets));
  }

  protected override details(): Record<string, unknown> {
    return { error: this.error, errorDescription: this.errorDescription, ...issuesJSON(this.issues) };
  }
}

/** The API answered a problem document (RFC 7807), as application/json or application/problem+json. */
export class ProblemError extends SignupPlusError {
  declare readonly problem: Problem;
  declare readonly title: string;
  declare readonly detail?: string;
  /** Field name mapped to its messages, when the API sent them. */
  declare readonly errors?: Record<string, string[]>;
  /** How the error answer (body and headers) differs from the spec's Problem; see {@link AnswerIssues}. */
  declare readonly issues: ValidationIssue[];

  constructor(init: ErrorInit & AnswerIssues & { problem: Problem }, code: ErrorCode = 'TL_PROBLEM') {
    const secrets = [...(init.secrets ?? [])];
    const problem = redactValue(init.problem, secrets);
    const fields = isRecord(problem.errors) ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`) : [];
    super(
      code,
      `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}${fields.length ? ` [${fields.join('; ')}]` : ''}${statusText(init)}`,
      { ...init, traceId: init.traceId ?? problem.trace_id, secrets },
    );
    define(this, 'problem', problem);
    define(this, 'title', problem.title);
    if (problem.detail !== undefined) define(this, 'detail', problem.detail);
    if (problem.errors !== undefined) define(this, 'errors', problem.errors);
    define(this, 'issues', redactValue(init.issues ?? [], secrets));
  }

  protected override details(): Record<string, unknown> {
    return { title: this.title, detail: this.detail, errors: this.errors, problem: this.problem, ...issuesJSON(this.issues) };
  }
}

/** HTTP 429 after the retries allowed; `retryAfter` is in seconds when the server sent Retry-After. */
export class RateLimitError extends ProblemError {
  declare readonly retryAfter?: number;

  constructor(init: ErrorInit & AnswerIssues & { problem: Problem; retryAfter?: number | undefined }) {
    super(init, 'TL_RATE_LIMITED');
    if (init.retryAfter !== undefined) define(this, 'retryAfter', init.retryAfter);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), retryAfter: this.retryAfter };
  }
}

export type TimeoutPhase = 'connect' | 'headers' | 'body';

/** No connection, no response headers, or no complete body within the configured time. */
export class TimeoutError extends SignupPlusError {
  declare readonly phase: TimeoutPhase;
  declare readonly timeoutMs: number;

  constructor(init: ErrorInit & { phase: TimeoutPhase; timeoutMs: number; request: string }) {
    const what = { connect: 'no connection', headers: 'no response headers', body: 'response body not complete' }[init.phase];
    super('TL_TIMEOUT', `${init.request}: ${what} within ${init.timeoutMs} ms; raise timeouts.${init.phase}Ms or check the server`, init);
    define(this, 'phase', init.phase);
    define(this, 'timeoutMs', init.timeoutMs);
  }

  protected override details(): Record<string, unknown> {
    return { phase: this.phase, timeoutMs: this.timeoutMs };
  }
}

export type NetworkReason = 'refused' | 'reset' | 'dns' | 'closed' | 'tls' | 'other';

/** The request never got an HTTP answer: connection refused or reset, DNS failure, TLS failure. */
export class NetworkError extends SignupPlusError {
  declare readonly reason: NetworkReason;

  constructor(init: ErrorInit & { reason: NetworkReason; request: string; detail?: string | undefined }) {
    super('TL_NETWORK', `${init.request}: network error (${init.reason}${init.detail ? `: ${init.detail}` : ''}); check the base URL and that the server is up`, init);
    define(this, 'reason', init.reason);
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

/** The answer is not what the spec documents: undocumented status, not JSON, or a body that fails the schema. */
export class ResponseValidationError extends SignupPlusError {
  /** Every finding, errors and warnings. */
  declare readonly issues: ValidationIssue[];
  declare readonly contentType?: string;
  /** The first characters of the body, redacted; kept for diagnosis of non-JSON answers. */
  declare readonly bodyExcerpt?: string;

  constructor(init: ErrorInit & { issues: ValidationIssue[]; request: string; contentType?: string | undefined; body?: string | undefined }) {
    const secrets = [...(init.secrets ?? [])];
    const issues = redactValue(init.issues, secrets);
    const errors = issues.filter((i) => i.severity === 'error');
    const shown = errors.slice(0, 3).map((i) => `${i.pointer || '(root)'} ${i.message}`);
    const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
    super(
      'TL_RESPONSE_INVALID',
      `${init.request}: response does not match the spec${statusText(init)}: ${shown.join('; ')}${more}`,
      { ...init, secrets },
    );
    define(this, 'issues', issues);
    if (init.contentType !== undefined) define(this, 'contentType', redactText(init.contentType, secrets));
    if (init.body !== undefined) define(this, 'bodyExcerpt', excerpt(init.body, secrets));
  }

  protected override details(): Record<string, unknown> {
    return { issues: this.issues, contentType: this.contentType, bodyExcerpt: this.bodyExcerpt };
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends SignupPlusError {
  constructor(init: ErrorInit & { request: string }) {
    super('TL_ABORTED', `${init.request}: aborted by the caller`, init);
  }
}

/** The client was called without what it needs (e.g. no clientSecret for a token call). */
export class ConfigurationError extends SignupPlusError {
  constructor(message: string) {
    super('TL_MISCONFIGURED', message);
  }
}

// Names on the prototypes, so that the stack header captured in the constructor already says the right name.
for (const cls of [SignupPlusError, OAuthError, ProblemError, RateLimitError, TimeoutError, NetworkError, ResponseValidationError, AbortedError, ConfigurationError]) {
  Object.defineProperty(cls.prototype, 'name', { value: cls.name, writable: true, configurable: true, enumerable: false });
}

const EXCERPT_CHARS = 200;
const EXCERPT_SCAN_CHARS = 64 * 1024;

/** Redact first, then cut, so that a secret is never half-shown at the cut. */
function excerpt(body: string, secrets: Array<string | undefined>): string {
  const redacted = redactText(body.slice(0, EXCERPT_SCAN_CHARS), secrets);
  let out = redacted.slice(0, EXCERPT_CHARS);
  // Do not end inside a redaction marker.
  const partial = out.lastIndexOf('[');
  if (partial > EXCERPT_CHARS - REDACTED.length && !out.slice(partial).includes(']')) out = out.slice(0, partial);
  return redacted.length > EXCERPT_CHARS ? `${out}…` : out;
}

/** `issues` in toJSON() only when there are some, so a clean error serialises as before. */
function issuesJSON(issues: ValidationIssue[]): { issues?: ValidationIssue[] } {
  return issues.length > 0 ? { issues } : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function statusText(init: ErrorInit): string {
  const parts = [init.status !== undefined ? `HTTP ${init.status}` : undefined, init.traceId ? `trace id ${init.traceId}` : undefined].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: true });
}

/** A redacted copy of a cause: the original may carry a body excerpt (e.g. a JSON SyntaxError) or a URL. */
function sanitizeCause(cause: unknown, secrets: Array<string | undefined>, depth: number): unknown {
  if (cause instanceof SignupPlusError) return cause;
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const copy = new Error(redactText(cause.message, secrets), inner !== undefined && depth < 3 ? { cause: sanitizeCause(inner, secrets, depth + 1) } : undefined);
    Object.defineProperty(copy, 'name', { value: cause.name, writable: true, configurable: true, enumerable: false });
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') define(copy, 'code', code);
    copy.stack = redactText(cause.stack ?? `${cause.name}: ${copy.message}`, secrets);
    return copy;
  }
  return redactValue(cause, secrets);
}

function causeToJSON(cause: unknown): unknown {
  if (cause instanceof SignupPlusError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return { name: cause.name, message: cause.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return cause;
}
