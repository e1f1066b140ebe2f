// What startMock sets up, each checked on a mock started inside its test (no file-level hook: a start that fails
// must fail a test, see docs/mutation.md): the defaults, each route's methods, the start-up check of the scenario
// table (on a copy of the spec), and the HTTP server's own edge (its time limits and the parser's refusals, races included).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Server as HttpServer, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEALTH_PATH, mintToken, REQUESTS_PATH, startMock, type RunningMock, type Wait } from '../../mocks/index.ts';
import { SPEC_PATH } from '../../src/spec-files.ts';
import { codeGrant, FORM, form, raw } from './support.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bodyOf = (text: string): unknown => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
const headerOf = (text: string, name: string): string | undefined => new RegExp(`^${name}: (.*)$`, 'im').exec(text)?.[1]?.trim();
const problem = (status: number, title: string, slug: string, detail: string, traceId: unknown) => ({
  type: `https://docs.truelayer.com/docs/signup-errors#${slug}`,
  title,
  status,
  detail,
  trace_id: traceId,
});

/** Starts a mock and hands back its HTTP server too (caught as it starts listening). */
async function startWithServer(options: Parameters<typeof startMock>[0]): Promise<{ mock: RunningMock; server: HttpServer }> {
  const listen = vi.spyOn(Server.prototype, 'listen');
  const mock = await startMock(options);
  const server = listen.mock.contexts.at(-1) as HttpServer;
  listen.mockRestore();
  return { mock, server };
}

/** A client connection and the mock's side of it. */
async function connection(server: Server, port: number, allowHalfOpen = false): Promise<{ client: Socket; served: Socket; text: () => string; closed: Promise<void> }> {
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const client = connect({ port, host: '127.0.0.1', allowHalfOpen });
  client.on('error', () => undefined);
  let text = '';
  client.on('data', (data) => (text += data.toString('latin1')));
  const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
  return { client, served: await accepted, text: () => text, closed };
}

const parserError = (code?: string): NodeJS.ErrnoException => Object.assign(new Error(`parser: ${code ?? 'no code'}`), code ? { code } : {});

