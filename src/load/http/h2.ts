import http2 from 'node:http2';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { classifySocketError, type ErrorClass } from '../error-class.js';
import { StreamError } from './event-stream.js';
import type { ConnectionEvents, Endpoint, RequestSlot } from './connection.js';
import { tlsOptions } from './connection.js';
import type { ParsedResponse } from './response-parser.js';
import { h2Head, type H2Request } from './h2-request.js';
import { connectPhases, RequestTiming, type ConnectMarks } from './timing.js';

/**
 * HTTP/2 for the load client (quick mode and scenario files), on node:http2 (nghttp2 in core: ALPN,
 * HPACK, flow control and multiplexing without a new dependency, and the socket is ours, so
 * connection phases are timed the same way as HTTP/1.1's). One H2Session is one connection at a
 * time (a new one after GOAWAY); each of its streams is a RequestSlot with at most one request in
 * flight, so the Driver and the scenario pool drive both protocols alike.
 */

const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR, NGHTTP2_REFUSED_STREAM } = http2.constants;
/** RFC 9113 section 7 error code names by number, for error messages ("GOAWAY ENHANCE_YOUR_CALM"). */
const H2_ERROR_NAMES = new Map(
  Object.entries(http2.constants)
    .filter(([k]) => /^NGHTTP2_(NO_ERROR|PROTOCOL_ERROR|INTERNAL_ERROR|FLOW_CONTROL_ERROR|SETTINGS_TIMEOUT|STREAM_CLOSED|FRAME_SIZE_ERROR|REFUSED_STREAM|CANCEL|COMPRESSION_ERROR|CONNECT_ERROR|ENHANCE_YOUR_CALM|INADEQUATE_SECURITY|HTTP_1_1_REQUIRED)$/.test(k))
    .map(([k, v]) => [v as number, k.slice('NGHTTP2_'.length)]),
);
/** A stream the server never processed (above GOAWAY's last-stream-id) is sent again on a newer connection, this often at most. */
const MAX_UNPROCESSED_RETRIES = 3;
const MAX_KEPT_BODY = 16 * 1024 * 1024;

/** One underlying connection: its timing marks and, once the server sent GOAWAY, the last stream it processed. */
interface H2Conn {
  session: http2.ClientHttp2Session;
  marks: ConnectMarks;
  /** When it could carry requests (connected, TLS done); 0 while connecting. */
  readyAt: number;
  /** The connection phases go to the first request that finishes on it, once. */
  phasesUnclaimed: boolean;
  /** GOAWAY's last-stream-id; undefined until a GOAWAY came. */
  goawayLast: number | undefined;
  /** GOAWAY's error code (0: graceful). */
  goawayCode: number;
}

/**
 * The HTTP/2 connection its slots share, opened lazily on the first request after a close. After
 * a GOAWAY the next request opens a new connection while streams the server accepted finish on
 * the old one (nginx sends GOAWAY after `keepalive_requests` requests, 1000 by default).
 */
export class H2Session {
  private conn: H2Conn | undefined;
  opens = 0;

  constructor(private readonly endpoint: Endpoint) {}

  get(): H2Conn {
    const c = this.conn;
    if (c !== undefined && !c.session.closed && !c.session.destroyed) return c;
    return this.open();
  }

  /** Copy `c`'s connection phases into `t` if no request has taken them yet. */
  claimPhases(c: H2Conn, t: RequestTiming): boolean {
    if (!c.phasesUnclaimed || c.readyAt === 0) return false;
    c.phasesUnclaimed = false;
    connectPhases(c.marks, t, this.endpoint.tls);
    return true;
  }

  /** Stop handing out `c` (it went away between the check and a request). */
  forget(c: H2Conn): void {
    if (this.conn === c) this.conn = undefined;
  }

  close(): void {
    const c = this.conn;
    this.conn = undefined;
    c?.session.destroy();
  }

  private open(): H2Conn {
    const ep = this.endpoint;
    const m: ConnectMarks = { openAt: performance.now(), lookupAt: 0, connectAt: 0, secureAt: 0 };
    this.opens++;
    const host = net.isIPv6(ep.host) ? `[${ep.host}]` : ep.host;
    const authority = `${ep.tls ? 'https' : 'http'}://${host}:${ep.port}`;
    // Filled in below: the socket's events need the object before http2.connect returns.
    const c = { marks: m, readyAt: 0, phasesUnclaimed: true, goawayLast: undefined, goawayCode: NGHTTP2_NO_ERROR } as Omit<H2Conn, 'session'> as H2Conn;
    const createConnection = (): net.Socket => {
      // Our own TCP socket, Nagle off from the start: small HTTP/2 frames (SETTINGS ACK, WINDOW_UPDATE, HEADERS)
      // must not wait for delayed ACKs. TLS, when asked, runs over it, so each phase has its own event.
      const tcp = net.connect({ host: ep.host, port: ep.port, noDelay: true });
      tcp.once('lookup', () => (m.lookupAt = performance.now()));
      tcp.once('connect', () => {
        m.connectAt = performance.now();
        if (!ep.tls) c.readyAt = m.connectAt;
      });
      if (!ep.tls) return tcp;
      const socket = tls.connect({ ...tlsOptions(ep), socket: tcp, ALPNProtocols: ['h2'] });
      socket.once('secureConnect', () => (m.secureAt = c.readyAt = performance.now()));
      return socket;
    };
    const session = (c.session = http2.connect(authority, { createConnection, settings: { enablePush: false } }));
    // Stream errors carry the cause to each request; a session error is only logged away.
    session.on('error', () => {});
    // Node closes the session itself (gracefully, or at once for an error code); new requests go to a new one.
    session.on('goaway', (code: number, lastStreamID: number) => {
      c.goawayLast = lastStreamID;
      c.goawayCode = code;
      this.forget(c);
    });
    session.on('close', () => this.forget(c));
    this.conn = c;
    return c;
  }
}

