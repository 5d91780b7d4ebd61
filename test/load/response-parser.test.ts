import { describe, expect, it } from 'vitest';
import { ParseError, ResponseParser, type ParsedResponse } from '../../src/load/http/response-parser.js';

function parseAll(chunks: Buffer[], opts: { keepBody?: boolean; head?: boolean; finish?: boolean } = {}): ParsedResponse[] {
  const out: ParsedResponse[] = [];
  const p = new ResponseParser((r) => out.push(r), opts.keepBody ?? true);
  p.expectNoBody = opts.head ?? false;
  for (const c of chunks) p.execute(c);
  if (opts.finish) p.finish();
  return out;
}

/** Every way of cutting the stream in two, plus byte-by-byte, must give the same responses. */
function everySplit(raw: string, opts: { head?: boolean; finish?: boolean } = {}): ParsedResponse[] {
  const buf = Buffer.from(raw, 'latin1');
  const whole = parseAll([buf], opts);
  for (let i = 1; i < buf.length; i++) {
    expect(parseAll([buf.subarray(0, i), buf.subarray(i)], opts)).toEqual(whole);
  }
  expect(parseAll([...buf].map((b) => Buffer.from([b])), opts)).toEqual(whole);
  return whole;
}

describe('ResponseParser', () => {
  it('reads a Content-Length response and its body', () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
    const [r] = everySplit(raw);
    expect(r).toMatchObject({ status: 200, keepAlive: true, bytes: raw.length });
    expect(r!.body!.toString()).toBe('hello');
  });

  it('decodes chunked bodies with extensions and trailers', () => {
    const raw = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n';
    const [r] = everySplit(raw);
    expect(r!.status).toBe(201);
    expect(r!.body!.toString()).toBe('hello0123456789');
    expect(r!.bytes).toBe(raw.length);
  });

  it('skips 1xx interim responses and reads the final one', () => {
    const rs = everySplit('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n');
    expect(rs.map((r) => r.status)).toEqual([204]);
  });

  it('reads no body for 204, 304 and HEAD even when Content-Length is set', () => {
    expect(everySplit('HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n')[0]!.status).toBe(304);
    const [head] = everySplit('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n', { head: true });
    expect(head!.body!.length).toBe(0);
  });

  it('parses back-to-back responses in one chunk', () => {
    const one = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok';
    expect(everySplit(one + one + one).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('honours Connection: close and HTTP/1.0 defaults', () => {
    expect(everySplit('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')[0]!.keepAlive).toBe(false);
    expect(everySplit('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')[0]!.keepAlive).toBe(false);
    expect(everySplit('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')[0]!.keepAlive).toBe(true);
  });

  it('reads a body framed by the close of the connection', () => {
    const rs = everySplit('HTTP/1.1 200 OK\r\n\r\nuntil the end', { finish: true });
    expect(rs).toHaveLength(1);
    expect(rs[0]!.body!.toString()).toBe('until the end');
    expect(rs[0]!.keepAlive).toBe(false);
  });

  it('captures Location on redirects only', () => {
    expect(everySplit('HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n')[0]!.location).toBe('/next');
    expect(everySplit('HTTP/1.1 200 OK\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n')[0]!.location).toBeUndefined();
  });

  it('counts but does not keep bodies unless asked', () => {
    const out: ParsedResponse[] = [];
    const p = new ResponseParser((r) => out.push(r));
    p.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'));
    expect(out[0]!.body).toBeUndefined();
    expect(out[0]!.bytes).toBe(41);
  });

  it.each([
    ['garbage instead of a status line', 'garbage\r\n\r\n'],
    ['a bad status code', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk data without CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naXY'],
  ])('rejects %s', (_name, raw) => {
    expect(() => parseAll([Buffer.from(raw)])).toThrow(ParseError);
  });

  it('rejects a head larger than 64 KiB instead of buffering forever', () => {
    const p = new ResponseParser(() => {});
    p.execute(Buffer.from('HTTP/1.1 200 OK\r\n'));
    expect(() => {
      for (let i = 0; i < 100; i++) p.execute(Buffer.from(`X-Big: ${'a'.repeat(1000)}\r\n`));
    }).toThrow(/64 KiB/);
  });
});
