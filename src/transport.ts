// One HTTP exchange on undici's dispatch API (a handler object, no response stream), with the three timeouts
// and the mapping of transport failures to typed errors. undici enforces connect/headers/body timeouts on real
// sockets; a watchdog covers any dispatcher that does not (e.g. MockAgent) and bodies that trickle in forever,
// so no call can hang. Bodies are collected whole, with a size cap. Why not `undici.request`: passing it an
// abort signal (needed for the watchdog) plus its Readable body cost more than the whole rest of the client in
// the client bench; a handler with the dispatch controller aborts for free.
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { AbortedError, NetworkError, ResponseValidationError, SignupPlusError, TimeoutError } from './errors.ts';
import type { NetworkReason, TimeoutPhase } from './errors.ts';

export interface Timeouts {
  connectMs?: number | undefined;
  headersMs?: number | undefined;
  bodyMs?: number | undefined;
}

/** The timeouts with every default filled in (an explicit `undefined` in Timeouts means "the default"). */
export type ResolvedTimeouts = { [K in keyof Timeouts]-?: Exclude<Timeouts[K], undefined> };

export const DEFAULT_TIMEOUTS: ResolvedTimeouts = { connectMs: 5_000, headersMs: 10_000, bodyMs: 10_000 };

/** Bodies larger than this are refused: no documented answer is anywhere near it. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Exchange {
  method: 'GET' | 'POST';
  /** `http(s)://host[:port]` */
  origin: string;
  /** Path and query, including any base path of the environment. */
  path: string;
  /** `METHOD path` for messages, without the query (which may carry ids) or host. */
  label: string;
  headers: Record<string, string>;
  body?: string;
  timeouts: ResolvedTimeouts;
  signal: AbortSignal | undefined;
  secrets: string[];
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  receivedAt: number;
}

// Shared default agents, one per connect timeout (undici sets the connect timeout per agent, not per request).
const defaultAgents = new Map<number, Agent>();

function defaultAgent(connectMs: number): Agent {
  let agent = defaultAgents.get(connectMs);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectMs } });
    defaultAgents.set(connectMs, agent);
  }
  return agent;
}

/**
 * Receives one response (undici's DispatchHandler) and settles the exchange's promise exactly once: with the
 * collected answer, or with a typed error (transport failure, watchdog, caller abort, oversized body).
 * Also the caller signal's listener (`handleEvent`), so that a call allocates no closures.
 */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private abortReason: Error | undefined;
  private settled = false;
  private headersSeen = false;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private timer: NodeJS.Timeout;

  constructor(
    readonly x: Exchange,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: SignupPlusError) => void,
  ) {
    this.timer = setTimeout(onWatchdog, x.timeouts.connectMs + x.timeouts.headersMs, this);
    x.signal?.addEventListener('abort', this);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (this.settled) return;
    this.status = statusCode;
    this.headers = headers;
    this.headersSeen = true;
    // The body gets bodyMs in all from here. undici's bodyTimeout only bounds the gap between two chunks, so a
    // server trickling a byte at a time would otherwise hold the call for as long as it likes.
    clearTimeout(this.timer);
    this.timer = setTimeout(onWatchdog, this.x.timeouts.bodyMs, this);
    if (Number(headers['content-length']) > MAX_BODY_BYTES) this.abort(tooLarge(statusCode, this.x));
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > MAX_BODY_BYTES) return this.abort(tooLarge(this.status, this.x));
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settle()) return;
    const { chunks } = this;
    const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, this.size).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, text, receivedAt: Date.now() });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settle()) return;
    this.reject(toTransportError(error, this.x));
  }

  /** The caller's AbortSignal fired. */
  handleEvent(): void {
    this.abort(new AbortedError({ request: this.x.label, cause: this.x.signal?.reason, secrets: this.x.secrets }));
  }

  /** Ends the exchange now with `error`; undici is told to drop the request (now, or as soon as it starts). */
  abort(error: SignupPlusError): void {
    if (this.settle()) return;
    this.abortReason = error;
    this.controller?.abort(error);
    this.reject(error);
  }

  watchdog(): void {
    const { connectMs, headersMs, bodyMs } = this.x.timeouts;
    this.abort(this.headersSeen ? this.timeout('body', bodyMs) : this.timeout('headers', connectMs + headersMs));
  }

  private timeout(phase: TimeoutPhase, timeoutMs: number): TimeoutError {
    return new TimeoutError({ phase, timeoutMs, request: this.x.label, secrets: this.x.secrets });
  }

  /** Marks the exchange settled and releases its timer and listener; true when it already was. */
  private settle(): boolean {
    if (this.settled) return true;
    this.settled = true;
    clearTimeout(this.timer);
    this.x.signal?.removeEventListener('abort', this);
    return false;
  }
}

