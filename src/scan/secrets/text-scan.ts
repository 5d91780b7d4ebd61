import { checkInlineAllow, type AllowDecision } from '../inline-allow.js';
import { isProbablyBinary } from '../walk.js';
import { findDecoded, lastNewline, MAX_DEPTH, mergeDecoded, type Decoding } from './decode.js';
import type { Matcher, RawMatch } from './matcher.js';
import type { SecretRule } from './rule.js';

/**
 * Scans text that arrives in chunks (a file, stdin) in bounded memory: windows of about WINDOW bytes that end on a
 * line break, each accepting only matches that start before its last OVERLAP bytes, which the next window scans
 * again with the text that follows. A secret up to OVERLAP long (PEM blocks included) is never cut in two, and
 * memory stays near WINDOW + OVERLAP whatever the size of the input. Text is decoded as latin1: one char per byte,
 * no UTF-8 cost, and every secret format we look for is ASCII.
 */
export const WINDOW = 1 << 20;
export const OVERLAP = 64 << 10;

export interface TextHit {
  rule: SecretRule;
  secret: string;
  /** 1-based line of the secret's first character. */
  line: number;
  allow: AllowDecision;
  /** Set when the secret was found in a decoded value (decode.ts), not in the text as written. */
  decoded?: Decoding;
}

export interface TextScanOptions {
  today: string;
  /** Map a line of this text to the line the user should see (git diffs scan only added lines). */
  lineMap?: (line: number) => number;
  /** Look up a real line for allow comments when lineMap is given (context lines of a diff). */
  lineText?: (realLine: number) => string | undefined;
  /** Decode base64 / URL-encoded values and escaped JSON strings and scan them too (default true). */
  decode?: boolean;
}

/** A binary input keeps its first chunk, enough to recognise a PKCS#12 key store (pkcs12.ts). */
export type TextScanResult = { binary: true; head: Uint8Array } | { binary: false; hits: TextHit[]; bytes: number };

export async function scanChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, matcher: Matcher, opts: TextScanOptions): Promise<TextScanResult> {
  const hits: TextHit[] = [];
  // Chunks gathered until a window's worth, then joined once (joining per chunk would copy the carry each time).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let carryLine = 1;
  let prevLine: string | undefined; // the line just before the current window, for allow comments
  let first = true;
  let bytes = 0;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      if (isProbablyBinary(chunk)) return { binary: true, head: chunk };
      first = false;
    }
    bytes += chunk.length;
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.length;
    if (pendingBytes < WINDOW + OVERLAP) continue;
    const carry = Buffer.concat(pending, pendingBytes);
    const limit = carry.length - OVERLAP;
    const nl = lastNewline(carry, limit - 1);
    const acceptEnd = nl > 0 ? nl + 1 : limit;
    scanWindow(carry, acceptEnd, carryLine, prevLine, matcher, opts, hits);
    prevLine = carry.toString('latin1', lastNewline(carry, acceptEnd - 2) + 1, acceptEnd - 1);
    carryLine += countNewlines(carry, 0, acceptEnd);
    pending = [carry.subarray(acceptEnd)];
    pendingBytes = carry.length - acceptEnd;
  }
  if (pendingBytes > 0) {
    const carry = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    scanWindow(carry, carry.length, carryLine, prevLine, matcher, opts, hits);
  }
  return { binary: false, hits, bytes };
}

/**
 * A whole input in memory, synchronously: one window when it fits (no copy), else the same windows as a file read
 * window by window (scanWindowed). `bytes` is not kept (callers reuse their buffer), so a binary input's head is copied.
 */
export function scanBytes(bytes: Uint8Array, matcher: Matcher, opts: TextScanOptions): TextScanResult {
  if (bytes.length > 0 && isProbablyBinary(bytes)) return { binary: true, head: Uint8Array.prototype.slice.call(bytes, 0, Math.min(bytes.length, 1 << 20)) };
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (all.length >= WINDOW + OVERLAP) {
    let pos = 0;
    return scanWindowed((into, at) => {
      const n = all.copy(into, at, pos, Math.min(all.length, pos + into.length - at));
      pos += n;
      return n;
    }, matcher, opts);
  }
  const hits: TextHit[] = [];
  scanWindow(all, all.length, 1, undefined, matcher, opts, hits);
  return { binary: false, hits, bytes: bytes.length };
}