/**
 * One stream slot of an H2Session, the HTTP/2 counterpart of Connection: the Driver or a scenario
 * pool sends on it, and it reports the response or a classified error through the same events.
 */
export class H2Slot implements RequestSlot {
  startedAt = 0;
  sentAt = 0;
  inFlight = false;
  tag = 0;
  readonly timing = new RequestTiming();
  private stream: http2.ClientHttp2Stream | undefined;
  /** The connection the request in flight went out on. */
  private conn: H2Conn | undefined;
  private request: H2Request | undefined;
  /** Sends again of the request in flight: after GOAWAYs (never processed) and after REFUSED_STREAM, each with its own limit. */
  private retries = { unprocessed: 0, refused: 0 };
  /** Counts sends, so a retry scheduled for an earlier request never fires into a later one. */
  private gen = 0;
  private writtenAt = 0;
  private firstByteAt = 0;
  private status = 0;
  private bytes = 0;
  private location: string | undefined;
  private head: string | undefined;
  private kept: Buffer[] | undefined;
  private keptLen = 0;
  /** The body as sent, per request object (quick mode's never changes). */
  private bodyOf: H2Request | undefined;
  private bodyBuf: Buffer | undefined;
  private sink: ((buf: Buffer, from: number, to: number) => void) | undefined;

  constructor(
    readonly id: number,
    private readonly session: H2Session,
    /** The slot that reports its session's opens (one per session). */
    private readonly first: boolean,
    /** What send() sends unless it is given a request (quick mode's one request). */
    private readonly defaultRequest: H2Request | undefined,
    private readonly events: ConnectionEvents,
    /** Keep each response's headers and body (scenario files read them). */
    private readonly keepBody = false,
  ) {
    this.timing.h2 = true;
  }

  get opens(): number {
    return this.first ? this.session.opens : 0;
  }

  /** `_bytes` is the HTTP/1.1 encoding; a slot sends `request` (or its default) as HTTP/2 headers. */
  send(_bytes: Buffer, startedAt: number, now: number, _isHead?: boolean, request?: H2Request): void {
    this.inFlight = true;
    this.startedAt = startedAt;
    this.sentAt = now;
    this.retries.unprocessed = this.retries.refused = 0;
    this.gen++;
    this.request = request ?? this.defaultRequest;
    this.issue();
  }

