import http2 from 'node:http2';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { classifySocketError, type ErrorClass } from '../error-class.js';
import { StreamError } from './event-stream.js';
import type { ConnectionEvents, Endpoint, RequestSlot } from './connection.js';
import { tlsOptions } from './connection.js';
import type { ParsedResponse } from './response-parser.js';
import { connectPhases, RequestTiming, type ConnectMarks } from './timing.js';

/**
 * HTTP/2 for the load client, on node:http2 (nghttp2 in core: ALPN, HPACK, flow control and
 * multiplexing without a new dependency, and the socket is ours, so connection phases are timed
 * the same way as HTTP/1.1's). One H2Session is one TCP (+TLS) connection; each of its streams is a
 * RequestSlot with at most one request in flight, so the Driver drives both protocols alike.
 */

/** The one request a quick-mode run sends, as HTTP/2 headers (plain data: it crosses to workers). */
export interface H2Request {
  headers: Record<string, string>;
  body?: string;
}

/** Headers HTTP/2 forbids (RFC 9113 8.2.2); Host becomes :authority. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'te']);

export function h2Request(o: { method: string; path: string; authority: string; headers: Record<string, string>; body?: string }): H2Request {
  const headers: Record<string, string> = { ':method': o.method, ':path': o.path, ':authority': o.authority };
  for (const [k, v] of Object.entries(o.headers)) {
    const name = k.toLowerCase();
    if (name === 'host') headers[':authority'] = v;
    else if (!CONNECTION_HEADERS.has(name)) headers[name] = v;
  }
  headers['user-agent'] ??= 'gonogo';
  return o.body === undefined ? { headers } : { headers, body: o.body };
}

/** One HTTP/2 connection, opened lazily on the first request after a close; its streams share it. */
export class H2Session {
  private session: http2.ClientHttp2Session | undefined;
  opens = 0;
  private readonly marks: ConnectMarks = { openAt: 0, lookupAt: 0, connectAt: 0, secureAt: 0 };
  /** When the connection could carry requests (connected, TLS done); 0 while connecting. */
  readyAt = 0;
  /** The connection phases go to the first request that finishes on a new connection, once. */
  private phasesUnclaimed = false;

  constructor(private readonly endpoint: Endpoint) {}

  get(): http2.ClientHttp2Session {
    const s = this.session;
    if (s !== undefined && !s.closed && !s.destroyed) return s;
    return this.open();
  }

  /** Copy the connection phases into `t` if no request has taken them yet. */
  claimPhases(t: RequestTiming): boolean {
    if (!this.phasesUnclaimed || this.readyAt === 0) return false;
    this.phasesUnclaimed = false;
    connectPhases(this.marks, t, this.endpoint.tls);
    return true;
  }

  close(): void {
    const s = this.session;
    this.session = undefined;
    s?.destroy();
  }

  private open(): http2.ClientHttp2Session {
    const ep = this.endpoint;
    const m = this.marks;
    m.openAt = performance.now();
    m.lookupAt = m.connectAt = m.secureAt = 0;
    this.readyAt = 0;
    this.phasesUnclaimed = true;
    this.opens++;
    const host = net.isIPv6(ep.host) ? `[${ep.host}]` : ep.host;
    const authority = `${ep.tls ? 'https' : 'http'}://${host}:${ep.port}`;
    const createConnection = (): net.Socket => {
      // Our own TCP socket, Nagle off from the start: small HTTP/2 frames (SETTINGS ACK, WINDOW_UPDATE, HEADERS)
      // must not wait for delayed ACKs. TLS, when asked, runs over it, so each phase has its own event.
      const tcp = net.connect({ host: ep.host, port: ep.port, noDelay: true });
      tcp.once('lookup', () => (m.lookupAt = performance.now()));
      tcp.once('connect', () => {
        m.connectAt = performance.now();
        if (!ep.tls) this.readyAt = m.connectAt;
      });
      if (!ep.tls) return tcp;
      const socket = tls.connect({ ...tlsOptions(ep), socket: tcp, ALPNProtocols: ['h2'] });
      socket.once('secureConnect', () => {
        m.secureAt = this.readyAt = performance.now();
      });
      return socket;
    };
    const session = http2.connect(authority, { createConnection, settings: { enablePush: false } });
    // Stream errors carry the cause to each request; a session error with no stream open is only logged away.
    session.on('error', () => {});
    session.on('close', () => {
      if (this.session === session) this.session = undefined;
    });
    this.session = session;
    return session;
  }
}

