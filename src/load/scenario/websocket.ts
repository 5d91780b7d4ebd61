import { performance } from 'node:perf_hooks';
import { Agent, WebSocket } from 'undici';
import { parseDuration } from '../../core/duration.js';
import { RESPONSE_META, type WsClient, type WsConnectOptions, type WsMessage, type WsSession, type WsWaitOptions } from './api.js';
import type { ClientContext } from './client.js';

/** Close codes that end a session normally (1005: the peer closed without a code). */
const NORMAL_CLOSE = new Set([1000, 1001, 1005]);
/** How long close() waits for the peer's close frame before the user moves on. */
const CLOSE_WAIT_MS = 1000;

/** --insecure: one dispatcher that accepts self-signed certificates for wss://, shared by every session of the thread. */
let insecureAgent: Agent | undefined;

/** A message handed to scenario code (or a failed wait: `error` set, `data` empty). */
class ScenarioWsMessage implements WsMessage {
  readonly [RESPONSE_META]: { scenario: string; name: string };
  constructor(
    readonly data: string,
    readonly binary: boolean,
    readonly error: string | undefined,
    readonly name: string,
    scenario: string,
  ) {
    this[RESPONSE_META] = { scenario, name };
  }
  get ok(): boolean {
    return this.error === undefined;
  }
  json<T>(): T {
    return JSON.parse(this.data) as T;
  }
}

interface Arrived {
  data: string;
  binary: boolean;
  at: number;
}

/**
 * One WebSocket session of a virtual user on undici's client. Messages queue as they arrive (time-stamped
 * there, so a slow `receive()` caller does not inflate the round trip); waits end with a classified error
 * (timeout, abnormal-close, closed, stopped) instead of throwing.
 */
class ScenarioWsSession implements WsSession {
  readonly [RESPONSE_META]: { scenario: string; name: string };
  error: string | undefined;
  closeCode = 0;
  private readonly queue: Arrived[] = [];
  private waiter: { wake: () => void } | undefined;
  private ended = false;
  private readonly closedP: Promise<void>;
  private startedAt = 0;
  private wasOpen = false;
  /** Arrival time of the message `next()` returned last (ends request()'s round trip). */
  private lastAt = 0;

  constructor(
    private readonly ctx: ClientContext,
    private readonly socket: WebSocket | undefined,
    readonly name: string,
    private readonly registry: Set<ScenarioWsSession>,
  ) {
    this[RESPONSE_META] = { scenario: ctx.scenario, name };
    let closed!: () => void;
    this.closedP = new Promise((resolve) => (closed = resolve));
    if (!socket) {
      this.ended = true;
      closed();
      return;
    }
    registry.add(this);
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (ev) => {
      const at = performance.now();
      const binary = typeof ev.data !== 'string';
      const data = binary ? Buffer.from(ev.data as ArrayBuffer).toString('utf8') : (ev.data as string);
      this.queue.push({ data, binary, at });
      this.record('ws_msgs_received', 'counter', 1);
      this.waiter?.wake();
    };
    socket.onclose = (ev) => {
      this.closeCode = ev.code;
      if (this.wasOpen && !this.ended && !NORMAL_CLOSE.has(ev.code)) this.fail('abnormal-close');
      this.ended = true;
      registry.delete(this);
      if (this.wasOpen) this.record('ws_session_duration', 'trend', performance.now() - this.startedAt);
      this.waiter?.wake();
      closed();
    };
  }

