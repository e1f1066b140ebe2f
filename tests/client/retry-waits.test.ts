// The retry loop really waits, on fake timers: never sooner than Retry-After or the backoff asks, and never
// longer. A client that retried at once would hammer TrueLayer; these tests fail on it.
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, NetworkError, RateLimitError } from '../../src/index.ts';
import { type RetryRule, withRetries } from '../../src/retry.ts';
import { ACCESS_TOKEN, AUTH_CODE, JSON_HEADERS, PROBLEM_HEADERS, REDIRECT_URI, TOKEN_HEADERS, example, harness } from './fixtures.ts';

const PATH = '/signup-plus/accounts';
// Half a second past the full second: an HTTP-date (whole seconds) is then never a whole number of seconds away.
const NOW = Date.parse('2025-03-04T05:06:07.500Z');

beforeEach(() => {
  // A minute of process time has passed at NOW: the loop must measure elapsed time from its own start.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'], now: NOW - 60_000 });
  vi.advanceTimersByTime(60_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Settles `promise` into a readable state without awaiting it, so the test can step the clock around it. */
function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

const rateLimited = (retryAfter: string) => [429, example('problem.rate-limit-exceeded'), { headers: { ...PROBLEM_HEADERS, 'retry-after': retryAfter } }] as const;

describe('the retry loop waits', () => {
  it('for Retry-After (seconds) before the second GET, and not a millisecond less', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(...rateLimited('2'));
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN }));

    await vi.advanceTimersByTimeAsync(1_999);
    expect([h.calls().length, call.done]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls()).toHaveLength(2);
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect(call.error).toBeUndefined();
    expect(call.value?.meta.attempts).toBe(2);
  });

  it('for a Retry-After HTTP-date, counted from the answer, before retrying the token POST', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5_000 } });
    // 05:06:10 GMT is 2.5 s after NOW.
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(...rateLimited('Tue, 04 Mar 2025 05:06:10 GMT'));
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, example('token.success'), { headers: TOKEN_HEADERS });
    const call = track(h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));

    await vi.advanceTimersByTimeAsync(2_499);
    expect([h.calls().length, call.done]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect([h.calls().length, call.error]).toEqual([2, undefined]);
  });

  it('with exponential backoff (minDelayMs, then double) when there is no Retry-After', async () => {
    // random() = 1: the "equal jitter" delay is the whole backoff, 100 ms then 200 ms.
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const h = harness({ retry: { maxAttempts: 3, minDelayMs: 100, maxDelayMs: 5_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(503, 'Service Unavailable', { headers: { 'content-type': 'text/plain' } }).times(2);
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS });
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN }));

    await vi.advanceTimersByTimeAsync(99);
    expect(h.calls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect([h.calls().length, call.done]).toEqual([2, false]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect([h.calls().length, call.value?.meta.attempts]).toEqual([3, 3]);
  });

  it('and starts a retry that ends exactly at maxElapsedMs, but not one that ends after it', async () => {
    const h = harness({ retry: { maxAttempts: 3, maxElapsedMs: 2_000, minDelayMs: 1, maxDelayMs: 5_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(...rateLimited('2')).times(2);
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.calls()).toHaveLength(2);
    // The second 429 comes at 2 000 ms: another 2 s wait would end at 4 000, past maxElapsedMs.
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect(call.error).toBeInstanceOf(RateLimitError);
    expect(h.calls()).toHaveLength(2);
  });

  it('between reset connections, and throws the last error when attempts run out', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const h = harness({ retry: { maxAttempts: 3, minDelayMs: 100, maxDelayMs: 5_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).times(3);
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    await vi.advanceTimersByTimeAsync(300);
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect(call.error).toBeInstanceOf(NetworkError);
    expect(call.error).toMatchObject({ code: 'TL_NETWORK', reason: 'reset' });
    expect(h.calls()).toHaveLength(3);
  });

  it('and reports the last attempt\'s failure, not an earlier answer (a 503, then a reset)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 100, maxDelayMs: 5_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(503, 'Service Unavailable', { headers: { 'content-type': 'text/plain' } });
    h.api.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN }));
    await vi.advanceTimersByTimeAsync(100);
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect(call.error).toBeInstanceOf(NetworkError);
    expect(h.calls()).toHaveLength(2);
  });

  it('not at all when the caller aborts while the 429 is on its way', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5_000 } });
    const controller = new AbortController();
    // The caller gives up while the 429 is on its way.
    h.api.intercept({ path: PATH, method: 'GET' }).reply(() => {
      controller.abort(new Error('user went away'));
      return { statusCode: 429, data: example('problem.rate-limit-exceeded'), responseOptions: { headers: { ...PROBLEM_HEADERS, 'retry-after': '3' } } };
    });
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect(call.error).toBeInstanceOf(AbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('and a caller abort during the wait ends the call at once with AbortedError, without another attempt', async () => {
    const h = harness({ retry: { maxAttempts: 2, minDelayMs: 1, maxDelayMs: 5_000 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(...rateLimited('3'));
    const controller = new AbortController();
    const call = track(h.client.getAccounts({ accessToken: ACCESS_TOKEN, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('user went away'));
    await vi.waitFor(() => expect(call.done).toBe(true));
    expect(call.error).toBeInstanceOf(AbortedError);
    expect((call.error as AbortedError).cause).toMatchObject({ message: 'user went away' });
    expect(h.calls()).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('RateLimitError.retryAfter', () => {
  it('rounds a fractional wait up to whole seconds (never invites a retry sooner than asked)', async () => {
    const h = harness({ retry: { maxAttempts: 1 } });
    // 05:06:37 GMT is 29.5 s after NOW: 30, not 29.
    h.api.intercept({ path: PATH, method: 'GET' }).reply(...rateLimited('Tue, 04 Mar 2025 05:06:37 GMT'));
    const error = await h.client.getAccounts({ accessToken: ACCESS_TOKEN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(30);
  });
});

describe('the retry loop and the caller\'s signal', () => {
  // The loop on its own, with a scripted rule: each attempt answers the next word, and 'busy' asks for a retry
  // after a second. The rule's attempt ignores the signal, so only the loop can stop at an abort.
  const POLICY = { maxAttempts: 3, maxElapsedMs: 30_000, minDelayMs: 1, maxDelayMs: 5_000 };
  function scripted(answers: string[], onAttempt: (n: number) => void = () => {}) {
    const made: number[] = [];
    const rule: RetryRule<null, string> = {
      attempt: () => {
        made.push(made.length + 1);
        onAttempt(made.length);
        return Promise.resolve(answers[made.length - 1] ?? 'ok');
      },
      decide: (outcome) => (outcome.ok && outcome.value === 'busy' ? { retry: true, retryAfterMs: 1_000 } : { retry: false }),
      aborted: (reason) => ({ abortedWith: reason }),
    };
    return { rule, made };
  }
  const run = (rule: RetryRule<null, string>, signal: AbortSignal) =>
    track(withRetries(POLICY, rule, null, signal, performance.now(), (value, attempts) => ({ value, attempts })));

  it('stops at once when the signal aborted as an attempt ended: no wait, no other attempt', async () => {
    const controller = new AbortController();
    const reason = new Error('user went away');
    const { rule, made } = scripted(['busy'], () => controller.abort(reason));
    const call = run(rule, controller.signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(call).toEqual({ done: true, error: { abortedWith: reason } });
    expect([made.length, vi.getTimerCount()]).toEqual([1, 0]);
  });

  it('ends the wait when the signal aborts, starts no other attempt and leaves no listener on the signal', async () => {
    const controller = new AbortController();
    const reason = new Error('user went away');
    const { rule, made } = scripted(['busy']);
    const call = run(rule, controller.signal);
    await vi.advanceTimersByTimeAsync(500);
    expect([call.done, getEventListeners(controller.signal, 'abort').length]).toEqual([false, 1]);
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(call).toEqual({ done: true, error: { abortedWith: reason } });
    expect([made.length, vi.getTimerCount(), getEventListeners(controller.signal, 'abort').length]).toEqual([1, 0, 0]);
  });

  it('leaves no listener on a long-lived signal once its waits ran out (calls sharing one signal collect none)', async () => {
    const controller = new AbortController();
    const calls = [scripted(['busy', 'busy']), scripted(['busy']), scripted(['busy'])].map(({ rule }) => run(rule, controller.signal));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual([
      { done: true, value: { value: 'ok', attempts: 3 } },
      { done: true, value: { value: 'ok', attempts: 2 } },
      { done: true, value: { value: 'ok', attempts: 2 } },
    ]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
