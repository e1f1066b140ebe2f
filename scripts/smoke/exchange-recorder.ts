// An undici interceptor that keeps what each answer looked like (status, header names and values, parsed body),
// every attempt included (a retried 429 too), so the assumption observers can judge the wire rather than the
// client's reading of it. Kept in memory for the run only: bodies hold tokens and personal data, and no
// observer copies a value out of them, only types and names.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** Bodies beyond this are not kept (no documented answer comes near it); the observers then see no body. */
const MAX_KEPT_BYTES = 256 * 1024;

export interface RecordedExchange {
  /** The smoke step the exchange belongs to (`token (authorization_code)`, `accounts`...). */
  step: string;
  method: string;
  /** Path without query, base path of the environment included: `…/connect/token`, `…/signup-plus/accounts`. */
  path: string;
  /** Names of the query parameters sent (never their values). */
  queryNames: string[];
  /** `grant_type` of a token request (the only request field kept). */
  grantType?: string;
  status: number;
  /** Lower-cased names; repeated headers comma-joined. */
  headers: Record<string, string>;
  /** `application/json`, `application/problem+json`...: lower-cased, without parameters. */
  mediaType?: string;
  /** The parsed JSON body, or undefined when empty, not JSON or too large. */
  json: unknown;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function grantTypeOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  const fromForm = new URLSearchParams(body).get('grant_type');
  if (fromForm) return fromForm;
  try {
    const json = JSON.parse(body) as { grant_type?: unknown };
    return typeof json.grant_type === 'string' ? json.grant_type : undefined;
  } catch {
    return undefined;
  }
}

/** Passes every callback on to the client's handler, keeping a copy of the answer on the way. */
class RecordingHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly done: (status: number, headers: IncomingHttpHeaders, body: string | undefined) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.inner.onRequestStart?.(controller, context);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.status = statusCode;
    this.headers = headers;
    this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size <= MAX_KEPT_BYTES) this.chunks.push(chunk);
    this.inner.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller: Dispatcher.DispatchController, trailers: IncomingHttpHeaders): void {
    this.done(this.status, this.headers, this.size <= MAX_KEPT_BYTES ? Buffer.concat(this.chunks).toString('utf8') : undefined);
    this.inner.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    this.inner.onResponseError?.(controller, error);
  }
}

export class ExchangeRecorder {
  readonly #exchanges: RecordedExchange[] = [];
  #step = '';

  /** Exchanges from now on belong to `step` (the smoke run calls one step at a time). */
  startStep(step: string): void {
    this.#step = step;
  }

  exchanges(): readonly RecordedExchange[] {
    return this.#exchanges;
  }

  /** The interceptor for `agent.compose(...)`. */
  readonly interceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    const step = this.#step;
    const url = new URL(options.path, 'http://recorder.invalid');
    const grantType = grantTypeOf(options.body);
    const request = { method: String(options.method), path: url.pathname, queryNames: [...new Set(url.searchParams.keys())], ...(grantType !== undefined ? { grantType } : {}) };
    const recording = new RecordingHandler(handler, (status, headers, body) => {
      const flat = flatHeaders(headers);
      const exchange: RecordedExchange = {
        step,
        ...request,
        status,
        headers: flat,
        json: parseJson(body),
      };
      const mediaType = flat['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (mediaType) exchange.mediaType = mediaType;
      this.#exchanges.push(exchange);
    });
    return dispatch(options, recording);
  };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
