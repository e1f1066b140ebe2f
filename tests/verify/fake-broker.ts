// A tiny Pact Broker for the verify tests: the HAL index, the "pacts for verification" API and the pact-version
// resources, on 127.0.0.1 and a free port, refusing any request without the expected bearer token. It records
// every request, so a test can tell who fetched what (our spec check, or Pact's verifier itself).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PactDocument } from '../../scripts/contracts/pact-files.ts';

export interface BrokerRequest {
  method: string;
  path: string;
  authorized: boolean;
  userAgent: string;
  body?: unknown;
}

export interface FakeBroker {
  url: string;
  requests: BrokerRequest[];
  close(): Promise<void>;
}

/** `token` is accepted as a bearer token, and as the password of HTTP basic auth for the user `pact`. */
export async function startFakeBroker(token: string, pacts: PactDocument[]): Promise<FakeBroker> {
  const requests: BrokerRequest[] = [];
  const versionPath = (pact: PactDocument): string =>
    `/pacts/provider/${encodeURIComponent(pact.provider.name)}/consumer/${encodeURIComponent(pact.consumer.name)}/pact-version/0e3369199f4008231946e0245474537443ccda2a`;
  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const path = req.url ?? '/';
      const authorized = [`Bearer ${token}`, `Basic ${Buffer.from(`pact:${token}`).toString('base64')}`].includes(req.headers.authorization ?? '');
      requests.push({ method: req.method ?? '', path, authorized, userAgent: String(req.headers['user-agent'] ?? ''), ...(text ? { body: JSON.parse(text) as unknown } : {}) });
      const hal = (status: number, body: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/hal+json' });
        res.end(JSON.stringify(body));
      };
      if (!authorized) return hal(401, { error: 'Unauthorized' });
      if (req.method === 'GET' && path === '/') {
        return hal(200, { _links: { 'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true } } });
      }
      const list = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(path);
      if (req.method === 'POST' && list) {
        const provider = decodeURIComponent(list[1] ?? '');
        const mine = pacts.filter((p) => p.provider.name === provider);
        if (mine.length === 0) return hal(404, { error: `no provider ${provider}` });
        return hal(200, {
          _embedded: {
            pacts: mine.map((p) => ({
              verificationProperties: { notices: [{ when: 'before_verification', text: `The pact of ${p.consumer.name} is verified because it is on the main branch` }] },
              _links: { self: { href: `${base}${versionPath(p)}`, name: `Pact between ${p.consumer.name} (1.0.0) and ${p.provider.name}` } },
            })),
          },
        });
      }
      const pact = pacts.find((p) => req.method === 'GET' && versionPath(p) === path);
      if (pact) return hal(200, { ...pact, _links: { self: { href: `${base}${path}` } } });
      return hal(404, { error: 'not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });
}
