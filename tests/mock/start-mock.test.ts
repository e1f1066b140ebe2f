// startMock's HTTP edge (mocks/index.ts): where it listens, how it routes, every refusal in TrueLayer's shape with
// its exact detail and the host's trace header, what the log and the journal keep of it, the options a team sets
// (latency, redirect URIs, client id, journal size) and a clean close.
import { createServer as createNetServer, connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BODY_LIMIT_BYTES, HEALTH_PATH, mintToken, REQUESTS_PATH, startMock, type RunningMock, type Wait } from '../../mocks/index.ts';
import { codeGrant, FORM, form, raw, type RawAnswer } from './support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const lines: string[] = [];
let lineWritten: (() => void) | undefined;
/** Resolves when the mock writes its next log line (after a request is journaled). */
const nextLine = (): Promise<void> => new Promise((resolve) => (lineWritten = resolve));
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({
    port: 0,
    log: (line) => {
      lines.push(line);
      lineWritten?.();
    },
  });
});
afterAll(() => mock.close());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** The problem body TrueLayer sends for an HTTP-level refusal, carrying the answer's own trace id. */
function problem(status: number, title: string, slug: string, detail: string, traceId: unknown) {
  return { type: `https://docs.truelayer.com/docs/signup-errors#${slug}`, title, status, detail, trace_id: traceId };
}

/** The API host's answers carry Tl-Trace-Id only; the auth host's X-Tl-Correlation-Id only. */
function traceOf(answer: RawAnswer, host: 'api' | 'auth'): string {
  const [mine, other] = host === 'api' ? ['tl-trace-id', 'x-tl-correlation-id'] : ['x-tl-correlation-id', 'tl-trace-id'];
  expect(answer.headers[other]).toBeUndefined();
  expect(answer.headers[mine]).toMatch(UUID);
  return answer.headers[mine] as string;
}

/** Writes raw bytes, reads until the mock closes the connection. */
function rawSocket(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (data) => (text += data.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.write(request);
  });
}

const bodyOf = (text: string): unknown => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
const headerOf = (text: string, name: string): string | undefined => new RegExp(`^${name}: (.*)$`, 'im').exec(text)?.[1]?.trim();

