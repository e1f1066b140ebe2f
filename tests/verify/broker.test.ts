// `verify --broker-url`: the pacts come from a Pact Broker (here a tiny fake one over real HTTP), chosen by the
// broker's "pacts for verification" API with the consumer version selectors; Pact's verifier fetches each pact
// version itself with the same credentials; a refused or unreachable broker is exit 2; the token never shows.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SELECTORS, fetchPactsForVerification } from '../../scripts/contracts/broker.ts';
import { FAKE_CLIENT } from '../../scripts/contracts/pact-names.ts';
import { runVerify } from '../../scripts/contracts/verify-run.ts';
import { startFakeBroker, type FakeBroker } from './fake-broker.ts';
import { SUBPROCESS_TIMEOUT_MS } from '../subprocess.ts';
import { teamPact } from './fixtures.ts';

const TOKEN = randomBytes(24).toString('base64url');
let broker: FakeBroker;
beforeAll(async () => {
  broker = await startFakeBroker(TOKEN, [teamPact('truelayer-auth', 'web-app'), teamPact('truelayer-signup-plus', 'web-app')]);
});
afterAll(() => broker.close());

async function verifyFromBroker(token: string, url = broker.url) {
  const lines: string[] = [];
  const result = await runVerify({
    broker: { url, auth: { token }, selectors: DEFAULT_SELECTORS },
    ...FAKE_CLIENT,
    verbose: true,
    log: (l) => lines.push(l),
    error: (l) => lines.push(l),
  });
  return { ...result, lines, text: lines.join('\n') };
}

// The verifier runs in a child process: on a loaded machine that takes long (tests/subprocess.ts).
describe('verify --broker-url', { timeout: SUBPROCESS_TIMEOUT_MS }, () => {
  it('verifies the pacts the broker selects for both providers, fetched by Pact\'s verifier itself', async () => {
    const result = await verifyFromBroker(TOKEN);
    expect(result.exitCode).toBe(0);
    expect(result.pacts.map((p) => p.file)).toEqual(['Pact between web-app (1.0.0) and truelayer-auth', 'Pact between web-app (1.0.0) and truelayer-signup-plus']);
    expect(result.text).toMatch(/^GET \/signup-plus\/accounts +429 +1 interaction +pass +pass +ok$/m);
    expect(result.text).toContain('verify: Pact between web-app (1.0.0) and truelayer-auth: The pact of web-app is verified because it is on the main branch');

    const lists = broker.requests.filter((r) => r.method === 'POST');
    expect(lists.map((r) => [r.path, r.body])).toEqual([
      ['/pacts/provider/truelayer-auth/for-verification', { consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }], includePendingStatus: false }],
      ['/pacts/provider/truelayer-signup-plus/for-verification', { consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }], includePendingStatus: false }],
    ]);
    // Each pact version is read twice: once for the spec check (Node's fetch), once by Pact's own (Rust) client.
    const versionReads = broker.requests.filter((r) => r.path.includes('/pact-version/'));
    expect(versionReads.every((r) => r.authorized)).toBe(true);
    expect(versionReads.filter((r) => !/node/i.test(r.userAgent))).toHaveLength(2);
    expect(broker.requests.some((r) => r.method === 'POST' && r.path.includes('verification-results'))).toBe(false);
    expect(result.text).not.toContain(TOKEN);
  });

  it('exits 2 and says which variables to set when the broker refuses the token, without printing it', async () => {
    const wrong = randomBytes(24).toString('base64url');
    const result = await verifyFromBroker(wrong);
    expect(result.exitCode).toBe(2);
    expect(result.lines).toEqual([
      `signup-plus-harness verify: the Pact Broker refused the request (GET ${broker.url}/: HTTP 401). Set PACT_BROKER_TOKEN (PactFlow: a read-only token is enough), or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.`,
    ]);
    expect(result.text).not.toContain(wrong);
  });

  it('reads the pacts with HTTP basic auth (PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD) too', async () => {
    const fetched = await fetchPactsForVerification({ url: broker.url, auth: { username: 'pact', password: TOKEN }, selectors: DEFAULT_SELECTORS, providers: ['truelayer-signup-plus'] });
    expect(fetched.pacts.map((p) => [p.pact.consumer.name, p.pact.provider.name, p.pact.interactions.length])).toEqual([['web-app', 'truelayer-signup-plus', 8]]);
    expect(fetched.pacts[0]?.path).toBe(`${broker.url}/pacts/provider/truelayer-signup-plus/consumer/web-app/pact-version/0e3369199f4008231946e0245474537443ccda2a`);
  });

  it('exits 2 when the broker cannot be reached', async () => {
    const closed = await startFakeBroker(TOKEN, []);
    await closed.close();
    const result = await verifyFromBroker(TOKEN, closed.url);
    expect(result.exitCode).toBe(2);
    expect(result.lines[0]).toMatch(new RegExp(`^signup-plus-harness verify: cannot reach the Pact Broker at ${closed.url}/: .*ECONNREFUSED.*Check --broker-url\\.$`));
  });

  const PAGE = '<!doctype html>\n<html><body><h1>Not here</h1></body></html>';
  const NOT_A_BROKER = 'is --broker-url the base URL of a Pact Broker or PactFlow?';
  it.each([
    // Known as a page by its type, or by its first tag whatever the type says.
    ['404 with a web page', 404, 'text/html; charset=utf-8', PAGE, `answered HTTP 404: a web page; ${NOT_A_BROKER}`],
    ['200 with a web page', 200, 'text/plain', `  ${PAGE}`, `answered a web page; ${NOT_A_BROKER}`],
    ["502 with a proxy's web page", 502, 'text/html', PAGE, 'answered HTTP 502: a web page: the broker or a proxy in front of it failed; try again later'],
    ['500 with text', 500, 'text/plain', 'upstream down\n  (try later)\n', 'answered HTTP 500: upstream down (try later)'],
    ['200 with XML', 200, 'application/xml', '<?xml version="1.0"?><error/>', `answered something that is not JSON; ${NOT_A_BROKER}`],
  ])('exits 2 naming what the server at --broker-url sent when it answers %s, not the page itself', async (_name, status, type, body, message) => {
    const site = createServer((_req, res) => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      const result = await verifyFromBroker(TOKEN, url);
      expect(result.exitCode).toBe(2);
      expect(result.lines).toEqual([`signup-plus-harness verify: GET ${url}/ ${message}`]);
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it('exits 2 when the broker has no pact for the consumer asked for', async () => {
    const lines: string[] = [];
    const result = await runVerify({ broker: { url: broker.url, auth: { token: TOKEN }, selectors: [{ branch: 'main' }] }, consumer: 'mobile-app', log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(result.exitCode).toBe(2);
    expect(lines[0]).toContain('has no pact for truelayer-auth or truelayer-signup-plus from consumer "mobile-app"');
    expect(broker.requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({ consumerVersionSelectors: [{ branch: 'main', consumer: 'mobile-app' }], includePendingStatus: false });
  });
});
