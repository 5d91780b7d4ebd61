import { B64_CHAR, isBase64Start, QUAD_HEAD } from './keyword-index.js';
import type { Matcher, RawMatch } from './matcher.js';

/**
 * Secrets hidden one encoding away: a Kubernetes Secret's base64 `data:` values, a URL-encoded password, a
 * service-account JSON embedded as an escaped string. Each encoded value is decoded and put back in its line in
 * place of the encoded text (so `DB_PASSWORD: <base64>` becomes `DB_PASSWORD: <plain>` and the assignment rules
 * still see the name), and that line is scanned again. Bounded: values of 16 to 4096 characters, printable
 * results only, at most MAX_VIEWS decoded views per window, and decoded text is itself decoded once more at most.
 */
export type Decoding = 'base64' | 'url' | 'json-string';

export interface DecodedMatch extends RawMatch {
  decoded: Decoding;
  /** End of the encoded value (index is its start): a match found inside it as written was a match on the encoding. */
  end: number;
}

const MIN_B64 = 16;
const MAX_ENCODED = 4096;
const MAX_LINE = 64 << 10;
const MAX_VIEWS = 4096;
export const MAX_DEPTH = 2;

interface View {
  kind: Decoding;
  /** Offset of the encoded value in the scanned text: decoded matches are reported there. */
  at: number;
  /** Its end; equal to `at` for escaped JSON lines, whose matches as written stay valid. */
  atEnd: number;
  /** The line with the value decoded in place. */
  text: string;
  /** The decoded region of `text`: only matches starting inside it are new. */
  start: number;
  end: number;
}

/**
 * `src`: the text's latin1 bytes (one byte per character); only the parts around encoded values become strings.
 * `b64`: the base64 candidates the matcher's keyword pass found in these bytes (Matcher.find's `b64`).
 */
export function findDecoded(src: Buffer, from: number, to: number, matcher: Matcher, depth: number, b64: readonly number[]): DecodedMatch[] {
  const out: DecodedMatch[] = [];
  for (const v of decodedViews(src, from, to, b64)) {
    // A view's text is latin1 but for URL-decoded characters above U+00FF, which its bytes hold as their low byte: the
    // keyword pass reads them so anyway, and the matcher runs on the view's own string.
    const bytes = Buffer.from(v.text, 'latin1');
    const inner = depth > 1 ? [] : undefined;
    let found: RawMatch[] = matcher.find(v.text, 0, v.text.length, bytes, inner).filter((m) => m.index >= v.start && m.index < v.end);
    if (inner) found = mergeDecoded(bytes, found, findDecoded(bytes, v.start, v.end, matcher, depth - 1, inner));
    for (const m of found) out.push({ rule: m.rule, secret: m.secret, index: v.at, end: v.atEnd, decoded: v.kind });
  }
  return out;
}

/**
 * Matches as written plus decoded ones. A decoded match the same rule already found as written on the same line is
 * not repeated; a match as written inside an encoded value that decoded to a match was a match on the encoding
 * (a generic rule sees base64 as high-entropy text) and gives way to the decoded one. `src`: the text's bytes.
 */