  /** Resolves once open (true) or failed (false, `error` set). */
  opened(startedAt: number, timeoutMs: number): Promise<boolean> {
    const socket = this.socket!;
    this.startedAt = startedAt;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.fail('timeout');
        resolve(false);
      }, timeoutMs);
      socket.onopen = () => {
        clearTimeout(timer);
        this.wasOpen = true;
        this.record('ws_connecting', 'trend', performance.now() - startedAt);
        resolve(true);
      };
      socket.onerror = () => {
        clearTimeout(timer);
        // undici gives no cause: refused, reset and a rejected handshake all land here before `open`.
        if (!this.wasOpen && this.error === undefined) this.fail('connect');
        resolve(this.wasOpen);
      };
    });
  }

  get ok(): boolean {
    return this.error === undefined;
  }

  get closed(): boolean {
    return this.ended;
  }

  get protocol(): string {
    return this.socket?.protocol ?? '';
  }

  send(data: string | Uint8Array): boolean {
    if (this.ended || this.ctx.stopped || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(data);
    this.record('ws_msgs_sent', 'counter', 1);
    return true;
  }

  receive(options?: WsWaitOptions): Promise<WsMessage> {
    return this.next(0, options);
  }

  async request(data: string | Uint8Array, options?: WsWaitOptions): Promise<WsMessage> {
    const t0 = performance.now();
    if (!this.send(data)) return this.message(undefined, this.error ?? (this.ctx.stopped ? 'stopped' : 'closed'));
    const m = await this.next(t0, options);
    // The reply is the first message that arrived after the send; its arrival time, not this wake-up, ends the round trip.
    if (m.ok) this.record('ws_round_trip', 'trend', this.lastAt - t0);
    return m;
  }

  /** The first queued message that arrived at or after `from`, waiting up to the timeout. */
  private async next(from: number, options: WsWaitOptions | undefined): Promise<WsMessage> {
    const timeoutMs = options?.timeout === undefined ? this.ctx.timeoutMs : parseDuration(options.timeout, 'timeout');
    const take = (): Arrived | undefined => {
      const i = this.queue.findIndex((a) => a.at >= from);
      return i === -1 ? undefined : this.queue.splice(i, 1)[0];
    };
    let got = take();
    if (!got && !this.ended && !this.ctx.stopped) {
      let timedOut = false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timedOut = true;
          wake();
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        };
        this.waiter = { wake };
      });
      got = take();
      if (!got && timedOut) {
        if (!this.ctx.stopped) this.fail('timeout', false);
        return this.message(undefined, 'timeout');
      }
    }
    if (!got) return this.message(undefined, this.ctx.stopped ? 'stopped' : (this.error ?? 'closed'));
    this.lastAt = got.at;
    return this.message(got);
  }

  private message(a: Arrived | undefined, error?: string): WsMessage {
    return new ScenarioWsMessage(a?.data ?? '', a?.binary ?? false, error, this.name, this.ctx.scenario);
  }

  /** Starts the closing handshake; waits for it at most CLOSE_WAIT_MS (a peer that never answers must not hold the user). */
  close(code = 1000, reason?: string): Promise<void> {
    this.ended = true;
    this.waiter?.wake();
    if (this.socket && this.socket.readyState !== WebSocket.CLOSED && this.socket.readyState !== WebSocket.CLOSING) {
      try {
        this.socket.close(code, reason);
      } catch {
        this.socket.close();
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const bounded = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
    return Promise.race([this.closedP, bounded]).finally(() => clearTimeout(timer));
  }

  /** `sticky`: the session is broken (later waits report it); a receive timeout is not. */
  private fail(error: string, sticky = true): void {
    if (sticky) this.error ??= error;
    this.record('ws_errors', 'counter', 1, error);
  }

  private record(metric: string, kind: 'counter' | 'trend', value: number, error?: string): void {
    const rec = this.ctx.recorder;
    if (!rec || this.ctx.stopped) return;
    const tags: Record<string, string> = { scenario: this.ctx.scenario, name: this.name };
    if (error !== undefined) tags.error = error;
    rec.metric(metric, kind, value, tags);
  }
}

/** A virtual user's WebSocket client: sessions it opens are closed when its iteration ends. */
export class UserWs implements WsClient {
  private readonly sessions = new Set<ScenarioWsSession>();

  constructor(
    private readonly ctx: ClientContext,
    private readonly userHeaders: Record<string, string>,
  ) {}

  async connect(url: string, options?: WsConnectOptions): Promise<WsSession> {
    const ctx = this.ctx;
    const target = wsUrl(ctx.base, url);
    const name = options?.name ?? target.pathname;
    if (ctx.stopped) {
      const s = new ScenarioWsSession(ctx, undefined, name, this.sessions);
      s.error = 'stopped';
      return s;
    }
    const timeoutMs = options?.timeout === undefined ? ctx.timeoutMs : parseDuration(options.timeout, 'timeout');
    const headers: Record<string, string> = {};
    for (const line of ctx.scenarioHeaders.split('\r\n')) if (line) headers[line.slice(0, line.indexOf(':'))] = line.slice(line.indexOf(':') + 1).trim();
    Object.assign(headers, this.userHeaders, options?.headers);
    const t0 = performance.now();
    const tlsOff = ctx.pools.insecure && target.protocol === 'wss:' ? { dispatcher: (insecureAgent ??= new Agent({ connect: { rejectUnauthorized: false } })) } : {};
    const socket = new WebSocket(target, { headers, ...tlsOff, ...(options?.protocols !== undefined ? { protocols: options.protocols } : {}) });
    const session = new ScenarioWsSession(ctx, socket, name, this.sessions);
    const ok = await session.opened(t0, timeoutMs);
    if (!ok) void session.close();
    return session;
  }

  /** Close every session still open (end of the iteration, or of the run). */
  async closeAll(): Promise<void> {
    if (this.sessions.size === 0) return;
    await Promise.all([...this.sessions].map((s) => s.close(1001, 'going away')));
  }
}

/** ws:// and wss:// URLs as they are; http(s) URLs and paths (joined onto the base URL's path) with the ws scheme. */
export function wsUrl(base: URL, url: string): URL {
  if (/^wss?:\/\//i.test(url)) return new URL(url);
  let u: URL;
  if (/^https?:\/\//i.test(url)) u = new URL(url);
  else {
    const prefix = base.pathname === '/' ? '' : base.pathname.replace(/\/+$/, '');
    u = new URL(prefix + (url.startsWith('/') ? url : `/${url}`), base);
  }
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u;
}
