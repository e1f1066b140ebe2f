// CORS, on by default (as Prism's CLI), so that a single-page app in a browser can call the mock directly: every
// answer to a request with an Origin allows that origin, and a preflight gets 204 with what it asked for.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answer headers a browser script may read: the trace ids, Retry-After on a 429, WWW-Authenticate on a 401. */
export const EXPOSED_HEADERS = 'Tl-Trace-Id, X-Tl-Correlation-Id, Retry-After, WWW-Authenticate, Location';
const PREFLIGHT_MAX_AGE_S = '600';

/** Sets the headers every answer to a cross-origin request needs. Echoes the origin, so that credentials work too. */
export function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && Boolean(req.headers.origin) && Boolean(req.headers['access-control-request-method']);
}

/** The preflight answer (after allowOrigin): the route's methods and whatever request headers were asked for. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, allow: string): number {
  const asked = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'Access-Control-Allow-Methods': allow,
    ...(asked ? { 'Access-Control-Allow-Headers': asked } : {}),
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_S,
    Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    Allow: allow,
  });
  res.end();
  return 204;
}
