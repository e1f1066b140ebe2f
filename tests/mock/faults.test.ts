// Fault scenarios and --latency: what an app's error handling meets, as the project's client reports it.
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock, type Wait } from '../../mocks/index.ts';
import { NetworkError, ResponseValidationError, TimeoutError, type SignupPlusError } from '../../src/index.ts';
import { verifyToken } from '../../mocks/tokens.ts';
import { clientFor, exchange, raw } from './support.ts';

/** The mock's waits, held until the test releases them: delays are checked by value, never by the clock. */
function heldWaits() {
  const held: Array<{ ms: number; release: () => void }> = [];
  const wait: Wait = (ms, signal) =>
    new Promise((resolve, reject) => {
      held.push({ ms, release: () => resolve(undefined) });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return { held, wait };
}

const waits = heldWaits();
const latencyWaits = heldWaits();
let mock: RunningMock;
let slowMock: RunningMock;
beforeAll(async () => {
  [mock, slowMock] = await Promise.all([
    // No slowMs: the documented 60 s default.
    startMock({ port: 0, quiet: true, wait: waits.wait }),
    startMock({ port: 0, quiet: true, latencyMs: 150, jitterMs: 50, wait: latencyWaits.wait }),
  ]);
});
afterAll(() => Promise.all([mock.close(), slowMock.close()]));
afterEach(() => {
  vi.restoreAllMocks();
});

async function accountsError(code: string, timeouts = { headersMs: 400, bodyMs: 400 }): Promise<SignupPlusError> {
  const client = clientFor(mock.url, { timeouts });
  const tokens = await client.exchangeCode({ code, redirectUri: 'https://app.example/cb' });
  return (await client.getAccounts({ accessToken: tokens.accessToken }).catch((e: unknown) => e)) as SignupPlusError;
}

describe('fault scenarios give the client\'s typed errors', () => {
  it('slow holds its answer for 60 s by default, past the client\'s headers timeout: TL_TIMEOUT (headers)', async () => {
    const before = waits.held.length;
    const error = await accountsError('slow');
    expect(waits.held.slice(before).map((w) => w.ms)).toEqual([60_000]);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('TL_TIMEOUT');
    expect((error as TimeoutError).phase).toBe('headers');
  });

  it('connection-reset drops the socket mid-answer: TL_NETWORK (reset)', async () => {
    const error = await accountsError('connection-reset');
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('TL_NETWORK');
    expect((error as NetworkError).reason).toBe('reset');
  });

  it('truncated closes the connection short of Content-Length: TL_NETWORK', async () => {
    const error = await accountsError('truncated');
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('TL_NETWORK');
    // The body stops short of Content-Length and the socket ends: undici's socket error (UND_ERR_SOCKET).
    expect((error as NetworkError).reason).toBe('reset');
  });

  it('bad-gateway answers an HTML 502 page: TL_RESPONSE_INVALID', async () => {
    const error = await accountsError('bad-gateway');
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.code).toBe('TL_RESPONSE_INVALID');
    expect(error.status).toBe(502);
  });

  it('bad-gateway over raw HTTP is text/html with a trace id', async () => {
    const tokens = await exchange(mock.url, 'bad-gateway');
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toBe('text/html');
    expect(answer.text).toContain('<h1>502 Bad Gateway</h1>');
    expect(answer.headers['tl-trace-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('slow still answers the scenario\'s identity to a patient client, once its wait is over', async () => {
    const client = clientFor(mock.url, { timeouts: { headersMs: 120_000 } });
    const tokens = await client.exchangeCode({ code: 'slow', redirectUri: 'https://app.example/cb' });
    const before = waits.held.length;
    let done = false;
    const call = client.getAccounts({ accessToken: tokens.accessToken }).finally(() => (done = true));
    await vi.waitFor(() => expect(waits.held.length).toBe(before + 1));
    expect(done).toBe(false);
    waits.held.at(-1)!.release();
    const result = await call;
    expect(result.kind).toBe('identity');
  });

  it('the fault scenarios only fault the accounts call: their token exchange answers 200', async () => {
    for (const code of ['slow', 'connection-reset', 'truncated', 'bad-gateway']) {
      expect(verifyToken((await exchange(mock.url, code)).access_token, 'access')).toMatchObject({ ok: true, claims: { scn: code } });
    }
  });
});

/** How a connection was cut: `reset` (TCP RST: gone both ways) or `closed` (FIN: only the mock stopped sending). */
type Cut = 'reset' | 'closed';

/** Sends one GET over a plain socket; returns every byte the mock wrote and how it cut the connection. */
function rawGet(port: number, path: string, token: string): Promise<{ text: string; cut: Cut }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (cut: Cut | Error): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (cut instanceof Error) reject(cut);
      else resolve({ text: Buffer.concat(chunks).toString('utf8'), cut });
    };
    const isReset = (error: NodeJS.ErrnoException): boolean => error.code === 'ECONNRESET' || error.code === 'EPIPE';
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset arriving after the last bytes were read fails the read. One arriving with them is reported by Node
    // (libuv) as an end of stream, yet the connection is gone both ways: a write after it fails. After a close (FIN)
    // only the mock's side is shut, so the write is accepted (a blank line, which an HTTP server skips).
    socket.on('error', (error: NodeJS.ErrnoException) => done(isReset(error) ? 'reset' : error));
    socket.on('end', () => socket.write('\r\n', (error?: NodeJS.ErrnoException | null) => done(error ? (isReset(error) ? 'reset' : error) : 'closed')));
  });
}

