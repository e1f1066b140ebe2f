// 1,200 malformed requests (random methods, paths, headers, bodies, encodings, framing) over raw sockets with a
// fixed seed: no 5xx outside the fault scenarios, and the mock still runs the whole flow afterwards.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { seededRandom as prng } from '../../mocks/seeded-random.ts';
import { mintToken } from '../../mocks/tokens.ts';
import { clientFor } from './support.ts';

const REQUESTS = 1_200;
const CONCURRENCY = 16;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, quiet: true });
});
afterAll(() => mock.close());

function generate(random: () => number): { bytes: Buffer; truncated: boolean } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const junk = (length: number): Buffer => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  // Only scenarios whose documented answer is not a 5xx or a fault.
  const tokens = ['single-account', 'multiple-accounts', 'rate-limited', 'reconnect-required', 'user-data-not-found'].map((code) =>
    mintToken(code, 'access', 3600),
  );
  const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'BREW', 'get', 'G ET', 'POST\t', '']);
  const path = pick([
    '/connect/token',
    '/signup-plus/accounts',
    '/signup-plus/accounts?account_id=acc-aa360adff0f1574e1',
    `/signup-plus/accounts?account_id=${encodeURIComponent(junk(8).toString('latin1'))}`,
    '/signup-plus/accounts?account_id=%E0%A4%A&account_id=%',
    '/signup-plus/accounts?%%%%=%%',
    `/${'a/'.repeat(Math.floor(random() * 500))}`,
    '*',
    'http://evil.example/signup-plus/accounts',
    '//connect/token',
    '/connect/token?grant_type=authorization_code',
    `/signup-plus/${encodeURIComponent('é✓\u0000')}`,
    '/_harness/provider-states',
    `/${junk(12).toString('hex')}`,
    '/signup-plus/accounts#frag',
    '/../../etc/passwd',
  ]);
  const headers: string[] = ['Host: 127.0.0.1', 'Connection: close'];
  const add = (line: string): void => {
    if (random() < 0.5) headers.push(line);
  };
  add(pick(['Content-Type: application/x-www-form-urlencoded', 'Content-Type: application/json', 'Content-Type: text/plain; charset=latin1', 'Content-Type: ', 'Content-Type: multipart/form-data']));
  add(pick([`Authorization: Bearer ${pick(tokens)}`, 'Authorization: Bearer', 'Authorization: Basic Og==', 'Authorization: Basic ###', `Authorization: Bearer ${junk(20).toString('base64')}`, 'Authorization: bearer x.y.z']));
  add(pick(['Prefer: code=500', 'Prefer: code=200, example=nope', 'Prefer: dynamic=maybe', 'Prefer: code=99999', 'Prefer: example=', 'Prefer: code=401, example=unauthorized']));
  add(pick(['Accept: text/html', 'Accept: */*', 'Accept-Encoding: gzip, br', 'Content-Encoding: gzip', 'Expect: 100-continue', 'Upgrade: websocket']));
  add(`X-Junk: ${junk(Math.floor(random() * 64)).toString('latin1').replace(/[\r\n]/g, '')}`);
  if (random() < 0.05) headers.push(`X-Huge: ${'h'.repeat(20_000)}`);
  const body = pick([
    Buffer.alloc(0),
    Buffer.from('grant_type=authorization_code&client_id=a&client_secret=b&redirect_uri=https%3A%2F%2Fa.example&code=single-account'),
    Buffer.from('grant_type=refresh_token&refresh_token=%FF%FE&client_id=%&client_secret='),
    Buffer.from('{"grant_type": "authorization_code", "code": '),
    Buffer.from('{"state":"the user is rate limited","action":"setup"}'),
    junk(Math.floor(random() * 2048)),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
    Buffer.from('grant_type=' + 'x'.repeat(70_000)),
  ]);
  const framing = pick(['length', 'length', 'chunked', 'bad-chunked', 'none', 'short', 'double-length']);
  let truncated = false;
  let payload: Buffer = body;
  if (framing === 'length') headers.push(`Content-Length: ${body.length}`);
  if (framing === 'double-length') headers.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
  if (framing === 'short') {
    headers.push(`Content-Length: ${body.length + 100}`);
    truncated = true;
  }
  if (framing === 'chunked' || framing === 'bad-chunked') {
    headers.push('Transfer-Encoding: chunked');
    payload =
      framing === 'chunked'
        ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
        : Buffer.concat([Buffer.from('zz\r\n'), body]);
  }
  const head = `${method} ${path} ${pick(['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/9.9', 'HTTX'])}\r\n${headers.join('\r\n')}\r\n\r\n`;
  return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), payload]), truncated };
}

/** Sends the bytes, half-closes, and reads until the server closes: the status line, or undefined. */
function send(port: number, bytes: Buffer): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    // A hang guard, not a measure: generous, so that a loaded machine does not turn a slow answer into none.
    const timer = setTimeout(() => socket.destroy(), 30_000);
    socket.on('data', (data) => {
      text += data.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const match = /^HTTP\/1\.[01] (\d{3}) /.exec(text);
      resolve(match ? Number(match[1]) : undefined);
    });
    socket.end(bytes);
  });
}

describe('fuzz', () => {
  it(`${REQUESTS} malformed requests get no 5xx and leave the mock answering`, async () => {
    const random = prng(20240611);
    const cases = Array.from({ length: REQUESTS }, () => generate(random));
    const statuses: Array<number | undefined> = new Array(REQUESTS);
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const index = next++;
          statuses[index] = await send(mock.port, cases[index]!.bytes);
        }
      }),
    );
    const serverErrors = statuses.map((status, index) => ({ status, index })).filter(({ status }) => status !== undefined && status >= 500);
    expect(serverErrors).toEqual([]);
    // Only requests whose body never fully arrived may go unanswered (the connection ends first).
    const unanswered = statuses.map((status, index) => ({ status, index })).filter(({ status, index }) => status === undefined && !cases[index]!.truncated);
    if (process.env.FUZZ_DEBUG) for (const { index } of unanswered.slice(0, 15)) console.log(JSON.stringify(cases[index]!.bytes.toString('latin1').slice(0, 300)));
    expect(unanswered.map(({ index }) => index)).toEqual([]);
    // Every request whose bytes all arrived was answered (above); the truncated ones may be answered too.
    expect(statuses.filter((status) => status !== undefined).length).toBeGreaterThanOrEqual(cases.filter((c) => !c.truncated).length);

    const client = clientFor(mock.url);
    const tokens = await client.exchangeCode({ code: 'multiple-accounts', redirectUri: 'https://app.example/cb' });
    expect((await client.getAccounts({ accessToken: tokens.accessToken, accountId: 'acc-469b2c2bcaea10969' })).kind).toBe('identity');
  });
});
