// Transport faults, so that an app's error handling can be exercised against the mock: each one acts out, on
// the real socket, what a slow upstream, a dropped connection, a cut-off body or a failing proxy looks like.
import type { ServerResponse } from 'node:http';
import type { Wait } from './index.ts';
import type { PrismAnswer } from './prism-engine.ts';
import { render, send, TRACE_HEADER } from './reply.ts';
import type { FaultName } from './scenarios.ts';

/** The page a proxy sends when the upstream fails: HTML, not a documented answer of the API. */
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

export interface FaultSettings {
  /** How long `slow` waits before answering; longer than common client timeouts. */
  slowMs: number;
  /** Aborted when the mock closes, so a pending slow answer never holds it open. */
  signal: AbortSignal;
  wait: Wait;
}

/** Acts out the fault; resolves with the status the caller saw (0 when the connection was dropped). */
export async function actOut(
  fault: FaultName,
  res: ServerResponse,
  answer: PrismAnswer,
  traceId: string,
  settings: FaultSettings,
): Promise<number> {
  switch (fault) {
    case 'slow':
      await settings.wait(settings.slowMs, settings.signal);
      return send(res, answer, traceId);
    case 'bad-gateway': {
      const page = Buffer.from(BAD_GATEWAY_PAGE);
      res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': String(page.length), [TRACE_HEADER]: traceId });
      res.end(page);
      return 502;
    }
    case 'connection-reset':
    case 'truncated': {
      const { status, headers, body } = render(answer, traceId);
      // Headers promise the whole body; half of it goes out, then the connection is reset or closed.
      res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
      const socket = res.socket;
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        if (!socket) return;
        // A TCP RST. A Node client that reads it together with the last bytes reports an end of stream (libuv),
        // but the connection is gone both ways: its next write fails, unlike after truncated's FIN.
        if (fault === 'connection-reset') socket.resetAndDestroy();
        else socket.end();
      });
      return fault === 'truncated' ? status : 0;
    }
  }
}