describe('a mock started with nothing but a port and credentials', () => {
  it('binds 127.0.0.1, sends CORS headers, answers each route\'s methods (HEAD as GET), checks credentials and account ids, clears its journal', async () => {
    const mock = await startMock({ port: 0, quiet: true, clientId: 'test-client', clientSecret: 'test-secret' });
    try {
      expect([mock.host, mock.url]).toEqual(['127.0.0.1', `http://127.0.0.1:${mock.port}`]);
      const allow = async (path: string): Promise<unknown> => (await raw(`${mock.url}${path}`, { method: 'OPTIONS' })).headers.allow;
      expect([await allow('/'), await allow('/connect/token'), await allow('/signup-plus/accounts'), await allow(HEALTH_PATH), await allow(REQUESTS_PATH)]).toEqual([
        'GET, POST, HEAD, OPTIONS',
        'POST, OPTIONS',
        'GET, HEAD, OPTIONS',
        'GET, HEAD, OPTIONS',
        'GET, DELETE, HEAD, OPTIONS',
      ]);
      const head = await raw(`${mock.url}/signup-plus/accounts`, { method: 'HEAD', headers: { origin: 'https://app.example' } });
      expect([head.status, head.text, head.headers['access-control-allow-origin']]).toEqual([401, '', 'https://app.example']);

      const wrongSecret = await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: form(codeGrant('single-account', { client_secret: 'other' })) });
      expect([wrongSecret.status, wrongSecret.json.error]).toEqual([400, 'invalid_client']);
      const wrongClient = await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: form(codeGrant('single-account', { client_id: 'other' })) });
      expect([wrongClient.status, wrongClient.json.error]).toEqual([400, 'invalid_client']);
      const right = await raw(`${mock.url}/connect/token`, { method: 'POST', headers: FORM, body: form(codeGrant('single-account')) });
      expect(right.status).toBe(200);

      // account_id follows the spec's pattern: a slash is refused before any account is looked up.
      const token = mintToken('multiple-accounts', 'access', 3600);
      const slash = await raw(`${mock.url}/signup-plus/accounts?account_id=a%2Fb`, { headers: { authorization: `Bearer ${token}` } });
      expect([slash.status, slash.json.title]).toEqual([400, 'Invalid Parameters']);

      // The journal's duration is the time the request took (here none: the clock stands still).
      vi.spyOn(performance, 'now').mockReturnValue(1000);
      await raw(`${mock.url}/nowhere`);
      vi.mocked(performance.now).mockRestore();
      expect(mock.requests().map((e) => [e.path, e.durationMs])).toContainEqual(['/nowhere', 0]);
      mock.clearRequests();
      expect(mock.requests()).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it('a failure inside a quiet mock (no log) still answers 500 and is journaled', async () => {
    const broken = await startMock({
      port: 0,
      quiet: true,
      now: () => {
        throw new Error('the clock broke');
      },
    });
    try {
      const link = `${broken.url}/?${new URLSearchParams({ response_type: 'code', client_id: 'a', redirect_uri: 'https://app.example/cb', scope: 'signupplus', state: 's' })}`;
      expect((await raw(link)).status).toBe(500);
      expect(broken.requests().map((e) => [e.path, e.status])).toEqual([['/', 500]]);
    } finally {
      await broken.close();
    }
  });

  it('a log sink that throws loses neither the answer nor the journal entry, crashes nothing, and is reported once', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const mock = await startMock({
      port: 0,
      log: () => {
        throw new Error('the log sink broke');
      },
    });
    try {
      // Three times: the sink fails each time, the mock still serves the next, and says so once.
      for (const path of ['/nowhere', '/elsewhere', '/nowhere']) {
        const answer = await raw(`${mock.url}${path}`);
        expect([answer.status, answer.json]).toEqual([404, expect.objectContaining({ status: 404, title: 'Not Found' })]);
      }
      expect(mock.requests().map((e) => [e.path, e.status])).toEqual([['/nowhere', 404], ['/elsewhere', 404], ['/nowhere', 404]]);
      expect(stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('Signup+ mock'))).toEqual([
        'Signup+ mock: the request log sink threw (the log sink broke); its failing lines are dropped.\n',
      ]);
    } finally {
      await mock.close();
    }
    // A sink that throws something that is no Error (here null) is said the same way.
    stderr.mockClear();
    const odd = await startMock({
      port: 0,
      log: () => {
        throw null;
      },
    });
    try {
      expect((await raw(`${odd.url}/nowhere`)).status).toBe(404);
      expect(stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('Signup+ mock'))).toEqual([
        'Signup+ mock: the request log sink threw (null); its failing lines are dropped.\n',
      ]);
    } finally {
      await odd.close();
    }
  });

  it('an example the scenario table names but the spec lacks fails the start, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renamed-example-'));
    try {
      cpSync(dirname(SPEC_PATH), dir, { recursive: true });
      const specPath = join(dir, basename(SPEC_PATH));
      const spec = readFileSync(specPath, 'utf8');
      expect(spec.match(/^ +token:$/gm)).toHaveLength(1);
      writeFileSync(specPath, spec.replace(/^( +)token:$/m, '$1renamed-token:'));
      await expect(startMock({ port: 0, quiet: true, specPath })).rejects.toThrow(
        'mocks/scenarios.ts names requestToken 200 "token", which the spec lacks: requestToken documents no answer for status 200 with example "token".',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the HTTP server\'s edge', () => {
  it('close() ends a real latency wait at once: the request is logged as reset, not answered an hour later', async () => {
    let logged!: (line: string) => void;
    const line = new Promise<string>((resolve) => (logged = resolve));
    const { mock: slow, server } = await startWithServer({ port: 0, latencyMs: 3_600_000, jitterMs: 0, log: (text) => logged(text) });
    // The mock's own listener runs first: by this one, its wait has begun.
    const waiting = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const answer = raw(`${slow.url}/nowhere`).catch((error: unknown) => error);
    await waiting;
    await slow.close();
    expect(await line).toMatch(/^GET \/nowhere scenario=- reset \d+\.\dms$/);
    expect(await answer).toBeInstanceOf(Error);
  });

  it('cuts slow clients (headers in 15 s, the request in 30 s), keeps idle connections 5 s, and survives a server error', async () => {
    const lines: string[] = [];
    const { mock, server } = await startWithServer({ port: 0, log: (line) => lines.push(line) });
    try {
      expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([15_000, 30_000, 5_000]);
      // An error on the listening server (EMFILE when accepting, say) is not a crash: the mock keeps answering.
      expect(() => server.emit('error', Object.assign(new Error('accept failed'), { code: 'EMFILE' }))).not.toThrow();
      expect((await raw(`${mock.url}${HEALTH_PATH}`)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('the parser\'s refusals: 408, 400 without a code, a reset peer dropped without an answer; CONNECT; detached sockets destroyed 2 s after their answer', async () => {
    const lines: string[] = [];
    const { mock, server } = await startWithServer({ port: 0, log: (line) => lines.push(line) });
    try {
      const brew = await connection(server, mock.port);
      brew.client.write('BREW / HTTP/1.1\r\nHost: x\r\n\r\n');
      await brew.closed;
      expect(brew.text()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      const connectMethod = await connection(server, mock.port);
      // The mock answers CONNECT on a socket Node has handed over: an error on it (the peer gone) is not a crash.
      const survived = new Promise<boolean>((resolve) =>
        server.once('connect', (_req, socket: Socket) => {
          try {
            socket.emit('error', Object.assign(new Error('peer gone'), { code: 'ECONNRESET' }));
            resolve(true);
          } catch {
            resolve(false);
          }
        }),
      );
      connectMethod.client.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
      await connectMethod.closed;
      expect(connectMethod.text()).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
      expect(await survived).toBe(true);

      const slow = await connection(server, mock.port);
      server.emit('clientError', parserError('ERR_HTTP_REQUEST_TIMEOUT'), slow.served);
      await slow.closed;
      expect(slow.text()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(bodyOf(slow.text())).toEqual(problem(408, 'Request Timeout', 'request-timeout', 'The request took too long to arrive.', headerOf(slow.text(), 'tl-trace-id')));
      expect(headerOf(slow.text(), 'tl-trace-id')).toMatch(UUID);

      const nameless = await connection(server, mock.port);
      server.emit('clientError', parserError(), nameless.served);
      await nameless.closed;
      expect(bodyOf(nameless.text())).toMatchObject({ status: 400, detail: 'The request is not valid HTTP/1.1.' });

      const reset = await connection(server, mock.port);
      server.emit('clientError', parserError('ECONNRESET'), reset.served);
      await reset.closed;
      expect(reset.text()).toBe('');
      expect(lines).toEqual([
        '- (HPE_INVALID_METHOD) scenario=- 400 0.0ms',
        '- (ERR_HTTP_REQUEST_TIMEOUT) scenario=- 408 0.0ms',
        '- (parse error) scenario=- 400 0.0ms',
      ]);

      // A peer that never hangs up: its socket is destroyed 2 s after the answer (the clock is faked).
      const lingering = await connection(server, mock.port, true);
      const answered = new Promise<void>((resolve) => lingering.client.once('end', () => resolve()));
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      server.emit('clientError', parserError('HPE_INVALID_METHOD'), lingering.served);
      await answered;
      vi.advanceTimersByTime(1_999);
      expect(lingering.served.destroyed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(lingering.served.destroyed).toBe(true);
      vi.useRealTimers();
      lingering.client.destroy();
    } finally {
      await mock.close();
    }
  });

  it('broken bytes while an answer is being written: after a whole request the connection ends once the answer is out; mid-body, it is dropped', async () => {
    const { mock, server } = await startWithServer({ port: 0, quiet: true });
    const answers: ServerResponse[] = [];
    server.on('request', (req, res: ServerResponse) => {
      answers.push(res);
      // A socket error reported on the request or on its answer (write after end, say) is not a crash.
      expect(() => req.emit('error', new Error('request error'))).not.toThrow();
      expect(() => res.emit('error', new Error('answer error'))).not.toThrow();
    });
    try {
      // The request arrived whole; its answer is finishing when the broken bytes are read.
      const whole = await connection(server, mock.port);
      const ended = new Promise<boolean>((resolve) => {
        server.once('request', (_req, res: ServerResponse) =>
          res.prependOnceListener('finish', () => {
            server.emit('clientError', parserError('HPE_INVALID_METHOD'), whole.served);
            resolve(whole.served.writableEnded);
          }),
        );
      });
      whole.client.write(`GET ${HEALTH_PATH} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(await ended).toBe(true);
      await whole.closed;
      expect(whole.text()).toMatch(/^HTTP\/1\.1 200 /);

      // The answer is written (headers sent, not finished) when the broken bytes come after the request's head.
      const written = await connection(server, mock.port);
      const ends = new Promise<void>((resolve) => {
        server.once('request', (_req, res: ServerResponse) =>
          res.once('prefinish', () => {
            server.emit('clientError', parserError('HPE_INVALID_METHOD'), written.served);
            res.once('finish', () => resolve());
          }),
        );
      });
      written.client.write(`GET ${HEALTH_PATH} HTTP/1.1\r\nHost: x\r\n\r\n`);
      await ends;
      await written.closed;
      expect(written.text()).toMatch(/^HTTP\/1\.1 200 /);

      // A request whose body is still coming: its answer (404, no body read) is being written: the socket is dropped.
      const midBody = await connection(server, mock.port);
      const dropped = new Promise<boolean>((resolve) => {
        server.once('request', (_req, res: ServerResponse) =>
          res.once('prefinish', () => {
            server.emit('clientError', parserError('HPE_INVALID_CHUNK_SIZE'), midBody.served);
            resolve(midBody.served.destroyed);
          }),
        );
      });
      midBody.client.write('POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc');
      expect(await dropped).toBe(true);
      await midBody.closed;
    } finally {
      await mock.close();
    }
    expect(answers.length).toBe(3);
  });

  it('during a latency wait: the parser\'s 400 for a broken body is the answer logged; a client that left is logged as reset', async () => {
    const lines: string[] = [];
    const held: Array<() => void> = [];
    let waiting: (() => void) | undefined;
    const wait: Wait = () =>
      new Promise<void>((resolve) => {
        held.push(resolve);
        waiting?.();
      });
    const next = (): Promise<void> => new Promise((resolve) => (waiting = resolve));
    const logged = (): Promise<void> => new Promise((resolve) => (lineWritten = resolve));
    let lineWritten: (() => void) | undefined;
    const { mock, server } = await startWithServer({
      port: 0,
      latencyMs: 10,
      wait,
      log: (line) => {
        lines.push(line);
        lineWritten?.();
      },
    });
    try {
      // 404 waiting to be sent; meanwhile the chunked body breaks and the parser answers 400.
      const broken = await connection(server, mock.port);
      let started = next();
      broken.client.write('POST /nowhere HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
      await started;
      broken.client.write('zz\r\n');
      await broken.closed;
      expect(broken.text()).toMatch(/^HTTP\/1\.1 400 /);
      let line = logged();
      held.shift()?.();
      await line;
      // The client leaves while its answer waits.
      const gone = await connection(server, mock.port);
      started = next();
      gone.client.write('GET /signup-plus/accounts HTTP/1.1\r\nHost: x\r\n\r\n');
      await started;
      gone.client.destroy();
      await new Promise<void>((resolve) => gone.served.once('close', () => resolve()));
      line = logged();
      held.shift()?.();
      await line;
      expect(lines).toEqual([expect.stringMatching(/^POST \/nowhere scenario=- 400 \d+\.\dms$/), expect.stringMatching(/^GET \/signup-plus\/accounts scenario=- reset \d+\.\dms$/)]);
      expect(mock.requests().map((e) => [e.path, e.status])).toEqual([
        ['/nowhere', 400],
        ['/signup-plus/accounts', 0],
      ]);
    } finally {
      await mock.close();
    }
  });
});
