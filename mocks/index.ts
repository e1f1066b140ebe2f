// The Signup+ mock server: one origin answering both POST /connect/token and GET /signup-plus/accounts, so a
// client configured with `customEnvironment({ authUrl: url, apiUrl: url })` runs the whole flow against it.
// Answers come from the spec through Prism (mocks/prism-engine.ts); this module does the HTTP edge: routing,
// bounded bodies, trace ids, latency, faults, the request log and a clean close.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountIdRule, handleAccounts } from './accounts-endpoint.ts';
import { createAuthCodeStore } from './auth-codes.ts';
import { handleAuthDialog } from './auth-dialog.ts';
import { allowOrigin, answerPreflight, isPreflight } from './cors.ts';
import { createDialogSealer } from './dialog-state.ts';
import type { Exchange, MockSettings, Outcome } from './exchange.ts';
import { actOut } from './faults.ts';
import { loadPrismEngine } from './precomputed-answers.ts';
import { handleProviderState, PROVIDER_STATES_PATH } from './provider-states.ts';
import { AUTH_TRACE_HEADER, httpProblem, rawProblem, send, TRACE_HEADER } from './reply.ts';
import { formatRequestLog, type LogSink } from './request-log.ts';
import { healthAnswer, HEALTH_PATH, specInfoReader } from './health.ts';
import { createRequestJournal, REQUESTS_PATH, type JournalEntry, type JournalFilter } from './request-journal.ts';
import { examplesNamedByTable } from './scenarios.ts';
import { SPEC_PATH as DEFAULT_SPEC_PATH } from '../src/spec-files.ts';
import { handleToken } from './token-endpoint.ts';

export { SCENARIOS, type ExampleRef, type FaultName, type Scenario } from './scenarios.ts';
export { MOCK_TOKEN_KEY, mintToken, verifyToken } from './tokens.ts';
export { PROVIDER_STATES, PROVIDER_STATES_PATH } from './provider-states.ts';
export { MOCK_BANKS, type MockBank } from './mock-banks.ts';
export { DECISION_PARAM } from './auth-request.ts';
export { CODE_TTL_MS } from './auth-codes.ts';
export { HEALTH_PATH, type HealthAnswer } from './health.ts';
export { REQUESTS_PATH, DEFAULT_JOURNAL_SIZE, type JournalEntry, type JournalFilter } from './request-journal.ts';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
/** Request bodies above this get 413; the rest of such a body is never read into memory. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface MockOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** No request log (the CLI also skips its banner). */
  quiet?: boolean | undefined;
  /** Delay every answer by this many milliseconds, plus a random 0..jitterMs. */
  latencyMs?: number | undefined;
  /** Default: a fifth of latencyMs. */
  jitterMs?: number | undefined;
  /** Identities generated from the schema (json-schema-faker) instead of the fixed examples. */
  dynamic?: boolean | undefined;
  /** Makes --dynamic deterministic: the same identity per (scenario, account_id), across restarts. */
  seed?: string | number | undefined;
  /** When set, the token endpoint answers 400 invalid_client to any other client id / secret. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Where request log lines go; default stdout (nothing when quiet). */
  log?: LogSink | undefined;
  /** Answer Pact state changes on POST /_harness/provider-states (see mocks/provider-states.ts). */
  providerStates?: boolean | undefined;
  /** How long the `slow` fault waits; default 60 s, longer than common client timeouts. */
  slowMs?: number | undefined;
  /** Another spec file (tests); default specs/signup-plus.openapi.yaml. */
  specPath?: string | undefined;
  /**
   * The auth link's allowed redirect URIs (as in TrueLayer Console), compared exactly. Default: any http(s) URI.
   * Any other redirect_uri gets an error page, never a redirect.
   */
  redirectUris?: string[] | undefined;
  /** CORS headers and preflight answers for browser apps (default true). */
  cors?: boolean | undefined;
  /** The clock for authorization-code expiry and dialog pages (tests); default Date.now. */
  now?: (() => number) | undefined;
  /** Requests the journal keeps (GET /_harness/requests); default 500, 0 keeps none. */
  journalSize?: number | undefined;
  /** How the mock waits (latency, `slow`); tests inject one to check the delays without the wall clock. */
  wait?: Wait | undefined;
}

