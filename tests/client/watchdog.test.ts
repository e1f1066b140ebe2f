// The exchange watchdog (src/transport.ts), on fake timers and a dispatcher the test drives by hand: it ends a
// call whose headers or body never come, at the right moment, naming the phase that stalled and its budget.
import type { Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, ResponseValidationError, TimeoutError } from '../../src/index.ts';
import { MAX_BODY_BYTES, exchange, type Exchange } from '../../src/transport.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const TIMEOUTS = { connectMs: 100, headersMs: 200, bodyMs: 300 };

/** A dispatcher that only records the handler: the test plays the server by calling its hooks. */
function driven(x: Partial<Exchange> = {}) {
  let handler!: Dispatcher.DispatchHandler;
  const aborted: unknown[] = [];
  const controller = { abort: (reason: unknown) => aborted.push(reason), pause() {}, resume() {}, aborted: false, paused: false, reason: null } as unknown as Dispatcher.DispatchController;
  const dispatcher = { dispatch: (_options: unknown, h: Dispatcher.DispatchHandler) => ((handler = h), true) } as unknown as Dispatcher;
  const state: { done: boolean; value?: unknown; error?: unknown } = { done: false };
  exchange(
    { method: 'GET', origin: 'https://api.example.test', path: '/signup-plus/accounts', label: 'GET /signup-plus/accounts', headers: {}, timeouts: TIMEOUTS, signal: undefined, secrets: [], ...x },
    dispatcher,
  ).then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  handler.onRequestStart?.(controller, {});
  return {
    state,
    aborted,
    headers: (h: Record<string, string> = { 'content-type': 'application/json' }) => handler.onResponseStart?.(controller, 200, h, 'OK'),
    data: (text: string) => handler.onResponseData?.(controller, Buffer.from(text)),
    end: () => handler.onResponseEnd?.(controller, {}),
  };
}

describe('the watchdog', () => {
  it('ends a call whose headers never come after connectMs + headersMs, phase headers, and aborts the request', async () => {
    const call = driven();
    await vi.advanceTimersByTimeAsync(299);
    expect(call.state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.state.error).toBeInstanceOf(TimeoutError);
    expect(call.state.error).toMatchObject({ code: 'TL_TIMEOUT', phase: 'headers', timeoutMs: 300 });
    expect(call.aborted).toEqual([call.state.error]);
  });

  it('gives the body bodyMs counted from the headers, then ends it with phase body', async () => {
    const call = driven();
    await vi.advanceTimersByTimeAsync(250);
    call.headers();
    call.data('{"first_name":');
    // The headers deadline (300) has passed: only the body's (250 + 300) counts now.
    await vi.advanceTimersByTimeAsync(299);
    expect(call.state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.state.error).toBeInstanceOf(TimeoutError);
    expect(call.state.error).toMatchObject({ code: 'TL_TIMEOUT', phase: 'body', timeoutMs: 300 });
    expect(call.aborted).toEqual([call.state.error]);
  });

  it('is cleared by a complete answer, which resolves with the whole body', async () => {
    const call = driven();
    call.headers();
    call.data('{"a":');
    call.data('1}');
    call.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.value).toMatchObject({ status: 200, text: '{"a":1}' });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.aborted).toEqual([]);
  });

  it('accepts a body of exactly the size cap, announced and sent', async () => {
    const call = driven();
    call.headers({ 'content-length': String(MAX_BODY_BYTES) });
    call.data('x'.repeat(MAX_BODY_BYTES));
    call.end();
    await vi.advanceTimersByTimeAsync(0);
    expect((call.state.value as { text: string }).text).toHaveLength(MAX_BODY_BYTES);
  });

  it('refuses a body announced or sent beyond the size cap', async () => {
    const announced = driven();
    announced.headers({ 'content-length': String(MAX_BODY_BYTES + 1) });
    await vi.advanceTimersByTimeAsync(0);
    expect(announced.state.error).toBeInstanceOf(ResponseValidationError);
    expect(announced.aborted).toHaveLength(1);

    const sent = driven();
    sent.headers();
    sent.data('x'.repeat(MAX_BODY_BYTES));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.state.done).toBe(false);
    sent.data('x');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.state.error).toBeInstanceOf(ResponseValidationError);
  });

  it('yields to the caller\'s abort, which ends the call at once and releases the timer', async () => {
    const controller = new AbortController();
    const call = driven({ signal: controller.signal });
    controller.abort(new Error('user went away'));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBeInstanceOf(AbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
