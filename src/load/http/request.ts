/**
 * Encodes one HTTP/1.1 request once, up front, so the hot loop only writes a ready Buffer.
 * (autocannon and wrk do the same; re-serialising per request costs more than the parse.)
 */
export interface RequestSpec {
  method: string;
  /** Path with query, e.g. "/api/items?page=2". */
  path: string;
  /** Host header value, e.g. "127.0.0.1:8080". */
  host: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const FORBIDDEN_CHARS = /[\r\n\0]/;

export function encodeRequest(spec: RequestSpec): Buffer {
  const body = spec.body === undefined ? undefined : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body);
  const lines = [`${spec.method} ${spec.path} HTTP/1.1`];
  const names = new Set(Object.keys(spec.headers).map((h) => h.toLowerCase()));
  if (!names.has('host')) lines.push(`Host: ${spec.host}`);
  for (const [name, value] of Object.entries(spec.headers)) {
    // A CR/LF in a header would smuggle a second request onto the wire: refuse it here.
    if (FORBIDDEN_CHARS.test(name) || FORBIDDEN_CHARS.test(value)) throw new Error(`header ${JSON.stringify(name)} contains CR, LF or NUL`);
    lines.push(`${name}: ${value}`);
  }
  if (body !== undefined && !names.has('content-length')) lines.push(`Content-Length: ${body.length}`);
  else if (body === undefined && !names.has('content-length') && METHODS_WITH_BODY.has(spec.method)) lines.push('Content-Length: 0');
  if (!names.has('user-agent')) lines.push('User-Agent: gonogo');
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return body === undefined ? head : Buffer.concat([head, body]);
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
