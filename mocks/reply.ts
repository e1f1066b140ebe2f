// Writes answers to the wire. Prism's answer is serialised once and reused; only the trace id (a fresh one per
// answer, in the host's trace header and, for problem bodies, in `trace_id`) changes between two answers.
import type { ServerResponse } from 'node:http';
import type { PrismAnswer } from './prism-engine.ts';

/** The Signup+ API host's trace header (TrueLayer's Signup+ description, the .NET SDK). */
export const TRACE_HEADER = 'Tl-Trace-Id';
/** The auth host's: TrueLayer's SDKs read X-Tl-Correlation-Id from token answers (docs: common headers). */
export const AUTH_TRACE_HEADER = 'X-Tl-Correlation-Id';
const TRACE_HEADERS = new Set([TRACE_HEADER.toLowerCase(), AUTH_TRACE_HEADER.toLowerCase()]);

interface Prepared {
  headers: Record<string, string>;
  /** The serialised body split around the trace id, or the whole body when it carries none. */
  parts: [Buffer] | [Buffer, Buffer];
}

const prepared = new WeakMap<PrismAnswer, Prepared>();
const TRACE_MARK = '\u0000trace\u0000';

function prepare(answer: PrismAnswer): Prepared {
  const headers: Record<string, string> = {};
  let contentType = 'application/json';
  for (const [name, value] of Object.entries(answer.headers)) {
    const lower = name.toLowerCase();
    if (TRACE_HEADERS.has(lower) || lower === 'content-length') continue;
    if (lower === 'content-type') {
      contentType = value;
      continue;
    }
    headers[name] = value;
  }
  headers['Content-Type'] = contentType;
  const body = answer.body;
  if (body === undefined || body === null) return { headers, parts: [Buffer.alloc(0)] };
  if (typeof body === 'object' && !Array.isArray(body) && 'trace_id' in body) {
    const text = JSON.stringify({ ...body, trace_id: TRACE_MARK });
    const [before, after] = text.split(JSON.stringify(TRACE_MARK)) as [string, string];
    return { headers, parts: [Buffer.from(before), Buffer.from(after)] };
  }
  return { headers, parts: [Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))] };
}

/** The bytes and headers of an answer with this trace id (used by the faults, which write by hand). */
export function render(
  answer: PrismAnswer,
  traceId: string,
  traceHeader: string = TRACE_HEADER,
): { status: number; headers: Record<string, string>; body: Buffer } {
  let ready = prepared.get(answer);
  if (!ready) {
    ready = prepare(answer);
    prepared.set(answer, ready);
  }
  const body =
    ready.parts.length === 2
      ? Buffer.concat([ready.parts[0], Buffer.from(JSON.stringify(traceId)), ready.parts[1]])
      : ready.parts[0];
  return { status: answer.status, headers: { ...ready.headers, [traceHeader]: traceId }, body };
}

export function send(
  res: ServerResponse,
  answer: PrismAnswer,
  traceId: string,
  extraHeaders: Record<string, string> = {},
  traceHeader: string = TRACE_HEADER,
): number {
  const { status, headers, body } = render(answer, traceId, traceHeader);
  if (status === 204) {
    // No content: no body, no type, and no Content-Length (RFC 9110 §8.6 forbids one on a 204).
    const { 'Content-Type': _type, ...rest } = headers;
    res.writeHead(status, { ...rest, ...extraHeaders });
    res.end();
    return status;
  }
  res.writeHead(status, { ...headers, ...extraHeaders, 'Content-Length': String(body.length) });
  res.end(body);
  return status;
}

/** HTTP-level refusals that no operation of the spec describes (unknown path, wrong method, huge body...). */
export const HTTP_PROBLEMS = {
  400: { title: 'Bad Request', slug: 'bad-request' },
  404: { title: 'Not Found', slug: 'not-found' },
  405: { title: 'Method Not Allowed', slug: 'method-not-allowed' },
  408: { title: 'Request Timeout', slug: 'request-timeout' },
  413: { title: 'Payload Too Large', slug: 'payload-too-large' },
  431: { title: 'Request Header Fields Too Large', slug: 'request-header-fields-too-large' },
  /** Only for a bug in the mock itself; no scenario answers it (the server-error scenario uses the spec's 500). */
  500: { title: 'Internal server error', slug: 'internal-server-error' },
} as const;
export type HttpProblemStatus = keyof typeof HTTP_PROBLEMS;

/** A problem body in TrueLayer's shape (and media type, application/json) for the refusals above. */
export function httpProblem(status: HttpProblemStatus, detail: string, traceId: string): PrismAnswer {
  const { title, slug } = HTTP_PROBLEMS[status];
  return {
    status,
    headers: { 'Content-Type': 'application/json' },
    body: { type: `https://docs.truelayer.com/docs/signup-errors#${slug}`, title, status, detail, trace_id: traceId },
  };
}

/** The raw bytes of a problem answer, for sockets the HTTP parser gave up on (no ServerResponse exists). */
export function rawProblem(status: HttpProblemStatus, detail: string, traceId: string, extra: Record<string, string> = {}): string {
  const { body } = render(httpProblem(status, detail, traceId), traceId);
  return [
    `HTTP/1.1 ${status} ${HTTP_PROBLEMS[status].title}`,
    'Content-Type: application/json',
    `${TRACE_HEADER}: ${traceId}`,
    `Content-Length: ${body.length}`,
    ...Object.entries(extra).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
    '',
    body.toString('utf8'),
  ].join('\r\n');
}
