import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHandler } from './app.js';
import { DEFAULT_THROTTLE, LoginThrottle } from './auth/login-throttle.js';
import { TokenService } from './auth/tokens.js';
import { DEMO_USERS, UserDirectory } from './auth/users.js';
import type { Ctx } from './http/context.js';
import { createResponder } from './http/respond.js';
import { Router } from './http/router.js';
import { securityHeaders } from './http/security-headers.js';
import { DEFAULT_KNOBS, mergeKnobs, type Knobs } from './knobs.js';
import { DemoMetrics } from './metrics.js';
import { DEFAULT_LOOPBACK_LIMIT, DEFAULT_REMOTE_LIMIT, RateLimiter, isLoopback, type RateLimitOptions } from './rate-limit.js';
import { ROUTES } from './routes/index.js';
import type { Services } from './services.js';
import { openItems, type DemoDatabase, type OpenedItems } from './db/open-items.js';
import { DEFAULT_TASK_QUEUE, TaskQueue } from './tasks/task-queue.js';
import { sniffingServer } from './tls-sniff.js';

// Mozilla's "intermediate" TLS 1.2 list (ECDHE/DHE with AEAD only) after the TLS 1.3 suites: Node's default list still
// offers static-RSA suites (no forward secrecy), which gonogo's own tls.ciphers would flag on the reference service.
const FORWARD_SECRET_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-CHACHA20-POLY1305',
].join(':');

export type { Knobs } from './knobs.js';
export { DEFAULT_KNOBS, KnobsError } from './knobs.js';
export { DEMO_DATABASES, type DemoDatabase } from './db/open-items.js';
export { DatabaseUnavailableError } from './db/postgres.js';

export interface DemoTargetOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where items are persisted (items.jsonl). Default: a new temporary folder, removed on close(). */
  dataDir?: string;
  /** Serve HTTPS (TLS 1.2+, HSTS); plain HTTP on the same port redirects to https://. PEM text or file paths. */
  tls?: { cert: string; key: string };
  /** Per-client limit for every client. Default: 1,000,000/min for loopback clients, 600/min for others. */
  rateLimit?: RateLimitOptions;
  knobs?: Partial<Knobs>;
  /** No log lines on stderr. */
  quiet?: boolean;
  /** Tasks run at once by the task queue (default 4). */
  taskConcurrency?: number;
  /** Where items live: "memory" (default; items.jsonl in dataDir), "pglite" (Postgres in WebAssembly, in dataDir/pgdata, behind a bounded pool) or "postgres" (the server at `databaseUrl`, through pg's pool). */
  database?: DemoDatabase;
  /** postgres://user:password@host:port/db of a Postgres server; implies database "postgres". A server it cannot reach or log in to: DatabaseUnavailableError (password masked). */
  databaseUrl?: string;
  /** Token signing secret (default: random per start), token lifetime, login throttling. */
  auth?: { secret?: string; tokenTtlSeconds?: number; maxFailures?: number; lockoutMs?: number };
}

export interface DemoTarget {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:43123". */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Validate and apply knobs at run time; throws KnobsError on invalid values. */
  setKnobs(k: Partial<Knobs>): void;
  knobs(): Knobs;
  /** The demo accounts (user name and password). */
  users: { username: string; password: string }[];
  dataDir: string;
  /** Most tasks seen running at once. */
  peakTasksRunning(): number;
}

