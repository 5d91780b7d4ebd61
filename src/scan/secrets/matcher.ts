import { shannonEntropy } from './entropy.js';
import { looksLikePlaceholder } from './placeholder.js';
import { maxMatchLength } from './regex-length.js';
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
   * `bytes`, when given, must be the text's latin1 bytes (one byte per character): the keyword pass then reads
   * them instead of the string, about twice as fast per character.
   */
  find(text: string, from?: number, to?: number, bytes?: Uint8Array): RawMatch[];
}

/**
 * A rule's regex runs only in windows around the occurrences of its keywords, not over whole files: every rule's
 * match contains one of its keywords, so a match that contains a keyword ending at offset k starts at or after
 * k - maxLen and ends before k + maxLen, where maxLen bounds the rule's match length (regex-length.ts). Rules
 * whose regex is unbounded reach BACK characters before a keyword and TAIL (66,000 for multi-line rules such as
 * key blocks) after it. Windows closer than a rule's reach are merged, so dense keywords scan each character once.
 * Each window is scanned as a slice (a view, no copy) that starts CTX characters early so lookbehinds see the text
 * before it, with lastIndex at the window: exec on the whole text would run on to its end after a miss.
 */
const BACK = 1024;
const TAIL = 4096;
const MULTILINE_TAIL = 66_000;
const CTX = 64;

