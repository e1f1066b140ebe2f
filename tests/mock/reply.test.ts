// How the mock writes answers (mocks/reply.ts): the headers it sends whatever the answer carried (its own
// Content-Length and trace header replace any given), the trace id in the body, empty bodies, and the raw problem
// answer written on sockets the HTTP parser gave up on.
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { AUTH_TRACE_HEADER, httpProblem, rawProblem, render, send, TRACE_HEADER } from '../../mocks/reply.ts';

describe('render', () => {
  it('drops a given Content-Length and both hosts\' trace headers, keeps the rest, and puts in the trace id of this answer', () => {
    const traceId = randomUUID();
    const answer = {
      status: 429,
      headers: { 'content-length': '999', 'Tl-Trace-Id': 'stale', 'x-tl-correlation-id': 'stale', 'Retry-After': '30', 'Content-Type': 'application/problem+json' },
      body: { type: 'https://docs.truelayer.com/docs/signup-errors#rate-limit-exceeded', status: 429, trace_id: 'stale' },
    };
    const api = render(answer, traceId);
    expect(api.status).toBe(429);
    expect(api.headers).toEqual({ 'Retry-After': '30', 'Content-Type': 'application/problem+json', [TRACE_HEADER]: traceId });
    expect(api.body.toString()).toBe(`{"type":"https://docs.truelayer.com/docs/signup-errors#rate-limit-exceeded","status":429,"trace_id":"${traceId}"}`);
    const auth = render(answer, 'second-trace', AUTH_TRACE_HEADER);
    expect(auth.headers).toEqual({ 'Retry-After': '30', 'Content-Type': 'application/problem+json', [AUTH_TRACE_HEADER]: 'second-trace' });
    expect(JSON.parse(auth.body.toString())).toMatchObject({ trace_id: 'second-trace' });
  });

  it('sends a body without a declared type as application/json, and no body as zero bytes', () => {
    const json = render({ status: 200, headers: {}, body: { ok: true } }, 't-1');
    expect(json.headers).toEqual({ 'Content-Type': 'application/json', [TRACE_HEADER]: 't-1' });
    expect(json.body.toString()).toBe('{"ok":true}');
    for (const body of [null, undefined]) expect(render({ status: 204, headers: {}, body }, 't-2').body).toEqual(Buffer.alloc(0));
    expect(render({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>é</p>' }, 't-3').body.toString()).toBe('<p>é</p>');
  });
});

describe('send', () => {
  /** A response on no connection: what send hands to writeHead and end is what goes on the wire. */
  function response(): { res: ServerResponse; head: ReturnType<typeof vi.fn>; end: ReturnType<typeof vi.fn> } {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    const head = vi.fn();
    const end = vi.fn();
    res.writeHead = head as unknown as ServerResponse['writeHead'];
    res.end = end as unknown as ServerResponse['end'];
    return { res, head, end };
  }

  it('writes the status, the headers, the extra headers and the byte length, then the body', () => {
    const { res, head, end } = response();
    expect(send(res, { status: 200, headers: { 'X-A': '1' }, body: { first_name: 'Zoë' } }, 't-1', { Allow: 'GET' })).toBe(200);
    expect(head.mock.calls).toEqual([[200, { 'X-A': '1', 'Content-Type': 'application/json', [TRACE_HEADER]: 't-1', Allow: 'GET', 'Content-Length': '21' }]]);
    expect(end.mock.calls.map(([body]) => String(body))).toEqual(['{"first_name":"Zoë"}']);
  });

  it('a 204 keeps its headers and the extra ones, under the host\'s trace header, with no body, type or length', () => {
    const { res, head, end } = response();
    expect(send(res, { status: 204, headers: { 'X-A': '1', 'Content-Type': 'application/json' }, body: undefined }, 't-2', { Allow: 'GET' }, AUTH_TRACE_HEADER)).toBe(204);
    expect(head.mock.calls).toEqual([[204, { 'X-A': '1', [AUTH_TRACE_HEADER]: 't-2', Allow: 'GET' }]]);
    expect(end.mock.calls).toEqual([[]]);
  });
});

describe('rawProblem', () => {
  it('is a whole HTTP/1.1 answer: status line, JSON type, trace header, byte length, extra headers, Connection: close, the problem body', () => {
    const traceId = randomUUID();
    const detail = 'CONNECT is not allowed here (é).';
    const body = JSON.stringify({ type: 'https://docs.truelayer.com/docs/signup-errors#method-not-allowed', title: 'Method Not Allowed', status: 405, detail, trace_id: traceId });
    expect(rawProblem(405, detail, traceId, { Allow: 'GET, HEAD, POST, OPTIONS' })).toBe(
      [
        'HTTP/1.1 405 Method Not Allowed',
        'Content-Type: application/json',
        `Tl-Trace-Id: ${traceId}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Allow: GET, HEAD, POST, OPTIONS',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    expect(rawProblem(431, 'The request headers are too large.', traceId).split('\r\n').slice(0, 5)).toEqual([
      'HTTP/1.1 431 Request Header Fields Too Large',
      'Content-Type: application/json',
      `Tl-Trace-Id: ${traceId}`,
      expect.stringMatching(/^Content-Length: \d+$/),
      'Connection: close',
    ]);
  });

  it('carries the same problem as httpProblem, in TrueLayer\'s shape', () => {
    expect(httpProblem(413, 'Too big.', 't-9')).toEqual({
      status: 413,
      headers: { 'Content-Type': 'application/json' },
      body: { type: 'https://docs.truelayer.com/docs/signup-errors#payload-too-large', title: 'Payload Too Large', status: 413, detail: 'Too big.', trace_id: 't-9' },
    });
  });
});
