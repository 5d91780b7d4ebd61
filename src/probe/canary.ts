import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback listener that records every request: an SSRF payload pointing here must never arrive. */
export interface Canary {
  readonly port: number;
  /** Request targets that reached the canary, in order. */
  readonly hits: string[];
  close(): Promise<void>;
}

export async function startCanary(port: number): Promise<Canary> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('gonogo-canary');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
