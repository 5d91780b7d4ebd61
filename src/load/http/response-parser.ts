/**
 * Incremental HTTP/1.1 response parser for the load generator's hot path.
 *
 * It reads only what a load test needs: the status code, the framing (Content-Length,
 * chunked, or until close) and Connection: close. Body bytes are counted and skipped unless
 * a caller asks to keep them. It copes with any split of the byte stream across chunks,
 * 1xx interim responses, bodiless responses (HEAD, 204, 304), chunk extensions and trailers.
 * Anything malformed raises ParseError so the connection is dropped and counted as a
 * protocol error rather than desynchronising the stream.
 */

export class ParseError extends Error {}

export interface ParsedResponse {
  status: number;
  /** Bytes on the wire for this response: head plus body as framed. */
  bytes: number;
  keepAlive: boolean;
  /** The Location header of a 3xx response, for following redirects. */
  location?: string;
  /** Present only when the parser was created with keepBody. */
  body?: Buffer;
  /** The response head (status line and headers, latin1), also only with keepBody: scripted scenarios read headers. */
  head?: string;
}

const enum State {
  Head,
  Body,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
}

const MAX_HEAD = 64 * 1024;
const MAX_KEPT_BODY = 16 * 1024 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);

export class ResponseParser {
  private state = State.Head;
  private head: Buffer | undefined;
  private remaining = 0;
  private status = 0;
  private location: string | undefined;
  private keepAlive = true;
  private bytes = 0;
  private lineBuf = '';
  private bodyParts: Buffer[] | undefined;
  private bodyLen = 0;
  private headText: string | undefined;
  /** Set per request: a HEAD response has headers that describe a body it does not send. */
  expectNoBody = false;
  /** Sees the body bytes of 2xx responses as they arrive (chunk framing removed): streamed-event timing. */
  bodySink: ((buf: Buffer, from: number, to: number) => void) | undefined;

  constructor(
    private readonly onResponse: (res: ParsedResponse) => void,
    private readonly keepBody = false,
  ) {}

  /** True between the first byte of a response and its end: a close now loses that response. */
  get midResponse(): boolean {
    return this.state !== State.Head || this.head !== undefined;
  }

  /** Feed bytes; calls onResponse for each complete response. Throws ParseError on garbage. */
  execute(chunk: Buffer): void {
    let buf = chunk;
    let pos = 0;
    while (pos < buf.length) {
      switch (this.state) {
        case State.Head: {
          if (this.head !== undefined) {
            buf = Buffer.concat([this.head, buf.subarray(pos)]);
            pos = 0;
            this.head = undefined;
          }
          const end = buf.indexOf(CRLFCRLF, pos);
          if (end === -1) {
            if (buf.length - pos > MAX_HEAD) throw new ParseError('response head larger than 64 KiB');
            // Copy: the caller may reuse `buf` for the next read.
            this.head = Buffer.from(buf.subarray(pos));
            return;
          }
          const headLen = end + 4 - pos;
          this.bytes += headLen;
          this.parseHead(buf, pos, end);
          pos = end + 4;
          break;
        }
        case State.Body: {
          pos = this.consume(buf, pos);
          if (this.remaining === 0) this.complete();
          break;
        }
        case State.ChunkSize:
        case State.Trailers: {
          const nl = buf.indexOf(10, pos);
          if (nl === -1) {
            this.appendLine(buf, pos, buf.length);
            this.bytes += buf.length - pos;
            return;
          }
          this.appendLine(buf, pos, nl + 1);
          this.bytes += nl + 1 - pos;
          pos = nl + 1;
          const line = this.lineBuf;
          this.lineBuf = '';
          if (this.state === State.ChunkSize) this.onChunkSizeLine(line);
          else if (line === '\r\n' || line === '\n') this.complete();
          break;
        }
        case State.ChunkData: {
          pos = this.consume(buf, pos);
          if (this.remaining === 0) {
            this.state = State.ChunkDataEnd;
            this.remaining = 2;
          }
          break;
        }
        case State.ChunkDataEnd: {
          // Expect exactly CRLF after each chunk's data.
          const c = buf[pos]!;
          if ((this.remaining === 2 && c !== 13) || (this.remaining === 1 && c !== 10)) throw new ParseError('missing CRLF after chunk data');
          pos++;
          this.bytes++;
          if (--this.remaining === 0) this.state = State.ChunkSize;
          break;
        }
        case State.UntilClose: {
          const take = buf.length - pos;
          this.keep(buf, pos, take);
          this.bytes += take;
          pos = buf.length;
          break;
        }
      }
    }
  }

  /** The peer closed. A response framed "until close" ends here; any other partial one is lost. */
  finish(): boolean {
    if (this.state === State.UntilClose) {
      this.complete();
      return true;
    }
    return false;
  }

  reset(): void {
    this.state = State.Head;
    this.head = undefined;
    this.lineBuf = '';
    this.bodyParts = undefined;
    this.bodyLen = 0;
    this.bytes = 0;
  }