/** Start the reference service (see docs/demo-target.md). */
export async function startDemoTarget(opts: DemoTargetOptions = {}): Promise<DemoTarget> {
  const host = opts.host ?? '127.0.0.1';
  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gonogo-demo-'));
  const log = opts.quiet ? () => {} : (line: string) => void process.stderr.write(`${line}\n`);
  let knobs: Knobs = mergeKnobs({ ...DEFAULT_KNOBS }, opts.knobs ?? {});
  let accepting = true;

  let acquired = (_seconds: number) => {};
  let opened: OpenedItems;
  try {
    opened = await openItems(opts.databaseUrl !== undefined ? 'postgres' : (opts.database ?? 'memory'), dataDir, !ownDataDir, () => knobs, (s) => acquired(s), opts.databaseUrl);
  } catch (err) {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const store = opened.items;
  const tasks = new TaskQueue({ ...DEFAULT_TASK_QUEUE, concurrency: opts.taskConcurrency ?? DEFAULT_TASK_QUEUE.concurrency });
  const metrics = new DemoMetrics({
    queueDepth: () => tasks.depth,
    tasksRunning: () => tasks.active,
    items: () => store.size(),
    ...(opened.pool && { pool: () => opened.pool!.stats() }),
    cache: () => store.stats(),
  });
  acquired = metrics.acquire;
  const tls = opts.tls !== undefined;
  const base = securityHeaders(tls);
  const services: Services = {
    send: createResponder(base, (ctx: Ctx, status) => metrics.observe(ctx.route, ctx.method, status, (performance.now() - ctx.start) / 1000)),
    store,
    tasks,
    tokens: new TokenService(opts.auth?.secret, opts.auth?.tokenTtlSeconds ?? 3600),
    users: await UserDirectory.create(),
    throttle: new LoginThrottle({ ...DEFAULT_THROTTLE, ...(opts.auth?.maxFailures !== undefined && { maxFailures: opts.auth.maxFailures }), ...(opts.auth?.lockoutMs !== undefined && { lockoutMs: opts.auth.lockoutMs }) }),
    metrics,
    knobs: () => knobs,
    setKnobs: (patch) => {
      knobs = mergeKnobs(knobs, patch);
      opened.applyKnobs(knobs);
      return knobs;
    },
    startedAt: Date.now(),
    tls,
    accepting: () => accepting,
  };
  const configured = opts.rateLimit;
  const limiter = new RateLimiter((client) => configured ?? (isLoopback(client) ? DEFAULT_LOOPBACK_LIMIT : DEFAULT_REMOTE_LIMIT));
  const handler = createHandler({ services, router: new Router(ROUTES), limiter, log });

  let app: http.Server;
  let listener: Server;
  if (opts.tls) {
    app = https.createServer({ cert: pem(opts.tls.cert), key: pem(opts.tls.key), minVersion: 'TLSv1.2', ciphers: FORWARD_SECRET_CIPHERS, honorCipherOrder: true }, handler);
    const redirect = http.createServer((req, res) => redirectToHttps(req, res, host, listener, base.slice(0, -2)));
    listener = sniffingServer(app, redirect);
  } else {
    app = http.createServer(handler);
    listener = app;
  }
  app.keepAliveTimeout = 60_000;
  app.headersTimeout = 20_000;
  app.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => badRequest(socket, base, err));
  const sockets = new Set<Socket>();
  listener.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(opts.port ?? 0, host, () => {
        listener.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // Port in use, address not local, ...: release what was opened before reporting it.
    tasks.close();
    await store.close();
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const port = (listener.address() as AddressInfo).port;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    dataDir,
    users: DEMO_USERS.map(({ username, password }) => ({ username, password })),
    knobs: () => knobs,
    setKnobs: (k) => void services.setKnobs(k),
    peakTasksRunning: () => tasks.peakRunning,
    close: () =>
      (closing ??= (async () => {
        accepting = false;
        const closed = new Promise<void>((r) => listener.close(() => r()));
        for (const s of sockets) s.destroy();
        await closed;
        tasks.close();
        await store.close();
        if (ownDataDir && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
}

function pem(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/** Plain HTTP on a TLS port: 308 to the same path over https://, on our own host and port. */
function redirectToHttps(req: http.IncomingMessage, res: http.ServerResponse, host: string, listener: Server, headers: string[]): void {
  const port = (listener.address() as AddressInfo).port;
  const hostHeader = req.headers.host ?? '';
  // Only trust the Host header when it names this port (it may say localhost instead of 127.0.0.1).
  const m = /^([a-z0-9.-]+|\[[0-9a-f:.]+\]):(\d+)$/i.exec(hostHeader);
  const authority = m && Number(m[2]) === port ? hostHeader : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const target = (req.url ?? '/').startsWith('/') ? req.url! : '/';
  res.writeHead(308, [...headers, 'Location', `https://${authority}${target}`, 'Content-Length', '0']);
  res.end();
}

/** Malformed HTTP: a JSON 400 with the usual headers instead of Node's bare answer. */
function badRequest(socket: Socket, headers: string[], err: NodeJS.ErrnoException): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: 'bad request', status: 400 });
  const lines = ['HTTP/1.1 400 Bad Request'];
  for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`);
  lines.push('Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close');
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
