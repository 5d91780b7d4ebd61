import { shannonEntropy } from './entropy.js';
import { looksLikePlaceholder } from './placeholder.js';
import type { SecretRule } from './rule.js';

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
  find(text: string, from?: number, to?: number): RawMatch[];
}

/**
 * Big texts are cut into blocks; a rule runs only over the blocks where one of its keywords occurs (plus BACK
 * characters before each run of blocks, for rules whose match starts a little before the keyword, such as a
 * connection string whose "Password=" comes after "Server=..."). Every rule's match contains one of its keywords.
 */
const BLOCK_BITS = 14;
const BACK = 1024;

export function createMatcher(rules: readonly SecretRule[]): Matcher {
  const keywords = new KeywordIndex(rules);
  const regexes = rules.map((r) => new RegExp(r.regex.source, r.regex.flags));
  // How far past its blocks a match may run: multi-line rules (key blocks, JSON documents) need room.
  const tails = rules.map((r) => (/\[\\s\\S\]|\\n/.test(r.regex.source) ? 66_000 : 4096));
  const SMALL = 2 << BLOCK_BITS;
  const always = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []));

  return {
    rules,
    find(text, from = 0, to = text.length) {
      const hits = keywords.candidates(text);
      // Rules without keywords (custom rules may have none) run over all the text.
      if (always.length > 0) {
        const all = Array.from({ length: (text.length >> BLOCK_BITS) + 1 }, (_, b) => b);
        for (const i of always) hits.set(i, all);
      }
      if (hits.size === 0) return [];
      const out: RawMatch[] = [];
      const taken = new Set<number>();
      for (const i of [...hits.keys()].sort((a, b) => a - b)) {
        const rule = rules[i]!;
        const re = regexes[i]!;
        const spans: [number, number][] = text.length <= SMALL ? [[0, text.length]] : ranges(hits.get(i)!);
        for (const [start, end] of spans) {
          // A slice is a view in V8 (no copy); exec on the whole text would run on to its end after a miss.
          const offset = text.length <= SMALL ? 0 : Math.max(0, start - BACK);
          const part = offset === 0 && end >= text.length ? text : text.slice(offset, Math.min(text.length, end + tails[i]!));
          re.lastIndex = 0;
          for (let m = re.exec(part); m !== null && m.index + offset < end; m = re.exec(part)) {
            if (m[0].length === 0) re.lastIndex++;
            const secret = firstGroup(m);
            if (secret === undefined) continue;
            const at = offset + m.index + Math.max(0, m[0].indexOf(secret));
            if (at < from || at >= to || taken.has(at)) continue;
            if (!passesGates(rule, secret)) continue;
            taken.add(at);
            out.push({ rule, secret, index: at });
          }
        }
      }
      return out.sort((a, b) => a.index - b.index);
    },
  };
}

/** Ascending block numbers -> [start, end) character ranges, adjacent blocks merged. */
function ranges(blocks: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (last && last[1] === b << BLOCK_BITS) last[1] = (b + 1) << BLOCK_BITS;
    else out.push([b << BLOCK_BITS, (b + 1) << BLOCK_BITS]);
  }
  return out;
}

/**
 * Aho-Corasick over all rules' keywords, case-insensitive, one pass over the text: every keyword occurrence
 * (overlapping ones too, so "key" inside "api_key" counts) marks its rules as candidates. A dense goto table
 * (128 columns per state, non-ASCII folded to column 0) keeps the inner loop to one table read per character.
 */
class KeywordIndex {
  private readonly goto: Int32Array;
  /** Rule indices whose keyword ends in each state (suffix keywords included); empty for most states. */
  private readonly out: number[][];
  /** 1 where out[state] is not empty: the inner loop reads a byte, not an array. */
  private readonly hasOut: Uint8Array;
  private readonly ruleCount: number;

  constructor(rules: readonly SecretRule[]) {
    this.ruleCount = rules.length;
    const rows: Int32Array[] = [new Int32Array(128).fill(-1)];
    const out: number[][] = [[]];
    rules.forEach((r, ri) => {
      for (const k of r.keywords) {
        let s = 0;
        for (let i = 0; i < k.length; i++) {
          const c = fold(k.charCodeAt(i));
          if (rows[s]![c] === -1) {
            rows[s]![c] = rows.length;
            rows.push(new Int32Array(128).fill(-1));
            out.push([]);
          }
          s = rows[s]![c]!;
        }
        if (!out[s]!.includes(ri)) out[s]!.push(ri);
      }
    });
    const fail = new Int32Array(rows.length);
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const s = rows[0]![c]!;
      if (s === -1) rows[0]![c] = 0;
      else queue.push(s);
    }
    for (let q = 0; q < queue.length; q++) {
      const r = queue[q]!;
      for (let c = 0; c < 128; c++) {
        const s = rows[r]![c]!;
        if (s === -1) rows[r]![c] = rows[fail[r]!]![c]!;
        else {
          queue.push(s);
          fail[s] = rows[fail[r]!]![c]!;
          for (const ri of out[fail[s]!]!) if (!out[s]!.includes(ri)) out[s]!.push(ri);
        }
      }
    }
    this.goto = new Int32Array(rows.length * 128);
    rows.forEach((row, i) => this.goto.set(row, i * 128));
    this.out = out;
    this.hasOut = Uint8Array.from(out, (o) => (o.length > 0 ? 1 : 0));
  }

  /** For each rule whose keywords occur in text: the blocks (ascending) they occur in. */
  candidates(text: string): Map<number, number[]> {
    const lastBlock = new Int32Array(this.ruleCount).fill(-1);
    const found = new Map<number, number[]>();
    const g = this.goto;
    const hasOut = this.hasOut;
    const fold = FOLD;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      s = g[(s << 7) + fold[text.charCodeAt(i) & 255]!]!;
      if (hasOut[s] === 0) continue;
      const block = i >> BLOCK_BITS;
      for (const ri of this.out[s]!) {
        if (lastBlock[ri] === block) continue;
        lastBlock[ri] = block;
        const list = found.get(ri);
        if (list) list.push(block);
        else found.set(ri, [block]);
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

