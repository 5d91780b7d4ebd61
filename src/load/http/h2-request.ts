import type http2 from 'node:http2';

/** One request as HTTP/2 headers and a body (plain data: quick mode's crosses to workers). */
export interface H2Request {
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Headers HTTP/2 forbids (RFC 9113 8.2.2); Host becomes :authority. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'te']);
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Quick mode's request, from its parts. */
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

/**
 * The HTTP/2 form of an encoded HTTP/1.1 request (a scenario's request, a redirect hop): requests
 * are built in one place, and both protocols send the same method, path, headers and body.
 */
export function h2FromWire(bytes: Buffer): H2Request {
  let end = bytes.indexOf(CRLFCRLF);
  if (end === -1) end = bytes.length;
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  const line = lines[0]!;
  const sp = line.indexOf(' ');
  const headers: Record<string, string> = { ':method': line.slice(0, sp), ':path': line.slice(sp + 1, line.lastIndexOf(' ')) };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    const c = l.indexOf(':');
    if (c <= 0) continue;
    const name = l.slice(0, c).trim().toLowerCase();
    const value = l.slice(c + 1).trim();
    if (name === 'host') headers[':authority'] = value;
    else if (!CONNECTION_HEADERS.has(name)) headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const body = end + 4 < bytes.length ? bytes.subarray(end + 4) : undefined;
  return body === undefined ? { headers } : { headers, body };
}

/** An HTTP/2 response's headers as an HTTP/1.1-style head ("HTTP/2 200\r\nname: value..."), which scenario responses read. */
export function h2Head(status: number, headers: http2.IncomingHttpHeaders): string {
  let head = `HTTP/2 ${status}`;
  for (const name in headers) {
    if (name.startsWith(':')) continue;
    const v = headers[name];
    if (Array.isArray(v)) for (const one of v) head += `\r\n${name}: ${one}`;
    else if (v !== undefined) head += `\r\n${name}: ${v}`;
  }
  return head;
}
