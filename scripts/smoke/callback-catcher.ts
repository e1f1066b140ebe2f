// The loopback redirect catcher for `auth-link --listen`: a tiny HTTP server on the redirect URI's port that
// takes TrueLayer's redirect, checks `state` (CSRF: a callback not started by this command is refused), and
// hands the one-time code to the caller. It never echoes the code or any parameter back into the page.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallbackOutcome = { kind: 'code'; code: string } | { kind: 'denied'; error: string; description?: string };

export interface CatcherOptions {
  redirectUri: string;
  expectedState: string;
  /** Called for each refused callback (wrong path, state mismatch, no code), with a message for the terminal. */
  onRejected?: (message: string) => void;
}

export interface CallbackCatcher {
  /** The address actually listened on. */
  url: string;
  /** Settles with the first callback that carries the right state. */
  outcome: Promise<CallbackOutcome>;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_FORM_BYTES = 64 * 1024;

/** Checks that the redirect URI can be caught on this machine; returns why not, or undefined. */
export function loopbackProblem(redirectUri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:') return `uses ${url.protocol}; --listen needs a plain http loopback URI such as http://127.0.0.1:3000/callback`;
  if (!LOOPBACK_HOSTS.has(url.hostname)) return `points at ${url.hostname}; --listen needs a loopback host (127.0.0.1) such as http://127.0.0.1:3000/callback`;
  if (!url.port) return 'has no port; --listen needs an explicit port such as http://127.0.0.1:3000/callback';
  return undefined;
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(text)}</p>\n`);
}

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  if (req.method !== 'POST') return url.searchParams;
  // response_mode=form_post: the same parameters, in a form body.
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error('form body too large');
  }
  return new URLSearchParams(body);
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startCallbackCatcher(options: CatcherOptions): Promise<CallbackCatcher> {
  const problem = loopbackProblem(options.redirectUri);
  if (problem) throw new Error(`TRUELAYER_REDIRECT_URI ${problem}`);
  const target = new URL(options.redirectUri);
  const reject = options.onRejected ?? (() => undefined);
  let settle!: (outcome: CallbackOutcome) => void;
  const outcome = new Promise<CallbackOutcome>((resolve) => (settle = resolve));
  let done = false;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== target.pathname) {
        page(res, 404, 'Not found', `This catcher only answers ${target.pathname}.`);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'POST') {
        page(res, 405, 'Method not allowed', 'Only the redirect (GET, or POST for form_post) is accepted.');
        return;
      }
      if (done) {
        page(res, 409, 'Already done', 'A code was already received; run the command again for a new one.');
        return;
      }
      const params = await readParams(req, url);
      if (!sameState(params.get('state'), options.expectedState)) {
        const what = params.get('state') === null ? 'carries no state' : 'carries a state that does not match the link printed by this command';
        reject(`Refused a callback that ${what}: it was not started by this run (an old link, another tab, or a forged request). Open the link printed above.`);
        page(res, 400, 'State mismatch', 'This callback does not belong to the auth link printed by the signup-plus-harness command in your terminal. Open that link again; nothing was exchanged.');
        return;
      }
      const error = params.get('error');
      if (error) {
        done = true;
        const description = params.get('error_description') ?? undefined;
        page(res, 400, 'Authorization failed', `TrueLayer reported "${error}". Go back to the terminal.`);
        settle({ kind: 'denied', error, ...(description ? { description } : {}) });
        return;
      }
      const code = params.get('code');
      if (!code) {
        reject('Refused a callback with the right state but no code.');
        page(res, 400, 'No code', 'The redirect carries no authorization code.');
        return;
      }
      done = true;
      page(res, 200, 'Code received', 'The signup-plus-harness command received the authorization code. You can close this tab.');
      settle({ kind: 'code', code });
    })().catch((error: unknown) => {
      if (!res.headersSent) page(res, 400, 'Bad request', (error as Error).message);
    });
  });

  const host = target.hostname === '[::1]' ? '::1' : '127.0.0.1';
  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(Number(target.port), host, () => {
      server.off('error', rejectListen);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}${target.pathname}`,
    outcome,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