function onWatchdog(handler: ExchangeHandler): void {
  handler.watchdog();
}

export function exchange(x: Exchange, dispatcher: Dispatcher | undefined): Promise<RawResponse> {
  if (x.signal?.aborted) return Promise.reject(new AbortedError({ request: x.label, cause: x.signal.reason, secrets: x.secrets }));
  return new Promise<RawResponse>((resolve, reject) => {
    const handler = new ExchangeHandler(x, resolve, reject);
    try {
      (dispatcher ?? defaultAgent(x.timeouts.connectMs)).dispatch(
        {
          origin: x.origin,
          path: x.path,
          method: x.method,
          headers: x.headers,
          body: x.body ?? null,
          headersTimeout: x.timeouts.headersMs,
          bodyTimeout: x.timeouts.bodyMs,
        },
        handler,
      );
    } catch (error) {
      handler.onResponseError(undefined as unknown as Dispatcher.DispatchController, error as Error);
    }
  });
}

function tooLarge(status: number, x: Exchange): ResponseValidationError {
  return new ResponseValidationError({
    request: x.label,
    issues: [{ pointer: '', severity: 'error', keyword: 'size', message: `body is larger than ${MAX_BODY_BYTES} bytes`, expected: `<= ${MAX_BODY_BYTES} bytes`, actual: `> ${MAX_BODY_BYTES} bytes` }],
    status,
    secrets: x.secrets,
  });
}

const NETWORK_REASONS: Record<string, NetworkReason> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  UND_ERR_CLOSED: 'closed',
  UND_ERR_DESTROYED: 'closed',
};

const TIMEOUT_CODES: Record<string, TimeoutPhase> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown }; errors?: Array<{ code?: unknown }> };
  for (const candidate of [e?.code, e?.cause?.code, e?.errors?.[0]?.code]) if (typeof candidate === 'string') return candidate;
  return undefined;
}

function toTransportError(error: unknown, x: Exchange): SignupPlusError {
  if (error instanceof SignupPlusError) return error;
  const code = errorCode(error);
  const phase = code ? TIMEOUT_CODES[code] : undefined;
  if (phase) {
    const timeoutMs = phase === 'connect' ? x.timeouts.connectMs : phase === 'headers' ? x.timeouts.headersMs : x.timeouts.bodyMs;
    return new TimeoutError({ phase, timeoutMs, request: x.label, cause: error, secrets: x.secrets });
  }
  const reason: NetworkReason =
    (code ? NETWORK_REASONS[code] : undefined) ?? (code && /^(ERR_TLS|CERT_|DEPTH_ZERO|UNABLE_TO_VERIFY|SELF_SIGNED)/.test(code) ? 'tls' : 'other');
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new NetworkError({ reason, request: x.label, detail, cause: error, secrets: x.secrets });
}

/** A reset connection: safe to retry for an idempotent GET, never for the token POST (codes are single-use). */
export function isConnectionReset(error: unknown): boolean {
  return error instanceof NetworkError && error.reason === 'reset';
}
