import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildKeywordAutomaton, type KeywordAutomaton } from './keyword-index.js';
import { keywordLead } from './regex-lead.js';
import { maxMatchLength } from './regex-length.js';
import type { SecretRule } from './rule.js';

/**
 * What the matcher derives from a rule set before it scans: per rule how far its match reaches around a keyword,
 * and the keyword automaton. Building them runs once per process before any of it is optimised (~40-70 ms of the
 * CLI's start-up), so the build writes them for the built-in rules to TABLE_FILE (scripts/build-secrets-table.mjs)
 * and a run loads that file when its fingerprint matches the rule set; any other rule set (custom rules from the
 * config, tests' single rules) is built at run time as before.
 */
export interface MatcherTables extends KeywordAutomaton {
  /** Per rule: how far before a keyword's end its match may start. */
  back: Int32Array;
  /** Per rule: how far after a keyword's end its match may end. */
  reach: Int32Array;
}

const BACK = 1024;
const TAIL = 4096;
const MULTILINE_TAIL = 66_000;
const MULTILINE = /\[\\s\\S\]|\\n/;

/** Next to the built matcher-tables.js; absent when running from the TypeScript sources. */
export const TABLE_FILE = new URL('./keyword-table.bin', import.meta.url);

export function buildTables(rules: readonly SecretRule[]): MatcherTables {
  const lengths = rules.map((r) => maxMatchLength(r.regex.source));
  // A match starts at most its keyword lead before the end of the first keyword it holds (regex-lead.ts).
  const back = Int32Array.from(lengths, (n, i) => Math.min(n, BACK, keywordLead(rules[i]!.regex.source, rules[i]!.regex.flags, rules[i]!.keywords)));
  const reach = Int32Array.from(rules, (r, i) => Math.min(lengths[i]!, MULTILINE.test(r.regex.source) ? MULTILINE_TAIL : TAIL));
  return { ...buildKeywordAutomaton(rules), back, reach };
}

/**
 * Names the rule set (keywords and regex sources in order) and the table format. The build rewrites the file on
 * every build, so the derivation code and its table never come from different builds; bump FORMAT when either changes.
 */
export function rulesFingerprint(rules: readonly SecretRule[]): string {
  const h = createHash('sha256');
  h.update(`${FORMAT} ${BACK} ${TAIL} ${MULTILINE_TAIL} ${MULTILINE.source}\n`);
  for (const r of rules) h.update(`${r.keywords.join('\u0000')}\u0001${r.regex.source}\u0001${r.regex.flags}\u0002`);
  return h.digest('hex');
}

/**
 * File layout, 32-bit little-endian words: MAGIC, FORMAT, rule count, state count, firstOut, firstOp, bytes per
 * goto entry (2 or 4), number of output rule indices; the 64-character hex fingerprint; back and reach per rule; per output
 * state the offset of its rule indices (one more for the end), the indices; the goto table.
 */
const MAGIC = 0x574b_4e47; // "GNKW"
const FORMAT = 3;
const HEADER_WORDS = 8;
const PRINT_BYTES = 64;

export function encodeTables(t: MatcherTables, fingerprint: string): Uint8Array {
  const rules = t.back.length;
  const states = t.goto.length >> 8;
  const outs = t.out.slice(t.firstOut);
  const flat = outs.flat();
  const words = HEADER_WORDS + PRINT_BYTES / 4 + 2 * rules + outs.length + 1 + flat.length;
  const bytes = new Uint8Array(words * 4 + t.goto.byteLength);
  const w = new Int32Array(bytes.buffer, 0, words);
  w.set([MAGIC, FORMAT, rules, states, t.firstOut, t.firstOp, t.goto.BYTES_PER_ELEMENT, flat.length]);
  bytes.set(Buffer.from(fingerprint.padEnd(PRINT_BYTES).slice(0, PRINT_BYTES), 'latin1'), HEADER_WORDS * 4);
  let at = HEADER_WORDS + PRINT_BYTES / 4;
  w.set(t.back, at);
  w.set(t.reach, (at += rules));
  at += rules;
  let offset = 0;
  for (const o of outs) {
    w[at++] = offset;
    offset += o.length;
  }
  w[at++] = offset;
  w.set(flat, at);
  bytes.set(new Uint8Array(t.goto.buffer, t.goto.byteOffset, t.goto.byteLength), words * 4);
  return bytes;
}

/** The tables in `file`, or undefined when they are not for this fingerprint (or not a table file of this build). */
export function decodeTables(file: Uint8Array, fingerprint: string): MatcherTables | undefined {
  // Typed-array views need aligned offsets: a small Buffer may sit at any offset of Node's pool.
  const bytes = file.byteOffset % 4 === 0 ? file : file.slice();
  if (bytes.length < (HEADER_WORDS + PRINT_BYTES / 4) * 4) return undefined;
  const head = new Int32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  const [magic, format, rules, states, firstOut, firstOp, entry, flatLength] = head as unknown as number[];
  if (magic !== MAGIC || format !== FORMAT || (entry !== 2 && entry !== 4)) return undefined;
  if (Buffer.from(bytes.buffer, bytes.byteOffset + HEADER_WORDS * 4, PRINT_BYTES).toString('latin1') !== fingerprint.padEnd(PRINT_BYTES)) return undefined;
  const outStates = states! - firstOut!;
  const words = HEADER_WORDS + PRINT_BYTES / 4 + 2 * rules! + outStates + 1 + flatLength!;
  if (bytes.length !== words * 4 + states! * 256 * entry!) return undefined;
  const w = new Int32Array(bytes.buffer, bytes.byteOffset, words);
  let at = HEADER_WORDS + PRINT_BYTES / 4;
  const back = w.slice(at, (at += rules!));
  const reach = w.slice(at, (at += rules!));
  const flatAt = at + outStates + 1;
  const out: number[][] = new Array<number[]>(states!);
  const none: number[] = [];
  for (let s = 0; s < firstOut!; s++) out[s] = none;
  for (let s = firstOut!; s < states!; s++) out[s] = Array.from(w.subarray(flatAt + w[at + s - firstOut!]!, flatAt + w[at + s - firstOut! + 1]!));
  const gotoAt = bytes.byteOffset + words * 4;
  const goto = entry === 2 ? new Uint16Array(bytes.buffer, gotoAt, states! << 8) : new Int32Array(bytes.buffer, gotoAt, states! << 8);
  return { goto, firstOut: firstOut!, firstOp: firstOp!, out, back, reach };
}

let tableFile: Uint8Array | null | undefined;

/** The prebuilt tables when the build wrote them for exactly this rule set, else undefined (build them then). */
export function prebuiltTables(rules: readonly SecretRule[]): MatcherTables | undefined {
  if (tableFile === undefined) {
    try {
      tableFile = readFileSync(TABLE_FILE);
    } catch {
      tableFile = null; // running from the sources, or a build without the table: built at run time
    }
  }
  return tableFile === null ? undefined : decodeTables(tableFile, rulesFingerprint(rules));
}
