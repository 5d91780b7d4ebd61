import { shannonEntropy } from './entropy.js';
import { KeywordIndex } from './keyword-index.js';
import { buildTables, prebuiltTables, type MatcherTables } from './matcher-tables.js';
import { looksLikePlaceholder } from './placeholder.js';
import type { SecretRule } from './rule.js';
import { deferredToVendor } from './vendor-names.js';

/**
 * The hot path, pure: which rules match where in a piece of text. One combined keyword regex finds the
 * candidate rules (most text never runs most rule regexes), then each candidate's regex runs, and every match goes
 * through the rule's gates (validate, entropy, placeholders).
 */
export interface RawMatch {
  rule: SecretRule;
  secret: string;
  /** Offset of the secret in the text. */
  index: number;
}

export interface Matcher {
  readonly rules: readonly SecretRule[];
  /**
   * `bytes`, when given, must be the text's latin1 bytes (one byte per character), else the keyword pass converts
   * the text. `b64`, when given, receives the base64 candidates decode.ts looks for, found in the same pass
   * (decodedViews' `b64` argument).
   */
  find(text: string, from?: number, to?: number, bytes?: Uint8Array, b64?: number[]): RawMatch[];
  /** The same over latin1 bytes (one byte per character), turning into strings only the parts a rule reads. */
  findInBytes(bytes: Buffer, from?: number, to?: number, b64?: number[]): RawMatch[];
  /** Where its keyword automaton and reach bounds came from: the build's table file or built at run time. */
  readonly tables: 'prebuilt' | 'built';
}

/**
 * A rule's regex runs only in windows around the occurrences of its keywords, not over whole files: every rule's
 * match contains one of its keywords, so a match that contains a keyword ending at offset k starts at or after
 * k - maxLen and ends before k + maxLen, where maxLen bounds the rule's match length (regex-length.ts). Rules
 * whose regex is unbounded reach 1,024 characters before a keyword and 4,096 (66,000 for multi-line rules such as
 * key blocks) after it (matcher-tables.ts). Windows closer than a rule's reach are merged, so dense keywords scan each character once.
 * Each window is scanned as a slice (a view, no copy) that starts CTX characters early so lookbehinds see the text
 * before it, with lastIndex at the window: exec on the whole text would run on to its end after a miss.
 */
const CTX = 64;

/** `given`: tables already derived from exactly these rules (tests); else the build's file if it fits, else built. */
export function createMatcher(rules: readonly SecretRule[], given?: MatcherTables): Matcher {
  const regexes = rules.map((r) => new RegExp(r.regex.source, r.regex.flags));
  const prebuilt = given ?? prebuiltTables(rules);
  const tables = prebuilt ?? buildTables(rules);
  const reach = tables.reach;
  const keywords = new KeywordIndex(tables, rules.length, tables.back, reach, Math.max(1, ...rules.flatMap((r) => r.keywords.map((k) => k.length))));
  const always = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []));
  const generic = rules.map((r) => r.id.startsWith('secrets.generic-'));

  /** The keyword pass's windows; rules without keywords (custom rules may have none) run over all the text. */
  function windowsOf(raw: Uint8Array, b64: number[] | undefined): (number[] | undefined)[] {
    const windows = keywords.windowsInBytes(raw, b64);
    for (const i of always) windows[i] = [0, raw.length];
    return windows;
  }

  /** Every window's matches, each window's text taken from `sliceOf` (a view of a string, or bytes converted there). */
  function matches(windows: (number[] | undefined)[], n: number, sliceOf: (s: number, e: number) => string, from: number, to: number): RawMatch[] {
    const out: RawMatch[] = [];
    const taken = new Set<number>();
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i];
      if (w === undefined) continue;
      const rule = rules[i]!;
      const re = regexes[i]!;
      for (let k = 0; k < w.length; k += 2) {
        const start = Math.max(0, w[k]!);
        const end = w[k + 1]!;
        const sliceStart = Math.max(0, start - CTX);
        const part = sliceOf(sliceStart, Math.min(n, end + reach[i]!));
        re.lastIndex = start - sliceStart;
        for (let m = re.exec(part); m !== null && m.index + sliceStart < end; m = re.exec(part)) {
          if (m[0].length === 0) re.lastIndex++;
          const secret = firstGroup(m);
          if (secret === undefined) continue;
          const at = sliceStart + m.index + Math.max(0, m[0].indexOf(secret));
          if (at < from || at >= to || taken.has(at)) continue;
          if (!passesGates(rule, secret)) continue;
          // A value under a vendor's name that nearly fits the vendor's format is that rule's to judge.
          if (generic[i] && deferredToVendor(part, m.index, secret)) continue;
          taken.add(at);
          out.push({ rule, secret, index: at });
        }
      }
    }
    return out.sort((a, b) => a.index - b.index);
  }

  return {
    rules,
    tables: prebuilt ? 'prebuilt' : 'built',
    find(text, from = 0, to = text.length, bytes, b64) {
      // A string's latin1 bytes hold the low byte of each character, as a keyword pass over its char codes would read.
      const raw = bytes !== undefined && bytes.length === text.length ? bytes : Buffer.from(text, 'latin1');
      const n = text.length;
      const windows = windowsOf(raw, b64);
      return matches(windows, n, (s, e) => (s === 0 && e === n ? text : text.slice(s, e)), from, to);
    },
    findInBytes(bytes, from = 0, to = bytes.length, b64) {
      const windows = windowsOf(bytes, b64);
      return matches(windows, bytes.length, regionSlicer(bytes, windows, reach), from, to);
    },
  };
}

/**
 * Slices of `bytes` as strings, converting only the regions some rule's window reads (its slice: CTX before the
 * window to its reach after), each region once: on source trees about 40 % of the bytes, in strings small enough
 * for V8's young generation, where converting whole files costs a fresh large allocation (page faults) per file.
 */
function regionSlicer(bytes: Buffer, windows: (number[] | undefined)[], reach: Int32Array): (s: number, e: number) => string {
  const n = bytes.length;
  const spans: number[][] = [];
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i];
    if (w !== undefined) for (let k = 0; k < w.length; k += 2) spans.push([Math.max(0, Math.max(0, w[k]!) - CTX), Math.min(n, w[k + 1]! + reach[i]!)]);
  }
  spans.sort((a, b) => a[0]! - b[0]!);
  // Merged regions: starts and ends ascending, so a slice finds its region by binary search on the starts.
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of spans) {
    if (ends.length > 0 && s! <= ends[ends.length - 1]!) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, e!);
    else {
      starts.push(s!);
      ends.push(e!);
    }
  }
  const texts: (string | undefined)[] = new Array<string | undefined>(starts.length);
  return (s, e) => {
    let lo = 0;
    for (let hi = starts.length - 1; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= s) lo = mid;
      else hi = mid - 1;
    }
    const rs = starts[lo]!;
    const text = (texts[lo] ??= bytes.toString('latin1', rs, ends[lo]!));
    return s === rs && e === ends[lo] ? text : text.slice(s - rs, e - rs);
  };
}

export function passesGates(rule: SecretRule, secret: string): boolean {
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
  if (looksLikePlaceholder(secret, rule.placeholders)) return false;
  if (rule.validate && !rule.validate(secret)) return false;
  return true;
}

function firstGroup(m: RegExpExecArray): string | undefined {
  if (m.length === 1) return m[0];
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return m[g];
  return undefined;
}