/**
 * One stream slot of an H2Session, the HTTP/2 counterpart of Connection: the Driver sends on it,
 * and it reports the response or a classified error through the same events.
 */
export class H2Slot implements RequestSlot {
  startedAt = 0;
  sentAt = 0;
  inFlight = false;
  tag = 0;
  readonly timing = new RequestTiming();
  private stream: http2.ClientHttp2Stream | undefined;
  private writtenAt = 0;
  private firstByteAt = 0;
  private status = 0;
  private bytes = 0;
  private readonly body: Buffer | undefined;
  private sink: ((buf: Buffer, from: number, to: number) => void) | undefined;

  constructor(
    readonly id: number,
    private readonly session: H2Session,
    /** The slot that reports its session's opens (one per session). */
    private readonly first: boolean,
    private readonly request: H2Request,
    private readonly events: ConnectionEvents,
  ) {
    this.body = request.body === undefined ? undefined : Buffer.from(request.body);
    this.timing.h2 = true;
  }

  get opens(): number {
    return this.first ? this.session.opens : 0;
  }

  /** `_bytes` is the HTTP/1.1 encoding the Driver holds; a slot sends its own headers. */
  send(_bytes: Buffer, startedAt: number, now: number): void {
    this.inFlight = true;
    this.startedAt = startedAt;
    this.sentAt = now;
    this.firstByteAt = 0;
    this.status = 0;
    this.bytes = 0;
    let stream: http2.ClientHttp2Stream;
    const t0 = performance.now();
    try {
      stream = this.session.get().request(this.request.headers, { endStream: this.body === undefined });
    } catch (err) {
      // A session that went away between the check and the request: the next send opens a new one.
      this.session.close();
      queueMicrotask(() => this.fail(err as NodeJS.ErrnoException));
      return;
    }
    if (this.body !== undefined) stream.end(this.body);
    const t = performance.now();
    this.timing.send = t - t0;
    this.writtenAt = t;
    this.stream = stream;
    stream.on('response', (headers) => {
      if (this.stream !== stream) return;
      this.firstByteAt = performance.now();
      this.status = Number(headers[':status']);
    });
    stream.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      if (this.sink === undefined || this.status >= 300 || this.stream !== stream) return;
      try {
        this.sink(chunk, 0, chunk.length);
      } catch (err) {
        if (!(err instanceof StreamError)) throw err;
        this.fail(Object.assign(err, { code: 'GONOGO_STREAM' }), 'stream');
      }
    });
    stream.on('end', () => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.inFlight = false;
      const res: ParsedResponse = { status: this.status, bytes: this.bytes, keepAlive: true };
      this.events.onResponse(this, res);
    });
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (this.stream === stream) this.fail(err);
    });
    stream.on('close', () => {
      // Reset by the peer (RST_STREAM, GOAWAY) without an error event or an end: the response is lost.
      if (this.stream === stream) this.fail(Object.assign(new Error(`stream closed by the server (code ${stream.rstCode})`), { code: 'ERR_HTTP2_STREAM_ERROR' }));
    });
  }

  setBodySink(sink: ((buf: Buffer, from: number, to: number) => void) | undefined): void {
    this.sink = sink;
  }

  timingAt(now: number): RequestTiming {
    const t = this.timing;
    t.newConnection = this.session.claimPhases(t);
    // A request queued while the connection was opening waits from when it could go.
    const from = Math.max(this.writtenAt, this.session.readyAt);
    t.ttfb = this.firstByteAt > 0 ? Math.max(0, this.firstByteAt - from) : 0;
    t.receive = this.firstByteAt > 0 ? Math.max(0, now - this.firstByteAt) : 0;
    return t;
  }

  abort(): void {
    this.inFlight = false;
    const s = this.stream;
    this.stream = undefined;
    if (s !== undefined && !s.destroyed) s.close(http2.constants.NGHTTP2_CANCEL);
  }

  close(): void {
    this.abort();
    this.session.close();
  }

  private fail(err: NodeJS.ErrnoException, cls: ErrorClass = classifySocketError(err)): void {
    const wasInFlight = this.inFlight;
    this.inFlight = false;
    const s = this.stream;
    this.stream = undefined;
    if (s !== undefined && !s.destroyed) s.close(http2.constants.NGHTTP2_CANCEL);
    if (wasInFlight) this.events.onError(this, cls, err.message);
  }
}
