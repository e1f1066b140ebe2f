// Retry policy and loop, in one place. An explicit loop rather than undici's `interceptors.retry`: that
// interceptor has no jitter, no total-time bound and no per-request "POST only on 429" rule, and it hides the
// attempt count that ResponseMeta reports. The loop: bounded attempts and elapsed time, exponential backoff with
// jitter, Retry-After (seconds or HTTP-date) honoured: never retried sooner, and not at all when it asks for a
// longer wait than maxDelayMs (the caller gets RateLimitError.retryAfter and can decide).

export interface RetryOptions {
  /** Attempts in all, including the first (default 3). */
  maxAttempts?: number | undefined;
  /** No retry is started whose wait would end after this much time since the first attempt (default 30 000); a call thus ends within this plus one attempt's timeouts. */
  maxElapsedMs?: number | undefined;
  /** Backoff of the first retry (default 200); doubles on each retry. */
  minDelayMs?: number | undefined;
  /** Cap of any one wait (default 5 000). A Retry-After longer than this ends the retries: the server said not sooner. */
  maxDelayMs?: number | undefined;
}

/** The options with every default filled in (an explicit `undefined` in RetryOptions means "the default"). */
export type RetryPolicy = { [K in keyof RetryOptions]-?: Exclude<RetryOptions[K], undefined> };

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, maxElapsedMs: 30_000, minDelayMs: 200, maxDelayMs: 5_000 };

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined if absent or unreadable. */
export function parseRetryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a day and month; without letters, Date.parse would accept things like "-5".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Retry-After in whole seconds (rounded up), as RateLimitError.retryAfter reports it. */
export function parseRetryAfterSeconds(value: string | string[] | undefined, now: number): number | undefined {
  const ms = parseRetryAfterMs(value, now);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/**
 * The wait before retry number `retry` (1 = the first retry), or undefined for no retry. Retry-After wins when
 * present (RFC 9110 §10.2.3: retrying sooner only meets the same refusal and may extend it), and a Retry-After
 * beyond maxDelayMs means no retry; otherwise exponential backoff with "equal jitter" (half fixed, half random)
 * so that clients do not retry in step.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxDelayMs ? retryAfterMs : undefined;
  const base = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (retry - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface RetryDecision {
  retry: boolean;
  /** Retry-After of this outcome in ms, when the server sent one (undefined: none). */
  retryAfterMs?: number | undefined;
}

/** How one kind of request is retried; built once per client, so a call allocates no closures. */
export interface RetryRule<A, T> {
  attempt: (arg: A) => Promise<T>;
  decide: (outcome: AttemptOutcome<T>, arg: A) => RetryDecision;
  /** The error to throw when the caller's signal aborts a wait between attempts. */
  aborted: (reason: unknown, arg: A) => unknown;
}

/**
 * Runs `rule.attempt(arg)` until `rule.decide` says stop, attempts or elapsed time run out, or `signal` aborts,
 * then hands the last value (even a retryable status: the caller turns it into its error) to `finish`, or
 * throws the last error. The first attempt is chained directly into `finish` (no extra async frame or promise
 * hop): most calls never retry, and the client bench counts every microsecond on that path.
 */
export function withRetries<A, T, R>(
  policy: RetryPolicy,
  rule: RetryRule<A, T>,
  arg: A,
  signal: AbortSignal | undefined,
  started: number,
  finish: (value: T, attempts: number) => R,
): Promise<Awaited<R>> {
  return rule.attempt(arg).then(
    (value) => settleFirst({ ok: true, value }, policy, rule, arg, signal, started, finish),
    (error: unknown) => settleFirst({ ok: false, error }, policy, rule, arg, signal, started, finish),
  ) as Promise<Awaited<R>>;
}

function settleFirst<A, T, R>(
  outcome: AttemptOutcome<T>,
  policy: RetryPolicy,
  rule: RetryRule<A, T>,
  arg: A,
  signal: AbortSignal | undefined,
  started: number,
  finish: (value: T, attempts: number) => R,
): R | Promise<R> {
  const decision = rule.decide(outcome, arg);
  if (decision.retry && policy.maxAttempts > 1) {
    return retryLoop(policy, rule, arg, signal, started, outcome, decision).then(({ value, attempts }) => finish(value, attempts));
  }
  if (outcome.ok) return finish(outcome.value, 1);
  throw outcome.error;
}

async function retryLoop<A, T>(
  policy: RetryPolicy,
  rule: RetryRule<A, T>,
  arg: A,
  signal: AbortSignal | undefined,
  started: number,
  first: AttemptOutcome<T>,
  firstDecision: RetryDecision,
): Promise<{ value: T; attempts: number }> {
  let outcome = first;
  let decision = firstDecision;
  for (let n = 1; ; n++) {
    const delay = decision.retry && n < policy.maxAttempts ? retryDelayMs(n, decision.retryAfterMs, policy) : undefined;
    if (delay === undefined || performance.now() - started + delay > policy.maxElapsedMs) {
      if (outcome.ok) return { value: outcome.value, attempts: n };
      throw outcome.error;
    }
    if (!(await wait(delay, signal))) throw rule.aborted(signal?.reason, arg);
    try {
      outcome = { ok: true, value: await rule.attempt(arg) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    decision = rule.decide(outcome, arg);
  }
}

/**
 * Resolves true after `ms`, or false as soon as `signal` aborts. On the global timers (not
 * node:timers/promises) so that tests drive the waits with fake timers instead of the wall clock.
 */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
