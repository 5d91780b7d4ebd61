import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  /** Requests the server received (HTTP servers) or connections/data events (raw servers). */
  count: () => number;
  close: () => Promise<void>;
}

function closer(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** A Node HTTP server on 127.0.0.1 (or another loopback address), port 0. */
export async function httpServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void, host = '127.0.0.1'): Promise<TestServer> {
  let n = 0;
  const server = http.createServer((req, res) => handler(req, res, n++));
  server.keepAliveTimeout = 60_000;
  const close = closer(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`, port, count: () => n, close };
}

export async function httpsServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  let n = 0;
  const dir = new URL('../fixtures/tls/', import.meta.url);
  const server = https.createServer({ key: readFileSync(new URL('localhost.key', dir)), cert: readFileSync(new URL('localhost.crt', dir)) }, (req, res) => {
    n++;
    handler(req, res);
  });
  const close = closer(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `https://127.0.0.1:${port}/`, port, count: () => n, close };
}

/** A raw TCP server that misbehaves on purpose (resets, hangs, garbage). */
export async function tcpServer(onData: (socket: net.Socket, chunk: Buffer) => void): Promise<TestServer> {
  let n = 0;
  const server = net.createServer((s) => {
    s.on('data', (d) => {
      n++;
      onData(s, d);
    });
    s.on('error', () => {});
  });
  const close = closer(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, port, count: () => n, close };
}

/** A port nothing listens on: bind, read the port, close. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Servers a test file starts, closed after each test: `const srv = await servers.track(httpServer(...))`. */
export function serverPool(afterEach: (fn: () => Promise<void>) => void): { track: <T extends TestServer>(p: Promise<T>) => Promise<T> } {
  const open: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return {
    track: async (p) => {
      const s = await p;
      open.push(s);
      return s;
    },
  };
}

/** Poll `f` every 200 ms until it gives a value (errors count as "not yet"); fail naming `what` after `ms`. */
export async function until<T>(what: string, ms: number, f: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
