// Hangs and dead servers end in typed errors within the configured time: the client's watchdog on a MockAgent,
// undici's own timeouts on real sockets (a local server that stalls), refused connections, and caller aborts.
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Agent } from 'undici';
import { ACCESS_TOKEN, AUTH_CODE, JSON_HEADERS, REDIRECT_URI, example, harness, rejection } from './fixtures.ts';
import { AbortedError, NetworkError, TimeoutError, createClient, customEnvironment } from '../../src/index.ts';
import { exchange } from '../../src/transport.ts';

const PATH = '/signup-plus/accounts';

describe('on a MockAgent (the client watchdog), on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `call`, steps the fake clock by `ms`, and returns its rejection (or undefined if it is still pending). */
  async function after(ms: number, call: Promise<unknown>): Promise<any> {
    let error: unknown;
    let done = false;
    call.then(() => (done = true), (e: unknown) => ((error = e), (done = true)));
    await vi.advanceTimersByTimeAsync(ms);
    return done ? error : undefined;
  }

  it('fails a GET whose headers never come with TimeoutError phase headers at connect + headers, without a retry', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS }).delay(60_000).times(3);
    const call = h.client.getAccounts({ accessToken: ACCESS_TOKEN, timeouts: { connectMs: 10, headersMs: 20 } });
    const err = await after(30, call);
    expect(err).toBeInstanceOf(TimeoutError);
    expect({ code: err.code, phase: err.phase, timeoutMs: err.timeoutMs }).toEqual({ code: 'TL_TIMEOUT', phase: 'headers', timeoutMs: 30 });
    // A timeout is not a reset: no retry.
    expect(h.calls()).toHaveLength(1);
  });

  it('fails a token POST that hangs, once, with TimeoutError', async () => {
    const h = harness({ timeouts: { connectMs: 5, headersMs: 15 } });
    h.auth.intercept({ path: '/connect/token', method: 'POST' }).reply(200, example('token.success'), { headers: JSON_HEADERS }).delay(60_000).times(2);
    const err = await after(20, h.client.exchangeCode({ code: AUTH_CODE, redirectUri: REDIRECT_URI }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect({ phase: err.phase, timeoutMs: err.timeoutMs }).toEqual({ phase: 'headers', timeoutMs: 20 });
    expect(h.calls()).toHaveLength(1);
  });

  it('lets a per-call timeout override the client timeout (an answer after 1 s, where the client allows 15 ms)', async () => {
    const h = harness({ timeouts: { connectMs: 5, headersMs: 10 } });
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS }).delay(1_000);
    const call = h.client.getAccounts({ accessToken: ACCESS_TOKEN, timeouts: { headersMs: 5_000 } });
    expect(await after(1_000, call)).toBeUndefined();
    const result = await call;
    expect(result.kind).toBe('identity');
    expect(result.meta).toMatchObject({ status: 200, attempts: 1 });
  });

  it('ends with AbortedError when the caller aborts, carrying the caller\'s reason', async () => {
    const h = harness();
    h.api.intercept({ path: PATH, method: 'GET' }).reply(200, example('signup-plus-accounts.single-account'), { headers: JSON_HEADERS }).delay(60_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user went away')), 10);
    const err = await after(10, h.client.getAccounts({ accessToken: ACCESS_TOKEN, signal: controller.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(err.code).toBe('TL_ABORTED');
    expect(err.cause.message).toBe('user went away');
  });
});

describe('on real sockets (a local server that misbehaves)', () => {
  let server: Server;
  let base: string;
  const held: ServerResponse[] = [];
  const agent = new Agent();

  beforeAll(async () => {
    server = createServer((req, res) => {
      held.push(res);
      if (req.url?.startsWith('/signup-plus/accounts?account_id=stall-body')) {
        // Headers and half a body, then nothing.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"first_name": "Jo');
      } else if (req.url?.startsWith('/signup-plus/accounts?account_id=trickle-body')) {
        // Headers, then a byte every 10 ms: never idle long enough for undici's per-chunk bodyTimeout.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        const drip = setInterval(() => res.write(' '), 10);
        res.on('close', () => clearInterval(drip));
      }
      // Otherwise: never answer.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of held) res.destroy();
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (timeouts: { connectMs?: number; headersMs?: number; bodyMs?: number }) =>
    createClient({ environment: customEnvironment({ authUrl: base, apiUrl: base }), clientId: 'x', dispatcher: agent, timeouts, retry: { maxAttempts: 1 } });

  it('fails with TimeoutError phase headers when the server never answers', async () => {
    // Only the phase under test has a short limit: a loaded machine may take long to connect, never 30 s.
    const err = await rejection(() => client({ connectMs: 30_000, headersMs: 100, bodyMs: 30_000 }).getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect({ phase: err.phase, timeoutMs: err.timeoutMs }).toEqual({ phase: 'headers', timeoutMs: 100 });
  });

  it('fails with TimeoutError phase body when the body stalls', async () => {
    const err = await rejection(() => client({ connectMs: 30_000, headersMs: 30_000, bodyMs: 50 }).getAccounts({ accessToken: ACCESS_TOKEN, accountId: 'stall-body' }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect({ phase: err.phase, timeoutMs: err.timeoutMs }).toEqual({ phase: 'body', timeoutMs: 50 });
  });

  it('fails with TimeoutError phase body when the body trickles in, bodyMs counted from the headers (a long headersMs does not extend it)', async () => {
    // headersMs is far beyond the test's own timeout: only a body deadline that starts at the headers ends this call.
    const err = await rejection(() => client({ connectMs: 60_000, headersMs: 60_000, bodyMs: 100 }).getAccounts({ accessToken: ACCESS_TOKEN, accountId: 'trickle-body' }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect({ code: err.code, phase: err.phase, timeoutMs: err.timeoutMs }).toEqual({ code: 'TL_TIMEOUT', phase: 'body', timeoutMs: 100 });
  });

  it('fails with NetworkError reason refused when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = createClient({ environment: customEnvironment({ authUrl: `http://127.0.0.1:${port}`, apiUrl: `http://127.0.0.1:${port}` }), clientId: 'x', dispatcher: agent });
    const err = await rejection(() => c.getAccounts({ accessToken: ACCESS_TOKEN }));
    expect(err).toBeInstanceOf(NetworkError);
    expect({ code: err.code, reason: err.reason }).toEqual({ code: 'TL_NETWORK', reason: 'refused' });
  });
});

describe('without a dispatcher (the shared default agent)', () => {
  it('ends a connection that never completes its TLS handshake with TimeoutError phase connect after connectMs', async () => {
    // A TCP server that accepts and then says nothing: the TLS handshake never ends, so the agent's connect timeout
    // ends the call (undici checks it about once a second), before the watchdog (5 s later) and undici's default (10 s).
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const err = await rejection(() => exchange({ method: 'GET', origin, path: '/', label: 'GET /', headers: {}, timeouts: { connectMs: 60, headersMs: 5_000, bodyMs: 30_000 }, signal: undefined, secrets: [] }, undefined));
      expect(err).toBeInstanceOf(TimeoutError);
      expect({ phase: err.phase, timeoutMs: err.timeoutMs }).toEqual({ phase: 'connect', timeoutMs: 60 });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reuses one connection for calls with the same connect timeout', async () => {
    const ports: number[] = [];
    const server = createServer((req, res) => {
      ports.push(req.socket.remotePort!);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const call = () => exchange({ method: 'GET', origin, path: '/', label: 'GET /', headers: {}, timeouts: { connectMs: 4_321, headersMs: 30_000, bodyMs: 30_000 }, signal: undefined, secrets: [] }, undefined);
      expect((await call()).text).toBe('ok');
      // undici puts the socket back in its pool just after the body's last chunk is handed over.
      await new Promise((resolve) => setImmediate(resolve));
      expect((await call()).text).toBe('ok');
      expect(ports).toHaveLength(2);
      expect(ports[1]).toBe(ports[0]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
