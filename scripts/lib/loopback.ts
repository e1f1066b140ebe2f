// Servers on 127.0.0.1 for tests and benchmarks: a free port for a command that must be told one up front, and a
// server started on port 0 with a close that does not wait for kept-alive connections.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A free port on 127.0.0.1: bound once to get a number, then closed (so nothing answers on it until reused). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LoopbackServer {
  url: string;
  /** Stops listening and cuts every open connection, kept-alive ones included. */
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1. */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