export function mergeDecoded(src: Buffer, direct: RawMatch[], decoded: DecodedMatch[]): (RawMatch & { decoded?: Decoding })[] {
  if (decoded.length === 0) return direct;
  const lineOf = (i: number) => lastNewline(src, i - 1);
  const seen = new Set(direct.map((m) => `${m.rule.id}\0${lineOf(m.index)}\0${m.secret}`));
  const dropped = new Set<RawMatch>();
  const added: (RawMatch & { decoded: Decoding })[] = [];
  for (const d of decoded) {
    const key = `${d.rule.id}\0${lineOf(d.index)}\0${d.secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const m of direct) if (m.index >= d.index && m.index < d.end) dropped.add(m);
    added.push({ rule: d.rule, secret: d.secret, index: d.index, decoded: d.decoded });
  }
  return [...direct.filter((m) => !dropped.has(m)), ...added].sort((a, b) => a.index - b.index);
}

/** The offset of the last line break at or before `at` in `src`, -1 if none (String.lastIndexOf's sense of `at`). */
export function lastNewline(src: Buffer, at: number): number {
  if (at < 0) return src[0] === 10 ? 0 : -1;
  return src.lastIndexOf(10, at);
}

/**
 * A base64 value can start after `=`, `:`, `>` or a line break (assignments, YAML/JSON keys, XML elements, bare
 * lines), optionally quoted, at a character that can begin base64 of text: `[:=>\n][ \t]*["'`]?` then
 * `[CDI-Za-f][A-Za-z0-9+/_-]{15}`. The matcher's keyword pass finds these in its pass over the bytes (keyword-index.ts
 * base64After); anchoring on the operator keeps that cheap (every base64-looking run would halve the throughput:
 * identifiers and paths look like base64).
 *
 * `b64`: those starts in the bytes as [operator offset, value offset] pairs, from the keyword pass.
 */
function decodedViews(src: Buffer, from: number, to: number, b64: readonly number[]): View[] {
  const views: View[] = [];
  // The text's first line, like any other after a line break: a bare value on its own line.
  const first = from === 0 && to > 0 ? leadingBase64(src) : -1;
  // Candidates inside the previous value (before `resume`) are part of it, as when the regex resumes after it.
  let resume = first >= 0 ? base64View(src, 0, first, true, views) : from;
  for (let k = 0; k < b64.length && views.length < MAX_VIEWS; k += 2) {
    const at = b64[k]!;
    if (at >= to) break;
    if (at >= resume) resume = base64View(src, at, b64[k + 1]!, src[at] === 10, views);
  }
  let lastEnd = -1;
  for (let i = src.indexOf(0x25, from); i !== -1 && i < to && views.length < MAX_VIEWS; i = src.indexOf(0x25, i + 1)) {
    if (i < lastEnd || HEX[src[i + 1] ?? 0] !== 1 || HEX[src[i + 2] ?? 0] !== 1) continue;
    const s = tokenStart(src, i);
    const e = tokenEnd(src, i);
    lastEnd = e;
    if (e - s > MAX_ENCODED) continue;
    const plain = decodeUrlText(src.toString('latin1', s, e));
    if (plain !== undefined) views.push(inLine(src, 'url', s, e, plain));
  }
  // One view per line: the search resumes after the line's end, so a long line with many escaped quotes is not
  // searched back to its start once per quote (quadratic: 60 CPU s for a 1 MB line of 200,000 of them).
  for (let i = src.indexOf(ESCAPED_QUOTE, from); i !== -1 && i < to && views.length < MAX_VIEWS; ) {
    const s = src.lastIndexOf(10, i) + 1;
    const nl = src.indexOf(10, i);
    const e = nl === -1 ? src.length : nl;
    i = nl === -1 ? -1 : src.indexOf(ESCAPED_QUOTE, nl);
    if (e - s > MAX_LINE) continue;
    const plain = src.toString('latin1', s, e).replace(/\\(["\\/])/g, '$1');
    views.push({ kind: 'json-string', at: s, atEnd: s, text: plain, start: 0, end: plain.length });
  }
  return views;
}

const ESCAPED_QUOTE = Buffer.from('\\"', 'latin1');

/** Where a base64 value starts at the very beginning of the text (`^[ \t]*` then 16 base64 characters), else -1. */
function leadingBase64(src: Buffer): number {
  let j = 0;
  while (src[j] === 0x20 || src[j] === 0x09) j++;
  return isBase64Start(src, j) ? j : -1;
}

/**
 * The base64 value starting at `s` (its operator at `at`), decoded into a view when it is text; returns its end,
 * where the search for the next one resumes. A bare base64 line (a YAML block value, a wrapped blob) is the whole
 * line; a line of code is not decoded.
 */
function base64View(src: Buffer, at: number, s: number, bare: boolean, views: View[]): number {
  const n = src.length;
  let e = s;
  while (e < n && e - s <= MAX_ENCODED && B64_CHAR[src[e]!] === 1) e++;
  while (src[e] === 61 && e - s <= MAX_ENCODED + 2) e++; // '=' padding
  if (e - s > MAX_ENCODED || (e < n && B64_CHAR[src[e]!] === 1)) return e;
  if (bare && e < n && src[e] !== 10 && src[e] !== 13) return e;
  if (!quadHeads(src, s, e)) return e; // decodeBase64Text's first test, without making a string first
  const plain = decodeBase64Text(src.toString('latin1', s, e));
  if (plain !== undefined) views.push(inLine(src, 'base64', s, e, plain));
  return e;
}

/** Every 4th character of the value without its '=' padding is a QUAD_HEAD, and its length can be base64. */
function quadHeads(src: Buffer, s: number, e: number): boolean {
  while (e > s && src[e - 1] === 61) e--;
  if (e - s < MIN_B64 || (e - s) % 4 === 1) return false;
  for (let i = s; i < e; i += 4) if (QUAD_HEAD[src[i]!] !== 1) return false;
  return true;
}

/** The decoded value in its line, with at most CONTEXT characters of the line on each side. */
const CONTEXT = 512;
function inLine(src: Buffer, kind: Decoding, s: number, e: number, plain: string): View {
  // Line breaks looked for within CONTEXT only: a search to the line's ends would be quadratic on a long line.
  let ls = s;
  while (ls > 0 && s - ls < CONTEXT && src[ls - 1] !== 10) ls--;
  let le = e;
  while (le < src.length && le - e < CONTEXT && src[le] !== 10) le++;
  const before = src.toString('latin1', ls, s);
  return { kind, at: s, atEnd: e, text: before + plain + src.toString('latin1', e, le), start: before.length, end: before.length + plain.length };
}

export function decodeBase64Text(s: string): string | undefined {
  const body = s.replace(/=+$/, '');
  if (body.length < MIN_B64 || body.length % 4 === 1) return undefined;
  for (let i = 0; i < body.length; i += 4) if (QUAD_HEAD[body.charCodeAt(i)] !== 1) return undefined;
  const bytes = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return printable(bytes) ? bytes.toString('latin1') : undefined;
}

function decodeUrlText(s: string): string | undefined {
  let plain: string;
  try {
    plain = decodeURIComponent(s);
  } catch {
    return undefined;
  }
  if (plain === s) return undefined;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c === 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return undefined;
  }
  return plain;
}

/** Only text: tab, CR, LF and printable ASCII, at least 8 bytes. */
function printable(b: Buffer): boolean {
  if (b.length < 8) return false;
  for (const c of b) if (c > 0x7e || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return false;
  return true;
}

const HEX = new Uint8Array(256);
for (const c of '0123456789ABCDEFabcdef') HEX[c.charCodeAt(0)] = 1;

/** Characters that end a URL-encoded token: whitespace, quotes, angle brackets. */
const STOP = new Uint8Array(256);
for (const c of ' \t\n\r\v\f\u00a0"\'`<>') STOP[c.charCodeAt(0)] = 1;
function tokenStart(src: Buffer, i: number): number {
  let s = i;
  while (s > 0 && i - s < MAX_ENCODED && STOP[src[s - 1]!] !== 1) s--;
  return s;
}
function tokenEnd(src: Buffer, i: number): number {
  let e = i;
  while (e < src.length && e - i < MAX_ENCODED && STOP[src[e]!] !== 1) e++;
  return e;
}
