// The auth dialog's state between pages, carried in one hidden form field: JSON signed with HMAC-SHA256. The key is
// random per running mock (not the public MOCK_TOKEN_KEY of mocks/tokens.ts), because a forged state could carry an
// unvalidated redirect_uri; a page from another run, a stale one or an edited one is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a person may take over the dialog's pages. */
export const DIALOG_TTL_MS = 30 * 60 * 1000;

export interface DialogSealer {
  seal(value: object): string;
  /** The value, or undefined when the text was not sealed by this mock, was edited, or is older than DIALOG_TTL_MS. */
  open(text: string): Record<string, unknown> | undefined;
}

export function createDialogSealer(now: () => number = Date.now, key: Buffer = randomBytes(32)): DialogSealer {
  const mac = (payload: string): Buffer => createHmac('sha256', key).update(payload).digest();
  return {
    seal(value) {
      const payload = Buffer.from(JSON.stringify({ v: value, at: now() })).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    open(text) {
      if (text.length > 8192) return undefined;
      const parts = text.split('.');
      if (parts.length !== 2) return undefined;
      const [payload, signature] = parts as [string, string];
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const { v, at } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { v?: unknown; at?: unknown };
        if (typeof at !== 'number' || now() - at > DIALOG_TTL_MS || !v || typeof v !== 'object') return undefined;
        return v as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
}
