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

export function createMatcher(rules: readonly SecretRule[]): Matcher {
  const keywords = new KeywordIndex(rules);
  const regexes = rules.map((r) => new RegExp(r.regex.source, r.regex.flags));

  return {
    rules,
    find(text, from = 0, to = text.length) {
      const candidates = keywords.candidates(text);
      if (candidates.length === 0) return [];
      const out: RawMatch[] = [];
      const taken = new Set<number>();
      for (const i of candidates) {
        const rule = rules[i]!;
        const re = regexes[i]!;
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          if (m[0].length === 0) re.lastIndex++;
          const secret = firstGroup(m);
          if (secret === undefined) continue;
          const at = m.index + Math.max(0, m[0].indexOf(secret));
          if (at < from || at >= to || taken.has(at)) continue;
          if (!passesGates(rule, secret)) continue;
          taken.add(at);
          out.push({ rule, secret, index: at });
        }
      }
      return out.sort((a, b) => a.index - b.index);
    },
  };
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
  }

  /** Indices of the rules whose keywords occur in text, ascending (rule order decides ties). */
  candidates(text: string): number[] {
    const seen = new Uint8Array(this.ruleCount);
    const found: number[] = [];
    const g = this.goto;
    const out = this.out;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = g[(s << 7) + FOLD[text.charCodeAt(i) & 255]!]!;
      const o = out[s]!;
      if (o.length === 0) continue;
      for (const ri of o) {
        if (seen[ri] === 0) {
          seen[ri] = 1;
          found.push(ri);
        }
      }
      if (found.length === this.ruleCount) break;
    }
    return found.sort((a, b) => a - b);
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

