import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { LiveSnapshot } from '../core/live-snapshot.js';
import type { DashboardAddress } from './address.js';
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS } from './dashboard-page.js';
import { LIVE_METRICS } from './metric-names.js';

/** Seconds of history a late joiner gets (one point a second; older points are dropped). */
export const HISTORY_POINTS = 3600;
/** Pages connected at once; more get 503. */
const MAX_CLIENTS = 32;
/** A page that has this much unread (a frozen tab, a slow link) is dropped: it reconnects and gets the history again. */
const MAX_BACKLOG_BYTES = 512 * 1024;

/** One second of the charts: small, so an hour of history stays a few hundred KB. */
interface HistoryPoint {
  run: number;
  t: number;
  rps: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  users: number;
}

export interface Verdict {
  /** "PASS", "FAIL", "READY", "NOT READY", ... as the command prints it. */
  verdict: string;
  passed: boolean;
  /** The report file to serve at /report, if the command wrote one. */
  reportFile?: string;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The live dashboard: a page (HTML, JS and CSS of our own, no CDN) and a Server-Sent Events
 * stream of the run's snapshots. Everything is bounded (history, clients, each client's backlog)
 * and nothing here waits on a page, so a slow or closed browser never slows the run.
 */
export class DashboardServer {
  private readonly server: Server;
  private readonly clients = new Set<ServerResponse>();
  private readonly history: HistoryPoint[] = [];
  private latest: LiveSnapshot | undefined;
  private verdict: Verdict | undefined;
  private port = 0;

  private constructor(private readonly addr: DashboardAddress) {
    this.server = createServer((req, res) => this.route(req, res));
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  static async start(addr: DashboardAddress): Promise<DashboardServer> {
    const d = new DashboardServer(addr);
    await new Promise<void>((resolve, reject) => {
      d.server.once('error', reject);
      d.server.listen(addr.port, addr.host, () => {
        d.server.off('error', reject);
        resolve();
      });
    });
    d.port = (d.server.address() as AddressInfo).port;
    return d;
  }

  get url(): string {
    const host = this.addr.host.includes(':') ? `[${this.addr.host}]` : this.addr.host;
    return `http://${host}:${this.port}/`;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  push(s: LiveSnapshot): void {
    this.latest = s;
    if (s.second.t >= 0) {
      const last = this.history[this.history.length - 1];
      // One point per completed second: a tick that saw no new second repeats nothing.
      if (!last || last.run !== s.run || last.t !== s.second.t) {
        this.history.push({ run: s.run, t: s.second.t, rps: s.second.requests, errors: s.second.errors, p50: s.second.p50, p95: s.second.p95, p99: s.second.p99, users: s.users });
        if (this.history.length > HISTORY_POINTS) this.history.splice(0, this.history.length - HISTORY_POINTS);
      }
    }
    this.broadcast('snapshot', { snapshot: s, point: this.history[this.history.length - 1] ?? null });
  }

  finish(v: Verdict): void {
    this.verdict = v;
    this.broadcast('verdict', this.verdictView());
  }

  /** Stop after `lingerMs` when a page is connected (so it reads the verdict and can fetch the report), else at once. */
  async close(lingerMs: number): Promise<void> {
    if (lingerMs > 0 && this.clients.size > 0) await new Promise((r) => setTimeout(r, lingerMs).unref());
    for (const c of this.clients) c.end();
    this.clients.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private verdictView() {
    return this.verdict ? { verdict: this.verdict.verdict, passed: this.verdict.passed, report: this.verdict.reportFile ? path.basename(this.verdict.reportFile) : null } : null;
  }

  private broadcast(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) {
      if (c.writableLength > MAX_BACKLOG_BYTES) {
        this.clients.delete(c);
        c.destroy();
      } else c.write(frame);
    }
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    // Loopback-only dashboards answer loopback Host names only: a DNS-rebinding page cannot read them.
    if (!this.addr.exposed && !isLoopbackHost(req.headers.host)) return send(res, 421, 'text/plain', 'wrong host');
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', DASHBOARD_HTML);
      case '/dashboard.js':
        return send(res, 200, 'text/javascript; charset=utf-8', DASHBOARD_JS);
      case '/dashboard.css':
        return send(res, 200, 'text/css; charset=utf-8', DASHBOARD_CSS);
      case '/favicon.ico':
        res.writeHead(204, SECURITY_HEADERS);
        return void res.end();
      case '/events':
        return req.method === 'GET' ? this.subscribe(res) : send(res, 405, 'text/plain', 'GET only');
      case '/report':
        return void this.report(res);
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
  }

  private subscribe(res: ServerResponse): void {
    if (this.clients.size >= MAX_CLIENTS) return send(res, 503, 'text/plain', 'too many dashboard pages open');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    const metrics = Object.fromEntries(Object.entries(LIVE_METRICS).map(([k, m]) => [k, m.name]));
    // A late joiner (or a reopened page) gets everything so far in its first frame.
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ metrics, history: this.history, snapshot: this.latest ?? null, verdict: this.verdictView() })}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  private async report(res: ServerResponse): Promise<void> {
    const file = this.verdict?.reportFile;
    if (!file) return send(res, 404, 'text/plain', 'no report yet');
    try {
      send(res, 200, contentType(file), await readFile(file), false);
    } catch {
      send(res, 404, 'text/plain', 'report not readable');
    }
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, strict = true): void {
  // The report is our own HTML (escaped when written) with its own inline style: it gets the plain headers.
  res.writeHead(status, { ...(strict ? SECURITY_HEADERS : { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }), 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function contentType(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.html') return 'text/html; charset=utf-8';
  if (ext === '.json') return 'application/json; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}
