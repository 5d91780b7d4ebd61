import { checkInlineAllow, type AllowDecision } from '../inline-allow.js';
import { isProbablyBinary } from '../walk.js';
import { findDecoded, MAX_DEPTH, mergeDecoded, type Decoding } from './decode.js';
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
  let carry = '';
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
    carry += Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (carry.length < WINDOW + OVERLAP) continue;
    const limit = carry.length - OVERLAP;
    const nl = carry.lastIndexOf('\n', limit - 1);
    const acceptEnd = nl > 0 ? nl + 1 : limit;
    scanWindow(carry, acceptEnd, carryLine, prevLine, matcher, opts, hits);
    const lastLineStart = carry.lastIndexOf('\n', acceptEnd - 2) + 1;
    prevLine = carry.slice(lastLineStart, acceptEnd - 1);
    carryLine += countNewlines(carry, 0, acceptEnd);
    carry = carry.slice(acceptEnd);
  }
  if (carry.length > 0) scanWindow(carry, carry.length, carryLine, prevLine, matcher, opts, hits);
  return { binary: false, hits, bytes };
}

/**
 * A whole input in memory, synchronously: the same windows as scanChunks, cut as slices of one flat string (views,
 * no copies; a stream's windows are concatenated strings V8 must copy again). `bytes` is not kept (callers reuse
 * their buffer), so a binary input's head is copied.
 */
export function scanBytes(bytes: Uint8Array, matcher: Matcher, opts: TextScanOptions): TextScanResult {
  if (bytes.length > 0 && isProbablyBinary(bytes)) return { binary: true, head: Uint8Array.prototype.slice.call(bytes, 0, Math.min(bytes.length, 1 << 20)) };
  const hits: TextHit[] = [];
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let pos = 0;
  let line = 1;
  let prevLine: string | undefined;
  while (text.length - pos >= WINDOW + OVERLAP) {
    const win = text.slice(pos, pos + WINDOW + OVERLAP);
    const nl = win.lastIndexOf('\n', WINDOW - 1);
    const acceptEnd = nl > 0 ? nl + 1 : WINDOW;
    scanWindow(win, acceptEnd, line, prevLine, matcher, opts, hits, bytes.subarray(pos, pos + win.length));
    prevLine = win.slice(win.lastIndexOf('\n', acceptEnd - 2) + 1, acceptEnd - 1);
    line += countNewlines(win, 0, acceptEnd);
    pos += acceptEnd;
  }
  scanWindow(pos === 0 ? text : text.slice(pos), text.length - pos, line, prevLine, matcher, opts, hits, bytes.subarray(pos));
  return { binary: false, hits, bytes: bytes.length };
}

/** One string scanned at once (a git diff record, already bounded in size by its producer). */
export function scanString(text: string, matcher: Matcher, opts: TextScanOptions): TextHit[] {
  const hits: TextHit[] = [];
  scanWindow(text, text.length, 1, undefined, matcher, opts, hits);
  return hits;
}

/** `bytes`: the window's latin1 bytes when at hand (the keyword pass reads them faster than the string). */
function scanWindow(text: string, acceptEnd: number, firstLine: number, prevLine: string | undefined, matcher: Matcher, opts: TextScanOptions, out: TextHit[], bytes?: Uint8Array): void {
  // The keyword pass also finds decoding's base64 candidates (one pass over the bytes, not two).
  const b64 = opts.decode !== false ? [] : undefined;
  let found: (RawMatch & { decoded?: Decoding })[] = matcher.find(text, 0, acceptEnd, bytes, b64);
  if (opts.decode !== false) found = mergeDecoded(text, found, findDecoded(text, 0, acceptEnd, matcher, MAX_DEPTH, b64));
  let pos = 0;
  let line = firstLine;
  for (const m of found) {
    line += countNewlines(text, pos, m.index);
    pos = m.index;
    const start = text.lastIndexOf('\n', m.index - 1) + 1;
    const end = text.indexOf('\n', m.index);
    const own = text.slice(start, end === -1 ? text.length : end);
    const before = start === 0 ? prevLine : text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1);
    const real = opts.lineMap ? opts.lineMap(line) : line;
    const lineAt = opts.lineMap && opts.lineText ? opts.lineText : (n: number) => (n === real ? own : n === real - 1 ? before : undefined);
    out.push({ rule: m.rule, secret: m.secret, line: real, allow: checkInlineAllow(lineAt, real, m.rule.id, opts.today), ...(m.decoded ? { decoded: m.decoded } : {}) });
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