/** Resolves after `ms`; rejects when `signal` (the mock closing) aborts. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<unknown>;

const realWait: Wait = (ms, signal) => sleep(ms, undefined, { signal });

export interface RunningMock {
  url: string;
  port: number;
  host: string;
  /** The journal, oldest first (what GET /_harness/requests answers), optionally by method and path. */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Empties the journal (DELETE /_harness/requests). */
  clearRequests(): void;
  close(): Promise<void>;
}

type Route = { methods: string[]; allow: string; handle: (exchange: Exchange) => Promise<Outcome>; traceHeader: string };

/**
 * A route answering `methods`, with the trace header of its host. RFC 9110 §9.3.2: HEAD is GET without the body
 * (Node's ServerResponse drops the body of a HEAD answer and keeps its Content-Length), so `curl -I` and health
 * checks see what a GET would.
 */
function route(methods: string[], handle: Route['handle'], traceHeader: string = TRACE_HEADER): Route {
  const all = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  return { methods: all, allow: [...all, 'OPTIONS'].join(', '), handle, traceHeader };
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const engine = await loadPrismEngine(options.specPath ?? DEFAULT_SPEC_PATH);
  // Every example the scenario table names is fetched now: a renamed example fails the start, not a request.
  for (const { operationId, status, example } of examplesNamedByTable()) {
    const result = await engine.answer(operationId, { status, example });
    if (!result.ok) throw new Error(`mocks/scenarios.ts names ${operationId} ${status} "${example}", which the spec lacks: ${result.reason}`);
  }
  const settings: MockSettings = {
    ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
    ...(options.clientSecret !== undefined ? { clientSecret: options.clientSecret } : {}),
    // json-schema-faker and the schemas load only for --dynamic: they are not worth their start-up time otherwise.
    ...(options.dynamic
      ? { identities: (await import('./dynamic-identity.ts')).identityGenerator(options.seed === undefined ? undefined : String(options.seed)) }
      : {}),
    providerStates: options.providerStates ?? false,
    codes: createAuthCodeStore(options.now),
  };
  const dialog = {
    policy: {
      ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
      ...(options.redirectUris?.length ? { redirectUris: [...options.redirectUris] } : {}),
    },
    sealer: createDialogSealer(options.now),
    codes: settings.codes,
  };
  const cors = options.cors ?? true;
  const sink: LogSink | undefined = options.log ?? (options.quiet ? undefined : (line) => process.stdout.write(`${line}\n`));
  // A caller's sink that throws costs neither an answer nor a journal entry, and crashes nothing: the line is
  // dropped, and the first failure is said on stderr.
  let sinkFailed = false;
  const log: LogSink | undefined =
    sink &&
    ((line) => {
      try {
        sink(line);
      } catch (error) {
        if (!sinkFailed) process.stderr.write(`Signup+ mock: the request log sink threw (${String((error as Error)?.message ?? error)}); its failing lines are dropped.\n`);
        sinkFailed = true;
      }
    });
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const jitterMs = Math.max(0, options.jitterMs ?? Math.round(latencyMs / 5));
  const closing = new AbortController();
  const wait = options.wait ?? realWait;
  const isAccountId = accountIdRule(engine.querySchema('getSignupPlusAccounts', 'account_id'));

  const journal = createRequestJournal(options.journalSize);
  const specInfo = specInfoReader(options.specPath ?? DEFAULT_SPEC_PATH);
  const startedAt = new Date();
  const routes = new Map<string, Route>([
    // The auth link: TrueLayer's auth server serves it on its root path; the dialog's own forms post back to it.
    ['/', route(['GET', 'POST'], (exchange) => handleAuthDialog(exchange, dialog), AUTH_TRACE_HEADER)],
    ['/connect/token', route(['POST'], handleToken, AUTH_TRACE_HEADER)],
    ['/signup-plus/accounts', route(['GET'], (exchange) => handleAccounts(exchange, isAccountId))],
  ]);
  // Test support under the reserved /_harness prefix, never journaled (WireMock keeps /__admin the same way).
  routes.set(
    HEALTH_PATH,
    route(['GET'], async () =>
      harnessJson(200, healthAnswer({ spec: await specInfo(), startedAt, now: new Date(), providerStates: settings.providerStates, journal: journal.list().length })),
    ),
  );
  routes.set(
    REQUESTS_PATH,
    route(['GET', 'DELETE'], async ({ req, url }) => {
      if (req.method === 'DELETE') {
        journal.clear();
        return { answer: { status: 204, headers: {}, body: undefined } };
      }
      const filter: JournalFilter = {};
      const method = url.searchParams.get('method');
      const path = url.searchParams.get('path');
      if (method) filter.method = method;
      if (path) filter.path = path;
      return harnessJson(200, { requests: journal.list(filter) });
    }),
  );
  if (settings.providerStates) {
    routes.set(
      PROVIDER_STATES_PATH,
      route(['POST'], async (exchange) => {
        exchange.scenario = 'provider-state';
        return handleProviderState(exchange.body, exchange.req.headers['content-type']);
      }),
    );
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const traceId = randomUUID();
    res.setHeader(TRACE_HEADER, traceId);
    if (cors) allowOrigin(req, res);
    // A request from Node's HTTP parser always has its target and method.
    const target = req.url as string;
    const method = req.method as string;
    const secrets: string[] = [];
    let scenario: string | undefined;
    let status = 0;
    // The host's trace header, once the route is known (the API host's until then).
    let traceHeader = TRACE_HEADER;
    let pathname: string | undefined;
    let body: Buffer | undefined;
    try {
      status = await answer();
    } catch (error) {
      if (!closing.signal.aborted && !res.headersSent) {
        status = send(res, httpProblem(500, 'The mock failed to answer; this is a bug in mocks/.', traceId), traceId, {}, traceHeader);
      }
      if (!closing.signal.aborted) log?.(formatRequestLog({ method: 'ERROR', target: String((error as Error).message), status, ms: 0, secrets }));
    }
    const ms = performance.now() - started;
    log?.(formatRequestLog({ method, target, status, ms, secrets, ...(scenario ? { scenario } : {}) }));
    if (pathname !== undefined && !pathname.startsWith('/_harness/')) {
      journal.record({ method, target, headers: req.headers, body, status, ...(scenario ? { scenario } : {}), traceId, durationMs: ms, secrets });
    }

    async function answer(): Promise<number> {
      let url: URL;
      try {
        url = new URL(target, 'http://mock.invalid');
      } catch {
        return finish(httpProblem(400, 'The request target is not a valid URL.', traceId), { Connection: 'close' });
      }
      pathname = url.pathname;
      const route = routes.get(url.pathname);
      if (!route) return finish(httpProblem(404, `No such endpoint: ${url.pathname.slice(0, 100)}.`, traceId));
      if (route.traceHeader !== TRACE_HEADER) {
        res.removeHeader(TRACE_HEADER);
        traceHeader = route.traceHeader;
        res.setHeader(traceHeader, traceId);
      }
      if (cors && isPreflight(req)) return answerPreflight(req, res, route.allow);
      if (method === 'OPTIONS') {
        res.writeHead(204, { Allow: route.allow, [traceHeader]: traceId });
        res.end();
        return 204;
      }
      if (!route.methods.includes(method)) {
        return finish(httpProblem(405, `${method} is not allowed here; use ${route.methods.join(' or ')}.`, traceId), { Allow: route.allow });
      }
      const read = await readBounded(req, res, BODY_LIMIT_BYTES);
      if (read === 'too-large') {
        return finish(httpProblem(413, `Request bodies are limited to ${BODY_LIMIT_BYTES} bytes.`, traceId), { Connection: 'close' });
      }
      if (read === 'aborted') return res.headersSent ? res.statusCode : 0;
      body = read;
      const exchange: Exchange = { req, url, body: read, traceId, engine, settings, secrets };
      const outcome = await route.handle(exchange);
      scenario = exchange.scenario;
      if (outcome.fault) {
        await delay();
        return actOut(outcome.fault, res, outcome.answer, traceId, { slowMs: options.slowMs ?? 60_000, signal: closing.signal, wait });
      }
      return finish(outcome.answer, outcome.headers);
    }

    async function finish(reply: Outcome['answer'], headers?: Record<string, string>): Promise<number> {
      await delay();
      // The parser may have answered already (a broken body: see 'clientError'), or the client left during the wait.
      if (res.headersSent) return res.statusCode;
      if (res.destroyed) return 0;
      return send(res, reply, traceId, headers, traceHeader);
    }
  };

  const delay = async (): Promise<void> => {
    if (latencyMs === 0 && jitterMs === 0) return;
    await wait(latencyMs + Math.random() * jitterMs, closing.signal);
  };

  // Sockets the HTTP server no longer tracks (parser errors, CONNECT): answered by hand, then drained to the
  // peer's FIN (a reset could discard the answer in the peer's buffer), destroyed after a grace period or on close.
  const detached = new Set<Socket>();
  const endRaw = (socket: Socket, text: string): void => {
    detached.add(socket);
    socket.once('close', () => detached.delete(socket));
    socket.end(text);
    socket.resume();
    setTimeout(() => socket.destroy(), 2_000).unref();
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 }, (req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    void handle(req, res);
  });
  // The HTTP parser refuses some requests before any handler runs (bad method, huge headers, broken framing):
  // those still get a TrueLayer-shaped problem, never Node's bare 400 or a crash.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const detail = status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request is not valid HTTP/1.1.';
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (inFlight) {
      if (inFlight.req.complete) {
        // The current request arrived whole; the broken bytes came after it. Answer it, then close: Node closes
        // after an answer that is not kept alive, even one already being written; one that just finished, we do.
        inFlight.shouldKeepAlive = false;
        if (inFlight.writableFinished) socket.destroySoon();
      } else if (!inFlight.headersSent) {
        // The current request's own body is broken (bad chunking): it gets the 400 under the trace id and header
        // its handler set (the auth host's on the token route), and its handler stops (readBounded sees the close).
        const traceHeader = inFlight.hasHeader(AUTH_TRACE_HEADER) ? AUTH_TRACE_HEADER : TRACE_HEADER;
        const traceId = String(inFlight.getHeader(traceHeader));
        send(inFlight, httpProblem(400, detail, traceId), traceId, { Connection: 'close' }, traceHeader);
      } else {
        socket.destroy();
      }
      return;
    }
    endRaw(socket, rawProblem(status, detail, randomUUID()));
    log?.(formatRequestLog({ method: '-', target: `(${error.code ?? 'parse error'})`, status, ms: 0, secrets: [] }));
  });
  // CONNECT is not a method of this API; without this Node would drop the socket without an answer.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => undefined);
    const traceId = randomUUID();
    endRaw(socket, rawProblem(405, 'CONNECT is not allowed here.', traceId, { Allow: 'GET, HEAD, POST, OPTIONS' }));
  });
  server.on('error', () => undefined);

  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    requests: (filter) => journal.list(filter),
    clearRequests: () => journal.clear(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of detached) socket.destroy();
      });
      return closed;
    },
  };
}

function harnessJson(status: number, body: unknown): Outcome {
  return { answer: { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body } };
}

/**
 * Reads the body up to `limit` bytes; past it, stops reading (the connection is then closed, not drained).
 * 'aborted' when the peer goes away, or when the answer was sent without the body (the parser's 400 for a broken
 * chunked body, which emits nothing on the request).
 */
function readBounded(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    // No listener is taken off: a settled promise ignores later calls, and the listeners go with the request.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    // The peer gone mid-body, or the parser's 400 sent for a broken body: either closes the answer first.
    res.on('close', () => resolve('aborted'));
  });
}
