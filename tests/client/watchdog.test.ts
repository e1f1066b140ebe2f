// The exchange watchdog (src/transport.ts), on fake timers and a dispatcher the test drives by hand: it ends a
// call whose headers or body never come, at the right moment, naming the phase that stalled and its budget.
import type { Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, NetworkError, ResponseValidationError, TimeoutError } from '../../src/index.ts';
import { MAX_BODY_BYTES, exchange, type Exchange } from '../../src/transport.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const TIMEOUTS = { connectMs: 100, headersMs: 200, bodyMs: 300 };

/** A dispatcher that only records the handler: the test plays the server by calling its hooks. */
function driven(x: Partial<Exchange> = {}, { start = true }: { start?: boolean } = {}) {
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
  if (start) handler.onRequestStart?.(controller, {});
  return {
    state,
    aborted,
    start: () => handler.onRequestStart?.(controller, {}),
    headers: (h: Record<string, string> = { 'content-type': 'application/json' }) => handler.onResponseStart?.(controller, 200, h, 'OK'),
    data: (text: string) => handler.onResponseData?.(controller, Buffer.from(text)),
    end: () => handler.onResponseEnd?.(controller, {}),
    fail: (error: Error) => handler.onResponseError?.(controller, error),
  };
}

/** The outcome of `promise` once pending callbacks have run (the fake clock not moved): undefined if still pending. */
async function settledNow(promise: Promise<unknown>): Promise<unknown> {
  let outcome: unknown;
  promise.then((value) => (outcome = { value }), (error: unknown) => (outcome = error));
  await vi.advanceTimersByTimeAsync(0);
  return outcome;
}

