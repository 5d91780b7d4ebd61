import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { ParseError, ResponseParser, type ParsedResponse } from './response-parser.js';
import { classifySocketError, type ErrorClass } from '../error-class.js';
import { StreamError } from './event-stream.js';
import { connectPhases, RequestTiming, type ConnectMarks } from './timing.js';
import type { H2Request } from './h2-request.js';

const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export interface Endpoint {
  host: string;
  port: number;
  tls: boolean;
  /** SNI / certificate name. */
  servername: string;
  insecure: boolean;
}

/** Where a URL's requests go (quick mode's target, each origin a scenario calls). */
export function endpointOf(url: URL, insecure: boolean): Endpoint {
  const isTls = url.protocol === 'https:';
  // URL keeps IPv6 literals in brackets; sockets want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // SNI carries host names only (RFC 6066); an IP literal gets none.
  return { host, port: url.port ? Number(url.port) : isTls ? 443 : 80, tls: isTls, servername: net.isIP(host) ? '' : host, insecure };
}

/** TLS options shared by the preflight and every load connection, so both verify the same way. */
export function tlsOptions(ep: Endpoint): tls.ConnectionOptions {
  return { host: ep.host, port: ep.port, servername: ep.servername, rejectUnauthorized: !ep.insecure, ALPNProtocols: ['http/1.1'] };
}

export interface ConnectionEvents {
  /** A response arrived for the request in flight. */
  onResponse(conn: RequestSlot, res: ParsedResponse): void;
  /** The request in flight failed; the connection reconnects on its own before the next send. */
  onError(conn: RequestSlot, cls: ErrorClass, message: string): void;
}

/** What the Driver sends on: an HTTP/1.1 Connection, or one stream slot of an HTTP/2 connection (h2.ts). */
export interface RequestSlot {
  readonly id: number;
  tag: number;
  startedAt: number;
  sentAt: number;
  inFlight: boolean;
  /** Connections this slot opened (an HTTP/2 connection counts on one of its slots). */
  readonly opens: number;
  /** `h2`: what an HTTP/2 slot sends instead of its default request (a Connection sends `request`'s bytes). */
  send(request: Buffer, startedAt: number, now: number, isHead?: boolean, h2?: H2Request): void;
  timingAt(now: number): RequestTiming;
  /** Sees each 2xx response's body bytes as they arrive (--sse); may throw StreamError. */
  setBodySink(sink: ((buf: Buffer, from: number, to: number) => void) | undefined): void;
  abort(): void;
  close(): void;
}

/**
 * One keep-alive connection with at most one request in flight (no pipelining, like a browser
 * or k6 VU). Reconnects lazily on the next send after a close. Kept small: a run may hold
 * thousands of these.
 */
export class Connection implements RequestSlot {
  private socket: net.Socket | undefined;
  private readonly parser: ResponseParser;
  /** performance.now() when the request in flight started counting (intended or actual send). */
  startedAt = 0;
  /** performance.now() when it was actually written. */
  sentAt = 0;
  inFlight = false;
  /** Opaque per-request tag the engine uses (endpoint index). */
  tag = 0;
  /** Connections opened over the life of this slot (first open included). */
  opens = 0;
  /** Phases of the request in flight / just answered (see timingAt). */
  readonly timing = new RequestTiming();
  private readonly marks: ConnectMarks = { openAt: 0, lookupAt: 0, connectAt: 0, secureAt: 0 };
  /** performance.now() when the request was fully handed to the kernel, and when its first byte came back (0: not yet). */
  private writtenAt = 0;
  private firstByteAt = 0;

  constructor(
    readonly id: number,
    private readonly endpoint: Endpoint,
    private readonly events: ConnectionEvents,
    keepBody = false,
  ) {
    this.parser = new ResponseParser((res) => this.handleResponse(res), keepBody);
  }

