// The request journal on its own (mocks/request-journal.ts): what an entry holds for each kind of body, which
// values count as credentials (and so are redacted wherever a copy of them turns up), the body cap and the size
// cap. The journal over HTTP is in harness-endpoints.test.ts.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRequestJournal, type JournalEntry, type RecordInput } from '../../mocks/request-journal.ts';

/** Looks like a real credential: 32 random bytes, base64url, as a console-issued secret or a token would. */
const realistic = (): string => randomBytes(32).toString('base64url');
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Records one request (no secrets known to the endpoint unless given) and returns its entry. */
function recordOne(input: Partial<Omit<RecordInput, 'body'>> & { body?: string | Buffer | undefined }, journal = createRequestJournal(10, () => new Date(0))): JournalEntry {
  const body = typeof input.body === 'string' ? Buffer.from(input.body) : input.body;
  journal.record({ method: 'POST', target: '/connect/token', headers: {}, status: 400, traceId: 'trace-1', durationMs: 1, secrets: [], ...input, body });
  const entries = journal.list();
  return entries[entries.length - 1] as JournalEntry;
}

describe('request journal: credentials the endpoint did not name', () => {
  it('redacts every copy of a value found under a credential name, in nested objects and arrays of a JSON body, and nothing else', () => {
    const [secret, refresh, code, listed] = [realistic(), realistic(), realistic(), realistic()];
    const clientId = `client-${randomBytes(6).toString('hex')}`;
    const entry = recordOne({
      target: `/connect/token/${secret}`,
      headers: { 'content-type': 'application/json', 'x-debug-echo': `${refresh} for ${clientId}` },
      body: JSON.stringify({
        client_id: clientId,
        client_secret: secret,
        previous: { refresh_token: refresh },
        code: [code],
        batch: [{ access_token: listed }, 'plain'],
        note: `copies ${secret} ${refresh} ${code} ${listed} of ${clientId}`,
      }),
    });
    expect(entry.path).toBe('/connect/token/[REDACTED]');
    expect(entry.headers).toEqual({ 'content-type': 'application/json', 'x-debug-echo': `[REDACTED] for ${clientId}` });
    expect(entry.body).toEqual({
      client_id: clientId,
      client_secret: '[REDACTED]',
      previous: { refresh_token: '[REDACTED]' },
      code: '[REDACTED]',
      batch: [{ access_token: '[REDACTED]' }, 'plain'],
      note: `copies [REDACTED] [REDACTED] [REDACTED] [REDACTED] of ${clientId}`,
    });
  });

  it('finds them in a JSON body that is a list, and in a repeated query parameter', () => {
    const [first, second, inList] = [realistic(), realistic(), realistic()];
    const fromQuery = recordOne({ method: 'GET', target: `/signup-plus/accounts?access_token=${first}&access_token=${second}&scope=a&scope=b&echo=${second}`, status: 401 });
    expect(fromQuery.query).toEqual({ access_token: '[REDACTED]', scope: ['a', 'b'], echo: '[REDACTED]' });
    const fromList = recordOne({ headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ client_secret: inList }, `copy ${inList}`]) });
    expect(fromList.body).toEqual([{ client_secret: '[REDACTED]' }, 'copy [REDACTED]']);
  });

  it('reads a form body with a charset parameter as a form, so a copied value is found too', () => {
    const secret = realistic();
    const entry = recordOne({ headers: { 'content-type': `${FORM_TYPE}; charset=UTF-8` }, body: new URLSearchParams({ client_secret: secret, note: `copy ${secret}` }).toString() });
    expect(entry.body).toEqual({ client_secret: '[REDACTED]', note: 'copy [REDACTED]' });
  });
});

describe('request journal: bodies', () => {
  it('keeps a body that is neither a form nor JSON as text, even when it looks like JSON, redacting credential-shaped pairs', () => {
    const secret = realistic();
    const looksLikeJson = `{"client_secret":"${secret}","n":1}`;
    expect(recordOne({ headers: { 'content-type': 'text/plain' }, body: looksLikeJson }).body).toBe('{"client_secret":"[REDACTED]","n":1}');
    expect(recordOne({ body: `code=${secret}` }).body).toBe('code=[REDACTED]');
  });

  it('keeps a JSON body it cannot parse as redacted text', () => {
    const secret = realistic();
    expect(recordOne({ headers: { 'content-type': 'application/json' }, body: `{"client_secret": "${secret}", oops` }).body).toBe('{"client_secret": "[REDACTED]", oops');
  });

  it('keeps no body as null, also for an empty form body', () => {
    expect(recordOne({ headers: { 'content-type': FORM_TYPE }, body: Buffer.alloc(0) }).body).toBeNull();
    expect(recordOne({ headers: { 'content-type': 'application/json' }, body: '' }).body).toBeNull();
    expect(recordOne({ method: 'GET', body: undefined }).body).toBeNull();
  });

  it('keeps a body of exactly 8 KiB whole, and one character more cut to 8 KiB and flagged', () => {
    const limit = 8 * 1024;
    const whole = recordOne({ headers: { 'content-type': 'text/plain' }, body: 'a'.repeat(limit) });
    expect(whole.body).toBe('a'.repeat(limit));
    expect(whole).not.toHaveProperty('bodyTruncated');
    const cut = recordOne({ headers: { 'content-type': 'text/plain' }, body: `${'a'.repeat(limit)}b` });
    expect(cut.body).toBe('a'.repeat(limit));
    expect(cut.bodyTruncated).toBe(true);
  });

  it('redacts a long body before cutting it, so a secret across the cut leaves no readable half', () => {
    const secret = realistic();
    const entry = recordOne({ headers: { 'content-type': FORM_TYPE }, body: `${'x'.repeat(8 * 1024 - 4)}${secret}&client_secret=${secret}` });
    expect(entry.body).toBe(`${'x'.repeat(8 * 1024 - 4)}[RED`);
    expect(entry.bodyTruncated).toBe(true);
  });
});

describe('request journal: entries', () => {
  it('records the time from its clock, the status, scenario and trace id, and the duration to a tenth of a millisecond', () => {
    const journal = createRequestJournal(10, () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)));
    const entry = recordOne({ method: 'GET', target: '/signup-plus/accounts', status: 200, scenario: 'single-account', traceId: 'trace-9', durationMs: 12.345 }, journal);
    expect(entry).toEqual({
      id: 1,
      receivedAt: '2026-01-02T03:04:05.678Z',
      method: 'GET',
      path: '/signup-plus/accounts',
      query: {},
      headers: {},
      body: null,
      status: 200,
      scenario: 'single-account',
      traceId: 'trace-9',
      durationMs: 12.3,
    });
    expect(recordOne({ durationMs: 0.04 }, journal).durationMs).toBe(0);
    expect(recordOne({ durationMs: 7.96 }, journal).durationMs).toBe(8);
  });

  it('holds exactly its size, dropping the oldest one at a time; ids keep counting', () => {
    const journal = createRequestJournal(3, () => new Date(0));
    for (const n of [1, 2, 3]) recordOne({ target: `/r${n}` }, journal);
    expect(journal.list().map((e) => e.path)).toEqual(['/r1', '/r2', '/r3']);
    recordOne({ target: '/r4' }, journal);
    expect(journal.list().map((e) => [e.id, e.path])).toEqual([
      [2, '/r2'],
      [3, '/r3'],
      [4, '/r4'],
    ]);
  });
});
