/**
 * Per-phase timing of the request a connection just finished, filled in by the connection and read
 * by whoever records the outcome (quick mode's Driver, a scenario's pool). One instance per
 * connection, overwritten per request: nothing is allocated in the hot loop. All values in ms.
 */
export class RequestTiming {
  /** The response came over HTTP/2 (counted in the result's `protocols`). */
  h2 = false;
  /** True when this request opened its connection: dns, connect and tls belong to it. */
  newConnection = false;
  dns = 0;
  connect = 0;
  /** -1 on a plain-TCP connection (no handshake to count). */
  tls = -1;
  send = 0;
  ttfb = 0;
  receive = 0;
}

/** performance.now() marks of one connection attempt; turned into phases once it is up. */
export interface ConnectMarks {
  openAt: number;
  /** 0 when no lookup happened (an IP address). */
  lookupAt: number;
  connectAt: number;
  secureAt: number;
}

/** The connection phases from its marks: dns, then connect from the lookup (or open), tls from the connect. */
export function connectPhases(m: ConnectMarks, t: RequestTiming, tls: boolean): void {
  const tcpStart = m.lookupAt > 0 ? m.lookupAt : m.openAt;
  t.dns = m.lookupAt > 0 ? m.lookupAt - m.openAt : 0;
  t.connect = Math.max(0, m.connectAt - tcpStart);
  t.tls = tls ? Math.max(0, m.secureAt - m.connectAt) : -1;
}