describe('fault scenarios on the wire', () => {
  it.each([
    ['truncated', 'closed'],
    ['connection-reset', 'reset'],
  ])('%s promises the whole body in Content-Length, sends exactly its first half, then cuts the connection (%s)', async (code, cut) => {
    const tokens = await exchange(mock.url, code);
    const { text: answer, cut: seen } = await rawGet(mock.port, '/signup-plus/accounts', tokens.access_token);
    expect(seen).toBe(cut);
    const [head, body] = [answer.slice(0, answer.indexOf('\r\n\r\n')), answer.slice(answer.indexOf('\r\n\r\n') + 4)];
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const promised = Number(/\r\ncontent-length: (\d+)/i.exec(head)![1]);
    expect(promised).toBeGreaterThan(100);
    expect(Buffer.byteLength(body)).toBe(Math.floor(promised / 2));
  });

  it('the journal records what the caller saw: the promised status when truncated, 0 when reset, 502 from the gateway', async () => {
    mock.clearRequests();
    const seen: Array<[string, number]> = [];
    for (const code of ['truncated', 'connection-reset', 'bad-gateway', 'slow']) {
      const tokens = await exchange(mock.url, code);
      if (code === 'slow') {
        const before = waits.held.length;
        const answer = raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
        await vi.waitFor(() => expect(waits.held.length).toBe(before + 1));
        waits.held.at(-1)!.release();
        expect((await answer).status).toBe(200);
      } else {
        await rawGet(mock.port, '/signup-plus/accounts', tokens.access_token);
      }
      await vi.waitFor(() => expect(mock.requests({ path: '/signup-plus/accounts' }).filter((e) => e.scenario === code)).toHaveLength(1));
      seen.push([code, mock.requests({ path: '/signup-plus/accounts' }).find((e) => e.scenario === code)!.status]);
    }
    expect(seen).toEqual([
      ['truncated', 200],
      ['connection-reset', 0],
      ['bad-gateway', 502],
      ['slow', 200],
    ]);
  });

  it('bad-gateway\'s Content-Length is the length of its page', async () => {
    const tokens = await exchange(mock.url, 'bad-gateway');
    const answer = await raw(`${mock.url}/signup-plus/accounts`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
    expect(answer.text).toMatch(/^<html>\r\n[\s\S]*<\/html>\r\n$/);
  });
});

describe('--latency', () => {
  it.each([
    [0, 150],
    [0.5, 175],
    [0.999, 199.95],
  ])('holds every answer for latency + random() * jitter (random %d: %d ms)', async (random, ms) => {
    vi.spyOn(Math, 'random').mockReturnValue(random);
    const before = latencyWaits.held.length;
    let done = false;
    const answer = raw(`${slowMock.url}/nowhere`).finally(() => (done = true));
    await vi.waitFor(() => expect(latencyWaits.held.length).toBe(before + 1));
    expect(latencyWaits.held.at(-1)!.ms).toBeCloseTo(ms, 6);
    expect(done).toBe(false);
    latencyWaits.held.at(-1)!.release();
    expect((await answer).status).toBe(404);
  });

  it('does not wait at all without latency', async () => {
    const before = waits.held.length;
    expect((await raw(`${mock.url}/nowhere`)).status).toBe(404);
    expect(waits.held.length).toBe(before);
  });
});