/** The one buffer scanWindowed reads into, kept across inputs. */
let windowBuffer: Buffer | undefined;

/**
 * An input bigger than a window, synchronously, in the windows scanChunks cuts, read into one buffer kept across
 * inputs: a buffer of its own per big file costs a page fault per 4 KB (a third of the system time on a source
 * tree). `read(into, at)` fills `into` from `at` and returns how many bytes it read, 0 at the end.
 */
export function scanWindowed(read: (into: Buffer, at: number) => number, matcher: Matcher, opts: TextScanOptions): TextScanResult {
  const buf = (windowBuffer ??= Buffer.allocUnsafe(WINDOW + OVERLAP));
  const hits: TextHit[] = [];
  let filled = 0;
  let bytes = 0;
  let line = 1;
  let prevLine: string | undefined;
  for (let first = true; ; first = false) {
    for (let r = 1; filled < buf.length && r > 0; filled += r, bytes += r) r = read(buf, filled);
    if (first && filled > 0 && isProbablyBinary(buf.subarray(0, filled))) return { binary: true, head: Uint8Array.prototype.slice.call(buf, 0, filled) };
    if (filled < buf.length) {
      scanWindow(buf.subarray(0, filled), filled, line, prevLine, matcher, opts, hits);
      return { binary: false, hits, bytes };
    }
    const nl = buf.lastIndexOf(10, WINDOW - 1);
    const acceptEnd = nl > 0 ? nl + 1 : WINDOW;
    scanWindow(buf, acceptEnd, line, prevLine, matcher, opts, hits);
    prevLine = buf.toString('latin1', lastNewline(buf, acceptEnd - 2) + 1, acceptEnd - 1);
    line += countNewlines(buf, 0, acceptEnd);
    buf.copyWithin(0, acceptEnd, filled);
    filled -= acceptEnd;
  }
}

/** One string scanned at once (a git diff record, already bounded in size by its producer; latin1, as git's output is read). */
export function scanString(text: string, matcher: Matcher, opts: TextScanOptions): TextHit[] {
  const hits: TextHit[] = [];
  scanWindow(Buffer.from(text, 'latin1'), text.length, 1, undefined, matcher, opts, hits);
  return hits;
}

/** `src`: the window's latin1 bytes; lines and matches are read from them, strings made only where needed. */
function scanWindow(src: Buffer, acceptEnd: number, firstLine: number, prevLine: string | undefined, matcher: Matcher, opts: TextScanOptions, out: TextHit[]): void {
  // The keyword pass also finds decoding's base64 candidates (one pass over the bytes, not two).
  const b64 = opts.decode !== false ? [] : undefined;
  let found: (RawMatch & { decoded?: Decoding })[] = matcher.findInBytes(src, 0, acceptEnd, b64);
  if (b64) found = mergeDecoded(src, found, findDecoded(src, 0, acceptEnd, matcher, MAX_DEPTH, b64));
  let pos = 0;
  let line = firstLine;
  for (const m of found) {
    line += countNewlines(src, pos, m.index);
    pos = m.index;
    const start = lastNewline(src, m.index - 1) + 1;
    const end = src.indexOf(10, m.index);
    const own = src.toString('latin1', start, end === -1 ? src.length : end);
    const before = start === 0 ? prevLine : src.toString('latin1', lastNewline(src, start - 2) + 1, start - 1);
    const real = opts.lineMap ? opts.lineMap(line) : line;
    const lineAt = opts.lineMap && opts.lineText ? opts.lineText : (n: number) => (n === real ? own : n === real - 1 ? before : undefined);
    out.push({ rule: m.rule, secret: m.secret, line: real, allow: checkInlineAllow(lineAt, real, m.rule.id, opts.today), ...(m.decoded ? { decoded: m.decoded } : {}) });
  }
}

function countNewlines(src: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = src.indexOf(10, from); i !== -1 && i < to; i = src.indexOf(10, i + 1)) n++;
  return n;
}