/** An error shaped like undici's or Node's: a message and a `code`, maybe on a `cause` or an AggregateError's first error. */
function coded(code: string, where: 'self' | 'cause' | 'errors' = 'self'): Error {
  if (where === 'cause') return new Error('fetch failed', { cause: Object.assign(new Error('inner'), { code }) });
  if (where === 'errors') return new AggregateError([Object.assign(new Error('inner'), { code })], 'all addresses failed');
  return Object.assign(new Error('socket trouble'), { code });
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
    expect(announced.state.error).toMatchObject({
      status: 200,
      issues: [{ pointer: '', severity: 'error', keyword: 'size', message: `body is larger than ${MAX_BODY_BYTES} bytes`, expected: `<= ${MAX_BODY_BYTES} bytes`, actual: `> ${MAX_BODY_BYTES} bytes` }],
    });
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

describe('the end of an exchange', () => {
  it('aborts the request as soon as undici starts it when the caller aborted before that', async () => {
    const controller = new AbortController();
    const call = driven({ signal: controller.signal }, { start: false });
    controller.abort(new Error('user went away'));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBeInstanceOf(AbortedError);
    expect(call.aborted).toEqual([]);
    call.start();
    expect(call.aborted).toEqual([call.state.error]);
  });

  it('ignores headers, data and errors that arrive after the call ended: no new timer, nothing aborted twice', async () => {
    const controller = new AbortController();
    const call = driven({ signal: controller.signal });
    controller.abort(new Error('user went away'));
    call.headers({ 'content-length': String(MAX_BODY_BYTES + 1) });
    call.data('x'.repeat(MAX_BODY_BYTES + 1));
    call.fail(coded('ECONNRESET'));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBeInstanceOf(AbortedError);
    expect(vi.getTimerCount()).toBe(0);
    expect(call.aborted).toHaveLength(1);
  });

  it('releases the timer and the abort listener when the transport fails', async () => {
    const listeners = new Set<unknown>();
    const signal = {
      aborted: false,
      addEventListener: (type: string, l: unknown) => type === 'abort' && listeners.add(l),
      removeEventListener: (type: string, l: unknown) => type === 'abort' && listeners.delete(l),
    } as unknown as AbortSignal;
    const call = driven({ signal });
    expect(listeners.size).toBe(1);
    call.fail(coded('ECONNRESET'));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBeInstanceOf(NetworkError);
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.size).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.aborted).toEqual([]);
  });

  it('turns a dispatcher that throws into a typed error at once', async () => {
    const dispatcher = { dispatch: () => { throw coded('UND_ERR_DESTROYED'); } } as unknown as Dispatcher;
    const x: Exchange = { method: 'GET', origin: 'https://api.example.test', path: '/', label: 'GET /', headers: {}, timeouts: TIMEOUTS, signal: undefined, secrets: [] };
    const error = await settledNow(exchange(x, dispatcher));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'closed' });
  });

  it.each([
    ['null', null],
    ['an AggregateError with no errors', new AggregateError([], 'nothing to try')],
  ])('turns a dispatcher that throws %s into a NetworkError (reason other)', async (_name, thrown) => {
    const dispatcher = { dispatch: () => { throw thrown; } } as unknown as Dispatcher;
    const x: Exchange = { method: 'GET', origin: 'https://api.example.test', path: '/', label: 'GET /', headers: {}, timeouts: TIMEOUTS, signal: undefined, secrets: [] };
    const error = await settledNow(exchange(x, dispatcher));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'other' });
  });

  it('refuses at once, without dispatching, when the caller\'s signal is already aborted', async () => {
    const dispatch = vi.fn();
    const reason = new Error('already gone');
    const x: Exchange = { method: 'GET', origin: 'https://api.example.test', path: '/', label: 'GET /', headers: {}, timeouts: TIMEOUTS, signal: AbortSignal.abort(reason), secrets: [] };
    const error = await settledNow(exchange(x, { dispatch } as unknown as Dispatcher));
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as Error).cause).toMatchObject({ message: reason.message });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('transport failures as typed errors', () => {
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'connect', 100],
    ['UND_ERR_HEADERS_TIMEOUT', 'headers', 200],
    ['UND_ERR_BODY_TIMEOUT', 'body', 300],
  ] as const)('%s is a TimeoutError of phase %s with that phase\'s budget', async (code, phase, timeoutMs) => {
    const call = driven();
    const cause = coded(code);
    call.fail(cause);
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBeInstanceOf(TimeoutError);
    expect(call.state.error).toMatchObject({ phase, timeoutMs, cause });
  });

  it.each([
    ['ECONNREFUSED', 'self', 'refused'],
    ['ECONNREFUSED', 'errors', 'refused'],
    ['ECONNRESET', 'cause', 'reset'],
    ['EPIPE', 'self', 'reset'],
    ['UND_ERR_SOCKET', 'self', 'reset'],
    ['ENOTFOUND', 'cause', 'dns'],
    ['EAI_AGAIN', 'self', 'dns'],
    ['EAI_NONAME', 'self', 'dns'],
    ['UND_ERR_CLOSED', 'self', 'closed'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'self', 'tls'],
    ['CERT_HAS_EXPIRED', 'cause', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'self', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self', 'tls'],
    ['X_CERT_HAS_EXPIRED', 'self', 'other'],
    ['EHOSTUNREACH', 'self', 'other'],
  ] as const)('code %s (on the error\'s %s) is a NetworkError of reason %s, the code in its message', async (code, where, reason) => {
    const call = driven();
    const cause = coded(code, where);
    call.fail(cause);
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBeInstanceOf(NetworkError);
    expect(call.state.error).toMatchObject({ reason, cause, message: `GET /signup-plus/accounts: network error (${reason}: ${code}); check the base URL and that the server is up` });
  });

  it('uses the message of an error without a code, and the text of a thrown non-error', async () => {
    const plain = driven();
    plain.fail(new Error('other side hung up'));
    const odd = driven();
    odd.fail({ code: 42 } as unknown as Error);
    await vi.advanceTimersByTimeAsync(0);
    expect(plain.state.error).toMatchObject({ reason: 'other', message: expect.stringContaining('(other: other side hung up)') });
    expect(odd.state.error).toMatchObject({ reason: 'other', message: expect.stringContaining('(other: [object Object])') });
  });

  it('passes one of its own typed errors through unchanged', async () => {
    const call = driven();
    const own = new TimeoutError({ phase: 'body', timeoutMs: 1, request: 'GET /' });
    call.fail(own);
    await vi.advanceTimersByTimeAsync(0);
    expect(call.state.error).toBe(own);
  });
});
