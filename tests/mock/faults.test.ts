// Fault scenarios and --latency: what an app's error handling meets, as the project's client reports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.ts';
import { NetworkError, ResponseValidationError, TimeoutError, type SignupPlusError } from '../../src/index.ts';
import { clientFor, exchange, raw } from './support.ts';

let mock: RunningMock;
let slowMock: RunningMock;
beforeAll(async () => {
  [mock, slowMock] = await Promise.all([
    startMock({ port: 0, quiet: true, slowMs: 2_000 }),
    startMock({ port: 0, quiet: true, latencyMs: 150, jitterMs: 50 }),
  ]);
});
afterAll(() => Promise.all([mock.close(), slowMock.close()]));

async function accountsError(code: string, timeouts = { headersMs: 400, bodyMs: 400 }): Promise<SignupPlusError> {
  const client = clientFor(mock.url, { timeouts });
  const tokens = await client.exchangeCode({ code, redirectUri: 'https://app.example/cb' });
  return (await client.getAccounts({ accessToken: tokens.accessToken }).catch((e: unknown) => e)) as SignupPlusError;
}

describe('fault scenarios give the client\'s typed errors', () => {
  it('slow answers after the client\'s headers timeout: TL_TIMEOUT (headers)', async () => {
    const error = await accountsError('slow');
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

  it('slow still answers the scenario\'s identity to a patient client', async () => {
    const client = clientFor(mock.url, { timeouts: { headersMs: 5_000 } });
    const tokens = await client.exchangeCode({ code: 'slow', redirectUri: 'https://app.example/cb' });
    const started = Date.now();
    const result = await client.getAccounts({ accessToken: tokens.accessToken });
    expect(result.kind).toBe('identity');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it('the fault scenarios only fault the accounts call: their token exchange answers 200', async () => {
    for (const code of ['slow', 'connection-reset', 'truncated', 'bad-gateway']) {
      expect((await exchange(mock.url, code)).access_token).toBeTypeOf('string');
    }
  });
});

describe('--latency', () => {
  it('delays every answer by the latency (plus jitter)', async () => {
    const started = performance.now();
    const answer = await raw(`${slowMock.url}/nowhere`);
    expect(answer.status).toBe(404);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });
});