  send(request: Buffer, startedAt: number, now: number, isHead = false): void {
    this.inFlight = true;
    this.startedAt = startedAt;
    this.sentAt = now;
    this.parser.expectNoBody = isHead;
    this.firstByteAt = 0;
    const socket = this.socket;
    if (socket === undefined) {
      // Written once the connection is up; open() times the phases and the write.
      this.open().write(request, this.onFirstWrite);
      return;
    }
    this.timing.newConnection = false;
    const t0 = performance.now();
    socket.write(request);
    // A keep-alive write of a small request reaches the kernel synchronously (a large body may queue: send is then the part that went).
    const t = performance.now();
    this.timing.send = t - t0;
    this.writtenAt = t;
  }

  setBodySink(sink: ((buf: Buffer, from: number, to: number) => void) | undefined): void {
    this.parser.bodySink = sink;
  }

  /** The phases of the request just answered, `now` being when its last byte was read. */
  timingAt(now: number): RequestTiming {
    const t = this.timing;
    t.ttfb = this.firstByteAt > 0 ? Math.max(0, this.firstByteAt - this.writtenAt) : 0;
    t.receive = this.firstByteAt > 0 ? Math.max(0, now - this.firstByteAt) : 0;
    return t;
  }

  /** The first request on a new connection went out: the connection phases and its send are known now. */
  private readonly onFirstWrite = (err?: Error | null): void => {
    // A failed write belongs to a request that fails (and may already be replaced by the next one).
    if (err) return;
    const t = performance.now();
    const m = this.marks;
    connectPhases(m, this.timing, this.endpoint.tls);
    this.timing.newConnection = true;
    const ready = this.endpoint.tls ? m.secureAt : m.connectAt;
    this.timing.send = ready > 0 ? Math.max(0, t - ready) : 0;
    this.writtenAt = t;
  };

  /** Abandon the request in flight (timeout or stop): the socket is destroyed and not reused. */
  abort(): void {
    this.inFlight = false;
    this.drop();
  }

  close(): void {
    this.inFlight = false;
    this.drop();
  }

  private open(): net.Socket {
    const { host, port } = this.endpoint;
    const onBytes = (chunk: Buffer) => {
      if (this.socket !== socket) return;
      if (this.firstByteAt === 0) this.firstByteAt = performance.now();
      try {
        this.parser.execute(chunk);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        this.fail(err instanceof StreamError ? 'stream' : 'protocol', err.message);
      }
    };
    const m = this.marks;
    m.openAt = performance.now();
    m.lookupAt = m.connectAt = m.secureAt = 0;
    // Plain TCP reads into one shared buffer (callbacks run one at a time, and the parser copies
    // whatever it keeps), so a read allocates nothing: less GC and less memory per connection.
    const socket: net.Socket = this.endpoint.tls
      ? tls.connect(tlsOptions(this.endpoint))
      : net.connect({ host, port, onread: { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array) => (onBytes((buf as Buffer).subarray(0, n)), true) } });
    socket.setNoDelay(true);
    socket.once('lookup', () => (m.lookupAt = performance.now()));
    socket.once('connect', () => (m.connectAt = performance.now()));
    if (this.endpoint.tls) socket.once('secureConnect', () => (m.secureAt = performance.now()));
    this.opens++;
    this.parser.reset();
    if (this.endpoint.tls) socket.on('data', onBytes);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (this.socket !== socket) return;
      this.fail(classifySocketError(err), err.message);
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      // A response framed "until close" ends with the close; anything else in flight is lost.
      if (this.inFlight && !this.parser.finish()) this.fail('reset', 'connection closed before the response completed');
    });
    this.socket = socket;
    return socket;
  }

  private handleResponse(res: ParsedResponse): void {
    if (!this.inFlight) {
      // Bytes nobody asked for: the stream is out of step, so stop trusting this socket.
      this.drop();
      return;
    }
    this.inFlight = false;
    if (!res.keepAlive) this.drop();
    this.events.onResponse(this, res);
  }

  private fail(cls: ErrorClass, message: string): void {
    const wasInFlight = this.inFlight;
    this.inFlight = false;
    this.drop();
    if (wasInFlight) this.events.onError(this, cls, message);
  }

  private drop(): void {
    const s = this.socket;
    this.socket = undefined;
    if (s) s.destroy();
  }
}
