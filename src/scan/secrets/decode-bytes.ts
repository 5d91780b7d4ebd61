import { B64_CHAR, matchViews, MAX_DEPTH, MIN_B64, QUAD_HEAD, viewsOf, type B64Start, type Chars, type DecodedMatch } from './decode.js';
import type { Matcher } from './matcher.js';

/**
 * Decoding's search over latin1 bytes instead of a string of the whole input (the string conversion was about a
 * tenth of a directory scan): the same views as findDecoded, with only the few spans a view needs made strings.
 */
export function findDecodedInBytes(bytes: Buffer, from: number, to: number, matcher: Matcher): DecodedMatch[] {
  return matchViews(viewsOf(new ByteChars(bytes), from, to), matcher, MAX_DEPTH);
}

/** Bytes that B64_START's first character `[:=>\n]` accepts. */
const OPERATOR = new Uint8Array(256);
for (const c of ':=>\n') OPERATOR[c.charCodeAt(0)] = 1;
/** B64_CHAR and QUAD_HEAD over all 256 byte values. */
const BASE64 = new Uint8Array(256);
const HEAD = new Uint8Array(256);
BASE64.set(B64_CHAR);
HEAD.set(QUAD_HEAD);
/** The optional quote after the operator. */
const QUOTE = new Uint8Array(256);
for (const c of '"\'`') QUOTE[c.charCodeAt(0)] = 1;

/** Latin1 bytes read as Chars (a class for the same reason as StringChars in decode.ts). */
class ByteChars implements Chars {
  readonly length: number;
  constructor(private readonly b: Buffer) {
    this.length = b.length;
  }
  code(i: number): number {
    return this.b[i]!;
  }
  slice(s: number, e: number): string {
    return this.b.toString('latin1', s, e);
  }
  // A Buffer reads a negative offset from its end; a string search from a negative offset starts at 0.
  indexOf(needle: string, from: number): number {
    return this.b.indexOf(needle, Math.max(0, from), 'latin1');
  }
  lastLineFeed(i: number): number {
    return this.b.lastIndexOf(10, Math.max(0, i));
  }
  b64Start(from: number): B64Start | undefined {
    return b64StartInBytes(this.b, this.length, from);
  }
}

/**
 * B64_START (`[:=>\n][ \t]*["'`]?(?=<base64 head>)`) without the regex: its match is deterministic (the spaces
 * are taken whole, and a quote cannot begin the lookahead), so each operator byte is tried once. Every read stays
 * inside the buffer and the 256-entry tables: an out-of-bounds read deoptimizes the loop (five times slower than
 * the regex over a string).
 */
function b64StartInBytes(b: Buffer, n: number, from: number): B64Start | undefined {
  for (let k = Math.max(0, from); k < n; k++) {
    if (OPERATOR[b[k]!] !== 1) continue;
    let j = k + 1;
    while (j < n && (b[j] === 32 || b[j] === 9)) j++;
    if (j < n && QUOTE[b[j]!] === 1 && headAt(b, n, j + 1)) return [k, j + 1];
    if (headAt(b, n, j)) return [k, j];
  }
  return undefined;
}

/** b64Ahead on bytes. */
function headAt(b: Buffer, n: number, j: number): boolean {
  if (j + MIN_B64 > n || HEAD[b[j]!] !== 1) return false;
  for (let k = j + 1; k < j + MIN_B64; k++) if (BASE64[b[k]!] !== 1) return false;
  return true;
}