  private parseHead(buf: Buffer, start: number, end: number): void {
    // Status line: "HTTP/1.x SSS reason"
    if (end - start < 12 || buf[start] !== 72 /* H */ || buf[start + 4] !== 47 /* / */ || buf[start + 5] !== 49 /* 1 */) {
      throw new ParseError('response does not start with an HTTP/1.x status line');
    }
    const d0 = buf[start + 9]! - 48;
    const d1 = buf[start + 10]! - 48;
    const d2 = buf[start + 11]! - 48;
    if (d0 < 1 || d0 > 5 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || buf[start + 8] !== 32) throw new ParseError('invalid status code');
    const status = d0 * 100 + d1 * 10 + d2;
    // HTTP/1.0 defaults to close.
    let keepAlive = buf[start + 7] === 49;
    let contentLength = -1;
    let chunked = false;
    let location: string | undefined;

    let lineStart = buf.indexOf(10, start) + 1;
    while (lineStart < end + 2) {
      let lineEnd = buf.indexOf(10, lineStart);
      if (lineEnd === -1 || lineEnd > end + 2) lineEnd = end + 2;
      const first = buf[lineStart]! | 0x20;
      if (first === 99 /* c */) {
        if (matchName(buf, lineStart, 'content-length:')) {
          contentLength = parseDecimal(buf, lineStart + 15, lineEnd);
          if (contentLength < 0) throw new ParseError('invalid Content-Length');
        } else if (matchName(buf, lineStart, 'connection:')) {
          // Byte scans, not toString(): this runs once per response in the hot loop.
          if (containsToken(buf, lineStart + 11, lineEnd, 'close')) keepAlive = false;
          else if (containsToken(buf, lineStart + 11, lineEnd, 'keep-alive')) keepAlive = true;
        }
      } else if (first === 116 /* t */ && matchName(buf, lineStart, 'transfer-encoding:')) {
        chunked = containsToken(buf, lineStart + 18, lineEnd, 'chunked');
      } else if (first === 108 /* l */ && status >= 300 && status < 400 && matchName(buf, lineStart, 'location:')) {
        location = buf.toString('latin1', lineStart + 9, lineEnd).trim();
      }
      lineStart = lineEnd + 1;
    }

    if (status < 200) {
      // 1xx interim response (100 Continue, 103 Early Hints): the real one follows.
      this.state = State.Head;
      return;
    }
    this.status = status;
    this.keepAlive = keepAlive;
    if (this.keepBody) this.headText = buf.toString('latin1', start, end);
    this.location = location;
    if (this.expectNoBody || status === 204 || status === 304) {
      this.complete();
    } else if (chunked) {
      this.state = State.ChunkSize;
    } else if (contentLength >= 0) {
      if (contentLength === 0) this.complete();
      else {
        this.state = State.Body;
        this.remaining = contentLength;
      }
    } else {
      this.state = State.UntilClose;
      this.keepAlive = false;
    }
  }

  private onChunkSizeLine(line: string): void {
    let size = 0;
    let digits = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (v === -1) break;
      size = size * 16 + v;
      if (++digits > 12) throw new ParseError('chunk size too large');
    }
    if (digits === 0) throw new ParseError('invalid chunk size line');
    if (size === 0) this.state = State.Trailers;
    else {
      this.state = State.ChunkData;
      this.remaining = size;
    }
  }

  /** Take up to `remaining` body bytes from buf at pos; returns the new position. */
  private consume(buf: Buffer, pos: number): number {
    const take = Math.min(this.remaining, buf.length - pos);
    this.keep(buf, pos, take);
    this.remaining -= take;
    this.bytes += take;
    return pos + take;
  }

  private appendLine(buf: Buffer, from: number, to: number): void {
    if (this.lineBuf.length + (to - from) > MAX_HEAD) throw new ParseError('chunk size or trailer line too long');
    this.lineBuf += buf.toString('latin1', from, to);
  }

  private keep(buf: Buffer, pos: number, len: number): void {
    if (this.bodySink !== undefined && len > 0 && this.status < 300) this.bodySink(buf, pos, pos + len);
    if (!this.keepBody || len === 0) return;
    if (this.bodyLen + len > MAX_KEPT_BODY) return; // keep the first 16 MiB; the rest is counted only
    (this.bodyParts ??= []).push(Buffer.from(buf.subarray(pos, pos + len)));
    this.bodyLen += len;
  }

  private complete(): void {
    const res: ParsedResponse = { status: this.status, bytes: this.bytes, keepAlive: this.keepAlive };
    if (this.location !== undefined) res.location = this.location;
    if (this.keepBody) {
      res.body = this.bodyParts ? (this.bodyParts.length === 1 ? this.bodyParts[0]! : Buffer.concat(this.bodyParts)) : EMPTY;
      res.head = this.headText;
    }
    this.state = State.Head;
    this.bytes = 0;
    this.bodyParts = undefined;
    this.bodyLen = 0;
    this.onResponse(res);
  }
}

function matchName(buf: Buffer, at: number, lowerName: string): boolean {
  for (let i = 0; i < lowerName.length; i++) {
    const c = buf[at + i];
    if (c === undefined || (c | 0x20) !== lowerName.charCodeAt(i)) {
      // ':' | 0x20 is ':' (58), so the colon compares exactly.
      return false;
    }
  }
  return true;
}

/** Case-insensitive search for a lower-case ASCII word in buf[from, to). */
function containsToken(buf: Buffer, from: number, to: number, word: string): boolean {
  const last = to - word.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < word.length; j++) {
      if ((buf[i + j]! | 0x20) !== word.charCodeAt(j)) continue outer;
    }
    return true;
  }
  return false;
}

function parseDecimal(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === 32 || c === 9 || c === 13) {
      if (digits > 0) break;
      continue;
    }
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
    if (++digits > 15) return -1;
  }
  return digits === 0 ? -1 : n;
}
