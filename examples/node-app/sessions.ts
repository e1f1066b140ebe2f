// In-memory sessions behind an HttpOnly cookie: what the app must remember between sending the user to the auth
// link and the callback (state, PKCE verifier), then the tokens. A real app keeps this in its own session store.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Session {
  id: string;
  /** Sent in the auth link, compared on the callback (CSRF). */
  state?: string;
  /** PKCE: the secret half of the code_challenge sent in the auth link. */
  codeVerifier?: string;
  accessToken?: string;
}

const COOKIE = 'example_sid';

export function createSessions() {
  const sessions = new Map<string, Session>();
  return {
    /** The session the request's cookie names, if any. */
    find(req: IncomingMessage): Session | undefined {
      const cookie = req.headers.cookie ?? '';
      const id = /(?:^|;\s*)example_sid=([A-Za-z0-9_-]+)/.exec(cookie)?.[1];
      return id ? sessions.get(id) : undefined;
    },
    /** A fresh session and its Set-Cookie header. SameSite=Lax: the redirect back from the bank is a top-level GET. */
    start(): { session: Session; cookie: string } {
      const session: Session = { id: randomBytes(24).toString('base64url') };
      sessions.set(session.id, session);
      return { session, cookie: `${COOKIE}=${session.id}; HttpOnly; SameSite=Lax; Path=/` };
    },
  };
}