export function createMatcher(rules: readonly SecretRule[]): Matcher {
  const regexes = rules.map((r) => new RegExp(r.regex.source, r.regex.flags));
  const lengths = rules.map((r) => maxMatchLength(r.regex.source));
  const back = Int32Array.from(lengths, (n) => Math.min(n, BACK));
  const reach = Int32Array.from(rules, (r, i) => Math.min(lengths[i]!, /\[\\s\\S\]|\\n/.test(r.regex.source) ? MULTILINE_TAIL : TAIL));
  const keywords = new KeywordIndex(rules, back, reach);
  const always = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []));
  const generic = rules.map((r) => r.id.startsWith('secrets.generic-'));

  return {
    rules,
    find(text, from = 0, to = text.length, bytes) {
      const windows = bytes !== undefined && bytes.length === text.length ? keywords.windowsInBytes(bytes) : keywords.windows(text);
      // Rules without keywords (custom rules may have none) run over all the text.
      for (const i of always) windows[i] = [0, text.length];
      const out: RawMatch[] = [];
      const taken = new Set<number>();
      const n = text.length;
      for (let i = 0; i < windows.length; i++) {
        const w = windows[i];
        if (w === undefined) continue;
        const rule = rules[i]!;
        const re = regexes[i]!;
        for (let k = 0; k < w.length; k += 2) {
          const start = Math.max(0, w[k]!);
          const end = w[k + 1]!;
          const sliceStart = Math.max(0, start - CTX);
          const sliceEnd = Math.min(n, end + reach[i]!);
          const part = sliceStart === 0 && sliceEnd === n ? text : text.slice(sliceStart, sliceEnd);
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
    },
  };
}

/**
 * Aho-Corasick over all rules' keywords, case-insensitive, one pass over the text: every keyword occurrence
 * (overlapping ones too, so "key" inside "api_key" counts) marks its rules as candidates. A dense goto table
 * (256 columns per state; upper case folded to lower, non-ASCII to no keyword) keeps the inner loop to one table
 * read per character.
 */
class KeywordIndex {
  private readonly goto: Uint16Array | Int32Array;
  /** Rule indices whose keyword ends in each state (suffix keywords included); empty for most states. */
  private readonly out: number[][];
  /** States from this number on have a non-empty `out`. */
  private readonly firstOut: number;
  private readonly ruleCount: number;

  /** back/reach: per rule, how far before / after a keyword's end its match may start / end. */
  constructor(
    rules: readonly SecretRule[],
    private readonly back: Int32Array,
    private readonly reach: Int32Array,
  ) {
    this.ruleCount = rules.length;
    // The trie, with sparse edges: per state its [char, target] pairs.
    const edges: number[][] = [[]];
    const out: number[][] = [[]];
    rules.forEach((r, ri) => {
      for (const k of r.keywords) {
        let s = 0;
        for (let i = 0; i < k.length; i++) {
          const c = fold(k.charCodeAt(i));
          const e = edges[s]!;
          let t = -1;
          for (let j = 0; j < e.length; j += 2) if (e[j] === c) t = e[j + 1]!;
          if (t === -1) {
            t = edges.length;
            e.push(c, t);
            edges.push([]);
            out.push([]);
          }
          s = t;
        }
        if (!out[s]!.includes(ri)) out[s]!.push(ri);
      }
    });
    // Failure links breadth first (a state's failure state is shallower), walking the sparse edges.
    const n = edges.length;
    const fail = new Int32Array(n);
    const queue: number[] = [0];
    const step = (f: number, c: number): number => {
      for (;;) {
        const e = edges[f]!;
        for (let j = 0; j < e.length; j += 2) if (e[j] === c) return e[j + 1]!;
        if (f === 0) return 0;
        f = fail[f]!;
      }
    };
    for (let q = 0; q < queue.length; q++) {
      const r = queue[q]!;
      const e = edges[r]!;
      for (let j = 0; j < e.length; j += 2) {
        const s = e[j + 1]!;
        queue.push(s);
        fail[s] = r === 0 ? 0 : step(fail[r]!, e[j]!);
        for (const ri of out[fail[s]!]!) if (!out[s]!.includes(ri)) out[s]!.push(ri);
      }
    }
    // States renumbered so that those where a keyword ends come last: the inner loop tests `s < firstOut` instead
    // of reading a flag. The root stays 0. 256 columns, case folding built in: one table read per character.
    const id = new Int32Array(n);
    let next = 0;
    for (const s of queue) if (out[s]!.length === 0) id[s] = next++;
    this.firstOut = next;
    for (const s of queue) if (out[s]!.length > 0) id[s] = next++;
    this.goto = n < 0x10000 ? new Uint16Array(n << 8) : new Int32Array(n << 8);
    // In breadth-first order each row is its failure state's finished row (one native copy; the root's is all 0)
    // with its own edges written over it, upper case (FOLD) and non-ASCII (column 0, FOLD) included.
    const g = this.goto;
    for (const s of queue) {
      const base = id[s]! << 8;
      if (s !== 0) g.copyWithin(base, id[fail[s]!]! << 8, (id[fail[s]!]! << 8) + 256);
      const e = edges[s]!;
      for (let j = 0; j < e.length; j += 2) {
        const c = e[j]!;
        const t = id[e[j + 1]!]!;
        g[base + c] = t;
        if (c >= 97 && c <= 122) g[base + c - 32] = t;
        if (c === 0) g.fill(t, base + 128, base + 256);
      }
    }
    this.out = [];
    for (const s of queue) this.out[id[s]!] = out[s]!;
  }

  /**
   * One pass over the text; per rule (sparse array by rule index) the windows where its match may start, as flat
   * [start, end) pairs in ascending order, merged when closer than the rule's reach.
   */
  windows(text: string): (number[] | undefined)[] {
    const found: (number[] | undefined)[] = new Array<number[] | undefined>(this.ruleCount);
    const g = this.goto;
    const firstOut = this.firstOut;
    const back = this.back;
    const reach = this.reach;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      s = g[(s << 8) | (text.charCodeAt(i) & 255)]!;
      if (s < firstOut) continue;
      const end = i + 1;
      for (const ri of this.out[s]!) {
        const w = found[ri];
        const start = end - back[ri]!;
        if (w === undefined) found[ri] = [start, end];
        else if (start <= w[w.length - 1]! + reach[ri]!) w[w.length - 1] = end;
        else w.push(start, end);
      }
    }
    return found;
  }

  /** The same pass over latin1 bytes (same offsets): a typed array read instead of charCodeAt. */
  windowsInBytes(text: Uint8Array): (number[] | undefined)[] {
    const found: (number[] | undefined)[] = new Array<number[] | undefined>(this.ruleCount);
    const g = this.goto;
    const firstOut = this.firstOut;
    const back = this.back;
    const reach = this.reach;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      s = g[(s << 8) | text[i]!]!;
      if (s < firstOut) continue;
      const end = i + 1;
      for (const ri of this.out[s]!) {
        const w = found[ri];
        const start = end - back[ri]!;
        if (w === undefined) found[ri] = [start, end];
        else if (start <= w[w.length - 1]! + reach[ri]!) w[w.length - 1] = end;
        else w.push(start, end);
      }
    }
    return found;
  }
}

/** ASCII lower-case; anything outside ASCII folds to 0, which no keyword contains. */
const FOLD = new Uint8Array(256);
for (let c = 0; c < 256; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c < 128 ? c : 0;

function fold(c: number): number {
  return FOLD[c & 255]!;
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