  /** Open a stream for the request in flight (again, after the server refused it). */
  private issue(): void {
    const req = this.request!;
    this.firstByteAt = 0;
    this.status = 0;
    this.bytes = 0;
    this.location = this.head = undefined;
    this.kept = undefined;
    this.keptLen = 0;
    if (this.bodyOf !== req) {
      this.bodyOf = req;
      this.bodyBuf = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body) : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
    }
    const body = this.bodyBuf;
    const t0 = performance.now();
    let conn: H2Conn | undefined;
    let stream: http2.ClientHttp2Stream;
    try {
      conn = this.session.get();
      stream = conn.session.request(req.headers, { endStream: body === undefined });
    } catch (err) {
      // A connection that went away between the check and the request is retried on a new one; a bad header fails.
      const gone = conn !== undefined && (conn.session.closed || conn.session.destroyed);
      if (gone) this.session.forget(conn!);
      queueMicrotask(() => this.lost(undefined, gone ? conn : undefined, err as NodeJS.ErrnoException));
      return;
    }
    if (body !== undefined) stream.end(body);
    const t = performance.now();
    this.timing.send = t - t0;
    this.writtenAt = t;
    this.stream = stream;
    this.conn = conn;
    stream.on('response', (headers) => {
      if (this.stream !== stream) return;
      this.firstByteAt = performance.now();
      const status = (this.status = Number(headers[':status']));
      if (status >= 300 && status < 400 && typeof headers.location === 'string') this.location = headers.location;
      if (this.keepBody) this.head = h2Head(status, headers);
    });
    stream.on('data', (chunk: Buffer) => {
      if (this.stream !== stream) return;
      this.bytes += chunk.length;
      if (this.keepBody && this.keptLen + chunk.length <= MAX_KEPT_BODY) {
        (this.kept ??= []).push(chunk);
        this.keptLen += chunk.length;
      }
      if (this.sink === undefined || this.status >= 300) return;
      try {
        this.sink(chunk, 0, chunk.length);
      } catch (err) {
        if (!(err instanceof StreamError)) throw err;
        this.fail(Object.assign(err, { code: 'GONOGO_STREAM' }), 'stream');
      }
    });
    stream.on('end', () => {
      if (this.stream === stream) this.answered();
    });
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (this.stream === stream) this.lost(stream, conn, err);
    });
    stream.on('close', () => {
      // Reset by the peer (RST_STREAM, GOAWAY) without an error event or an end: the response is lost.
      if (this.stream === stream) this.lost(stream, conn, Object.assign(new Error(`stream closed by the server (code ${stream.rstCode})`), { code: 'ERR_HTTP2_STREAM_ERROR' }));
    });
  }

  /** The response in flight is complete: hand it over. */
  private answered(): void {
    this.stream = undefined;
    this.inFlight = false;
    const res: ParsedResponse = { status: this.status, bytes: this.bytes, keepAlive: true };
    if (this.location !== undefined) res.location = this.location;
    if (this.keepBody) {
      res.head = this.head;
      res.body = this.kept === undefined ? Buffer.alloc(0) : this.kept.length === 1 ? this.kept[0]! : Buffer.concat(this.kept, this.keptLen);
    }
    this.events.onResponse(this, res);
  }

  /**
   * The stream ended without a response. One the server never processed (above the last-stream-id of
   * its GOAWAY, or refused with REFUSED_STREAM, RFC 9113 8.7) is safe to send again; anything else failed.
   */
  private lost(stream: http2.ClientHttp2Stream | undefined, conn: H2Conn | undefined, err: NodeJS.ErrnoException): void {
    if (!this.inFlight) return;
    // Both sides ended the stream (closed with NO_ERROR after the response headers), but an error GOAWAY read in the
    // same chunk made Node destroy the session before the stream's 'end' (seen over TLS): the response is complete.
    if (stream !== undefined && stream.closed && stream.rstCode === NGHTTP2_NO_ERROR && this.firstByteAt > 0) return this.answered();
    const last = conn?.goawayLast;
    const aboveGoaway = last !== undefined && (stream?.id === undefined || stream.id > last);
    // No stream at all: the connection closed before the request could go (`conn` is set only then).
    const refused = stream === undefined ? conn !== undefined : stream.rstCode === NGHTTP2_REFUSED_STREAM;
    // Counted apart: a request sent again after a GOAWAY and then refused once was still refused only once.
    const kind = aboveGoaway ? 'unprocessed' : refused ? 'refused' : undefined;
    const limit = aboveGoaway ? MAX_UNPROCESSED_RETRIES : 1;
    if (this.firstByteAt === 0 && kind !== undefined && this.retries[kind] < limit) {
      this.retries[kind]++;
      this.stream = undefined;
      const gen = this.gen;
      // Not inside nghttp2's callback: the retry may open a new connection.
      setImmediate(() => {
        if (this.inFlight && this.gen === gen) this.issue();
      });
      return;
    }
    // A stream the server may have processed, cut off by a GOAWAY with an error code: say which (RFC 9113 section 6.8).
    if (conn !== undefined && last !== undefined && conn.goawayCode !== NGHTTP2_NO_ERROR && !aboveGoaway) {
      const name = H2_ERROR_NAMES.get(conn.goawayCode) ?? 'unknown';
      err = Object.assign(new Error(`GOAWAY ${name} (code ${conn.goawayCode}, last-stream-id ${last}) before the response`), { code: 'ERR_HTTP2_GOAWAY_SESSION' });
    }
    this.fail(err);
  }

  setBodySink(sink: ((buf: Buffer, from: number, to: number) => void) | undefined): void {
    this.sink = sink;
  }

  timingAt(now: number): RequestTiming {
    const t = this.timing;
    const c = this.conn;
    t.newConnection = c !== undefined && this.session.claimPhases(c, t);
    // A request queued while the connection was opening waits from when it could go.
    const from = Math.max(this.writtenAt, c?.readyAt ?? 0);
    t.ttfb = this.firstByteAt > 0 ? Math.max(0, this.firstByteAt - from) : 0;
    t.receive = this.firstByteAt > 0 ? Math.max(0, now - this.firstByteAt) : 0;
    return t;
  }

  abort(): void {
    this.inFlight = false;
    const s = this.stream;
    this.stream = undefined;
    if (s !== undefined && !s.destroyed) s.close(NGHTTP2_CANCEL);
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
    if (s !== undefined && !s.destroyed) s.close(NGHTTP2_CANCEL);
    if (wasInFlight) this.events.onError(this, cls, err.message);
  }
}