describe('where startMock listens', () => {
  it('answers on 127.0.0.1 at the port it reports, and says so in url', () => {
    expect(mock.host).toBe('127.0.0.1');
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
  });

  it('brackets an IPv6 host in its url', async () => {
    const v6 = await startMock({ port: 0, quiet: true, host: '::1' });
    try {
      expect(v6.url).toBe(`http://[::1]:${v6.port}`);
      expect((await raw(`${v6.url}${HEALTH_PATH}`)).status).toBe(200);
    } finally {
      await v6.close();
    }
  });

  it('listens on 4010 by default: with 4010 taken, the start fails with EADDRINUSE (the CLI says to pick --port)', async () => {
    const blocker = createNetServer();
    const taken = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(4010, '127.0.0.1', () => resolve(true));
    });
    try {
      await expect(startMock({ quiet: true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      if (taken) await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('close() can be called twice, and the port is free afterwards', async () => {
    const short = await startMock({ port: 0, quiet: true });
    const first = short.close();
    expect(short.close()).toBe(first);
    await first;
    await expect(raw(`${short.url}${HEALTH_PATH}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('routing: refusals in TrueLayer\'s shape', () => {
  it('an unknown path answers 404 naming it (cut at 100 characters), journaled', async () => {
    mock.clearRequests();
    const missing = await raw(`${mock.url}/signup-plus/payments?x=1`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json');
    expect(missing.json).toEqual(problem(404, 'Not Found', 'not-found', 'No such endpoint: /signup-plus/payments.', traceOf(missing, 'api')));
    const long = await raw(`${mock.url}/${'a'.repeat(150)}`);
    expect(long.json.detail).toBe(`No such endpoint: /${'a'.repeat(99)}.`);
    expect(mock.requests().map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/signup-plus/payments', 404],
      ['GET', `/${'a'.repeat(150)}`, 404],
    ]);
  });

  it.each([
    ['PUT', '/connect/token', 'auth', 'PUT is not allowed here; use POST.', 'POST, OPTIONS'],
    ['DELETE', '/signup-plus/accounts', 'api', 'DELETE is not allowed here; use GET or HEAD.', 'GET, HEAD, OPTIONS'],
    ['PUT', '/', 'auth', 'PUT is not allowed here; use GET or POST or HEAD.', 'GET, POST, HEAD, OPTIONS'],
    ['POST', REQUESTS_PATH, 'api', 'POST is not allowed here; use GET or DELETE or HEAD.', 'GET, DELETE, HEAD, OPTIONS'],
  ] as const)('%s %s answers 405 saying which methods to use, with Allow', async (method, path, host, detail, allow) => {
    const answer = await raw(`${mock.url}${path}`, { method, body: 'x' });
    expect([answer.status, answer.headers.allow]).toEqual([405, allow]);
    expect(answer.json).toEqual(problem(405, 'Method Not Allowed', 'method-not-allowed', detail, traceOf(answer, host)));
  });

  it.each([
    ['/connect/token', 'auth', 'POST, OPTIONS'],
    ['/', 'auth', 'GET, POST, HEAD, OPTIONS'],
    [HEALTH_PATH, 'api', 'GET, HEAD, OPTIONS'],
  ] as const)('OPTIONS %s answers 204 with Allow and the host\'s trace header', async (path, host, allow) => {
    const answer = await raw(`${mock.url}${path}`, { method: 'OPTIONS' });
    expect([answer.status, answer.headers.allow, answer.text]).toEqual([204, allow, '']);
    traceOf(answer, host);
  });

  it('a request target that is not a URL answers 400 and closes; logged, not journaled', async () => {
    mock.clearRequests();
    lines.length = 0;
    const text = await rawSocket(mock.port, 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(headerOf(text, 'connection')).toBe('close');
    expect(bodyOf(text)).toEqual(problem(400, 'Bad Request', 'bad-request', 'The request target is not a valid URL.', headerOf(text, 'tl-trace-id')));
    expect(lines).toEqual([expect.stringMatching(/^GET \/\/\[ scenario=- 400 \d+\.\dms$/)]);
    expect(mock.requests()).toEqual([]);
  });

  it('a body declared over the limit answers 413 naming the limit; one of exactly the limit is read', async () => {
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
    const over = await rawSocket(mock.port, `POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${BODY_LIMIT_BYTES + 1}\r\n\r\n`);
    expect(over).toMatch(/^HTTP\/1\.1 413 /);
    expect(headerOf(over, 'connection')).toBe('close');
    expect(bodyOf(over)).toEqual(
      problem(413, 'Payload Too Large', 'payload-too-large', 'Request bodies are limited to 1048576 bytes.', headerOf(over, 'x-tl-correlation-id')),
    );
    // Exactly the limit, declared and then streamed: read whole, then refused by the token endpoint itself.
    const body = `${form(codeGrant('single-account'))}&pad=`.padEnd(BODY_LIMIT_BYTES, 'p');
    const declared = await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body });
    expect([declared.status, declared.json.error]).toEqual([200, undefined]);
    const chunked = await rawSocket(
      mock.port,
      `POST /connect/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('a broken chunked body answers 400 under the route\'s own trace header and id, and is logged and journaled', async () => {
    mock.clearRequests();
    lines.length = 0;
    const logged = nextLine();
    const text = await rawSocket(mock.port, 'POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(headerOf(text, 'connection')).toBe('close');
    expect(headerOf(text, 'tl-trace-id')).toBeUndefined();
    const traceId = headerOf(text, 'x-tl-correlation-id');
    expect(traceId).toMatch(UUID);
    expect(bodyOf(text)).toEqual(problem(400, 'Bad Request', 'bad-request', 'The request is not valid HTTP/1.1.', traceId));
    await logged;
    expect(mock.requests()[0]).toMatchObject({ method: 'POST', path: '/connect/token', status: 400, traceId });
    expect(lines).toEqual([expect.stringMatching(/^POST \/connect\/token scenario=- 400 /)]);
  });

  it('a whole request followed by broken bytes gets its answer, then the connection closes', async () => {
    const text = await rawSocket(mock.port, `GET ${HEALTH_PATH} HTTP/1.1\r\nHost: x\r\n\r\nBREW / HTTP/1.1\r\n\r\n`);
    expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(headerOf(text, 'connection')).toBe('close');
  });

  it.each([
    ['an unknown method', 'BREW / HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'Bad Request', 'bad-request', 'The request is not valid HTTP/1.1.', 'HPE_INVALID_METHOD'],
    [
      'huge headers',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'Request Header Fields Too Large',
      'request-header-fields-too-large',
      'The request headers are too large.',
      'HPE_HEADER_OVERFLOW',
    ],
  ] as const)('%s: the parser\'s refusal answers its status and detail, and the log names the parser\'s code', async (_what, request, status, title, slug, detail, code) => {
    lines.length = 0;
    const text = await rawSocket(mock.port, request);
    expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} ${title}\r\n`));
    expect(bodyOf(text)).toEqual(problem(status, title, slug, detail, headerOf(text, 'tl-trace-id')));
    expect(lines).toEqual([`- (${code}) scenario=- ${status} 0.0ms`]);
  });

  it('CONNECT answers 405 with Allow and its detail', async () => {
    const text = await rawSocket(mock.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(headerOf(text, 'allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(bodyOf(text)).toEqual(problem(405, 'Method Not Allowed', 'method-not-allowed', 'CONNECT is not allowed here.', headerOf(text, 'tl-trace-id')));
  });
});

describe('the harness endpoints', () => {
  it('answer JSON never cached, count the journal, and are never journaled themselves', async () => {
    mock.clearRequests();
    await raw(`${mock.url}/signup-plus/accounts`);
    await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: form(codeGrant('rate-limited')) });
    const health = await raw(`${mock.url}${HEALTH_PATH}`);
    expect([health.headers['content-type'], health.headers['cache-control']]).toEqual(['application/json', 'no-store']);
    expect(health.json).toMatchObject({ journal: 2, providerStates: false });
    const head = await raw(`${mock.url}${HEALTH_PATH}`, { method: 'HEAD' });
    expect([head.status, head.text]).toEqual([200, '']);
    const list = await raw(`${mock.url}${REQUESTS_PATH}?method=&path=`);
    expect([list.headers['content-type'], list.headers['cache-control']]).toEqual(['application/json', 'no-store']);
    expect(list.json.requests.map((e: { path: string; status: number; scenario?: string }) => [e.path, e.status, e.scenario])).toEqual([
      ['/signup-plus/accounts', 401, undefined],
      ['/connect/token', 200, 'rate-limited'],
    ]);
    const cleared = await raw(`${mock.url}${REQUESTS_PATH}`, { method: 'DELETE' });
    expect([cleared.status, cleared.text]).toEqual([204, '']);
    expect(mock.requests()).toEqual([]);
  });

  it('health says when provider states are on; a state change is logged as the provider-state scenario', async () => {
    const logged: string[] = [];
    const states = await startMock({ port: 0, providerStates: true, log: (line) => logged.push(line) });
    try {
      expect((await raw(`${states.url}${HEALTH_PATH}`)).json.providerStates).toBe(true);
      const body = JSON.stringify({ state: 'the user is rate limited', action: 'setup' });
      expect((await raw(`${states.url}/_harness/provider-states`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
      expect(logged[1]).toMatch(/^POST \/_harness\/provider-states scenario=provider-state 200 /);
      expect(states.requests()).toEqual([]);
    } finally {
      await states.close();
    }
  });
});

describe('startMock options', () => {
  /** Records each wait's length and resolves it at once. */
  const recording = (): { waits: number[]; wait: Wait } => {
    const waits: number[] = [];
    return { waits, wait: async (ms) => void waits.push(ms) };
  };

  it('latency without jitter waits latency + random() * a fifth of it; below zero, never; jitter alone, random() * jitter', async () => {
    const fifth = recording();
    const negative = recording();
    const jitterOnly = recording();
    const negativeJitter = recording();
    const mocks = await Promise.all([
      startMock({ port: 0, quiet: true, latencyMs: 100, wait: fifth.wait }),
      startMock({ port: 0, quiet: true, latencyMs: -100, wait: negative.wait }),
      startMock({ port: 0, quiet: true, jitterMs: 10, wait: jitterOnly.wait }),
      startMock({ port: 0, quiet: true, latencyMs: 50, jitterMs: -10, wait: negativeJitter.wait }),
    ]);
    try {
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      for (const m of mocks) expect((await raw(`${m.url}/signup-plus/accounts`)).status).toBe(401);
      expect([fifth.waits, negative.waits, jitterOnly.waits, negativeJitter.waits]).toEqual([[110], [], [5], [50]]);
    } finally {
      await Promise.all(mocks.map((m) => m.close()));
    }
  });

  it('an empty redirectUris list allows any redirect URI; clientId limits the auth link to that client', async () => {
    const open = await startMock({ port: 0, quiet: true, redirectUris: [] });
    const strict = await startMock({ port: 0, quiet: true, clientId: 'the-app', redirectUris: ['https://app.example/cb'] });
    const link = (base: string, clientId: string, redirectUri: string): string =>
      `${base}/?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'signupplus', state: 's' })}`;
    try {
      expect((await raw(link(open.url, 'any', 'https://anything.example/cb'))).status).toBe(200);
      expect((await raw(link(strict.url, 'the-app', 'https://app.example/cb'))).status).toBe(200);
      expect((await raw(link(strict.url, 'another-app', 'https://app.example/cb'))).status).toBe(400);
      expect((await raw(link(strict.url, 'the-app', 'https://anything.example/cb'))).status).toBe(400);
    } finally {
      await Promise.all([open.close(), strict.close()]);
    }
  });

  it('journalSize bounds the journal', async () => {
    const one = await startMock({ port: 0, quiet: true, journalSize: 1 });
    try {
      await raw(`${one.url}/a`);
      await raw(`${one.url}/b`);
      expect(one.requests().map((e) => e.path)).toEqual(['/b']);
    } finally {
      await one.close();
    }
  });

  it('a failure inside the mock answers 500 in TrueLayer\'s shape, logs the error and journals the request', async () => {
    const logged: string[] = [];
    const broken = await startMock({
      port: 0,
      log: (line) => logged.push(line),
      now: () => {
        throw new Error('the clock broke');
      },
    });
    try {
      const answer = await raw(`${broken.url}/?${new URLSearchParams({ response_type: 'code', client_id: 'a', redirect_uri: 'https://app.example/cb', scope: 'signupplus', state: 's' })}`);
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual(
        problem(500, 'Internal server error', 'internal-server-error', 'The mock failed to answer; this is a bug in mocks/.', traceOf(answer, 'auth')),
      );
      expect(logged).toEqual(['ERROR the clock broke scenario=- 500 0.0ms', expect.stringMatching(/^GET \/\?response_type=code&\S+ scenario=- 500 \d+\.\dms$/)]);
      expect(broken.requests().map((e) => [e.path, e.status])).toEqual([['/', 500]]);
    } finally {
      await broken.close();
    }
  });

  it('a client that stops mid-body and ends its side gets the parser\'s 400, logged and journaled', async () => {
    mock.clearRequests();
    lines.length = 0;
    const written = nextLine();
    const socket = connect(mock.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=', () => socket.end());
    await written;
    expect(lines).toEqual([expect.stringMatching(/^POST \/connect\/token scenario=- 400 \d+\.\dms$/)]);
    expect(mock.requests().map((e) => [e.path, e.status])).toEqual([['/connect/token', 400]]);
  });

  it('a request still sending its body when the mock closes is logged as reset (status 0), and never handled', async () => {
    const logged: string[] = [];
    let written!: () => void;
    const both = new Promise<void>((resolve) => (written = resolve));
    const short = await startMock({
      port: 0,
      log: (line) => {
        logged.push(line);
        if (logged.filter((entry) => !entry.includes(HEALTH_PATH)).length === 2) written();
      },
    });
    const send = async (head: string, part: string): Promise<void> => {
      const socket = connect(short.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.write(`${head}Content-Length: 100\r\n\r\n${part}`, () => resolve()));
    };
    await send('POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n', 'grant_type=');
    // A valid bearer: had the request been handled, its scenario would be logged.
    await send(`GET /signup-plus/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${mintToken('single-account', 'access', 3600)}\r\n`, 'x');
    // A round trip on another connection: by then the mock has read both requests' heads (their bodies are incomplete).
    await raw(`${short.url}${HEALTH_PATH}`);
    await short.close();
    await both;
    expect(logged.filter((line) => !line.includes(HEALTH_PATH)).sort()).toEqual([
      expect.stringMatching(/^GET \/signup-plus\/accounts scenario=- reset \d+\.\dms$/),
      expect.stringMatching(/^POST \/connect\/token scenario=- reset \d+\.\dms$/),
    ]);
    expect(short.requests().map((e) => [e.path, e.status, e.body, e.scenario]).sort()).toEqual([
      ['/connect/token', 0, null, undefined],
      ['/signup-plus/accounts', 0, null, undefined],
    ]);
  });

  it('close() during a latency wait ends the wait and the request quietly: no 500, no error line', async () => {
    const logged: string[] = [];
    let waiting!: () => void;
    const started = new Promise<void>((resolve) => (waiting = resolve));
    const held: Wait = (_ms, signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        waiting();
      });
    const slow = await startMock({ port: 0, latencyMs: 1000, wait: held, log: (line) => logged.push(line) });
    const answer = raw(`${slow.url}/signup-plus/accounts`).catch((error: unknown) => error);
    await started;
    await slow.close();
    expect(await answer).toBeInstanceOf(Error);
    expect(logged).toEqual([expect.stringMatching(/^GET \/signup-plus\/accounts scenario=- reset \d+\.\dms$/)]);
  });
});
