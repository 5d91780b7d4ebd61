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
  const byKeyword = new Map<string, number[]>();
  rules.forEach((r, i) => {
    for (const k of r.keywords) {
      const list = byKeyword.get(k) ?? [];
      list.push(i);
      byKeyword.set(k, list);
    }
  });
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
  // The alternation returns the longest keyword at a position; a shorter keyword inside it ("key" in "api_key")
  // must trigger its rules too.
  const triggers = new Map<string, number[]>();
  for (const k of keywords) {
    const set = new Set<number>();
    for (const [other, idx] of byKeyword) if (k.includes(other)) for (const i of idx) set.add(i);
    triggers.set(k, [...set]);
  }
  const keywordRe = new RegExp(keywords.map(escape).join('|'), 'gi');
  const regexes = rules.map((r) => new RegExp(r.regex.source, r.regex.flags));

  return {
    rules,
    find(text, from = 0, to = text.length) {
      const candidates = new Set<number>();
      keywordRe.lastIndex = 0;
      for (let m = keywordRe.exec(text); m !== null; m = keywordRe.exec(text)) {
        for (const i of triggers.get(m[0].toLowerCase()) ?? []) candidates.add(i);
        if (candidates.size === rules.length) break;
      }
      if (candidates.size === 0) return [];
      const out: RawMatch[] = [];
      const taken = new Set<number>();
      for (const i of [...candidates].sort((a, b) => a - b)) {
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

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
