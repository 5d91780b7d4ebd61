import type { Finding } from '../core/result.js';
import type { Glossary } from './glossary.js';
import type { InlineCode } from './model.js';
import { docFinding, type DocRuleId } from './rules.js';

/**
 * Terminology against a glossary: banned terms, listed variants of a preferred term, names in their one
 * right case. Only prose is read: the inline text of each block (headings, paragraphs, list items, table
 * cells, link text) with code spans, URLs, link targets, e-mail addresses and HTML tags blanked out first.
 * Fenced and indented code never reaches here. Matching is whole-word and Unicode-aware.
 */

type Kind = 'banned' | 'variant' | 'casing';
interface Entry {
  kind: Kind;
  rule: DocRuleId;
  /** The glossary's own spelling of what is matched (the banned term, the variant, the cased name). */
  term: string;
  preferred?: string;
  reason?: string;
}

export interface TermMatcher {
  /** How many glossary entries (terms, banned, casing) are checked. */
  size: number;
  check(file: string, texts: readonly InlineCode[]): Finding[];
}

const RULE: Record<Kind, DocRuleId> = { banned: 'docs.term-banned', variant: 'docs.term-variant', casing: 'docs.term-casing' };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Lower-cased, NFC, single spaces: the key a match and a glossary entry share. */
const keyOf = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

// A word character is a letter, digit, combining mark or `_`. Before a term there must be none (nor a `/`, `@` or
// `.` that would make it part of a path, address or domain); after it none, nor `.`/`/`/`@` followed by more word.
const BEFORE = '(?<![\\p{L}\\p{N}\\p{M}_@/.\\\\])';
const AFTER = '(?![\\p{L}\\p{N}\\p{M}_]|[./@\\\\][\\p{L}\\p{N}])';

/** One alternation per kind, longest first, so "sign-in page" wins over "sign-in". */
function alternation(terms: readonly string[]): RegExp | undefined {
  if (terms.length === 0) return undefined;
  const parts = [...new Set(terms.map((t) => t.normalize('NFC')))].sort((a, b) => b.length - a.length).map((t) => escape(t).replace(/\s+/g, '\\s+'));
  return new RegExp(`${BEFORE}(?:${parts.join('|')})${AFTER}`, 'giu');
}

// Blanked out (same length, newlines kept) so offsets still give the right line.
const NOT_PROSE = [
  /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, // code spans
  /\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g, // link and image destinations
  /\]\[[^\]\n]*\]/g, // reference labels
  /<[a-z][a-z0-9+.-]*:[^<>\s]*>/gi, // autolinks
  /<\/?[a-z][^<>]*>/gi, // HTML tags and their attributes
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()[\]]+/gi, // bare URLs
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, // e-mail addresses
];

export function prose(text: string): string {
  let out = text.normalize('NFC');
  for (const re of NOT_PROSE) out = out.replace(re, (m) => m.replace(/[^\n]/g, ' '));
  return out;
}

export function termMatcher(glossary: Glossary): TermMatcher {
  const byKind: Record<Kind, Map<string, Entry>> = { banned: new Map(), variant: new Map(), casing: new Map() };
  const add = (e: Omit<Entry, 'rule'>) => {
    const map = byKind[e.kind];
    if (!map.has(keyOf(e.term))) map.set(keyOf(e.term), { ...e, rule: RULE[e.kind] });
  };
  for (const b of glossary.banned ?? []) add({ kind: 'banned', term: b.term, preferred: b.replacement, reason: b.reason });
  for (const t of glossary.terms ?? []) for (const v of t.variants) add({ kind: 'variant', term: v, preferred: t.preferred });
  for (const c of glossary.casing ?? []) add({ kind: 'casing', term: c.normalize('NFC'), preferred: c.normalize('NFC') });
  // Banned first, then variants, then casing: a stretch of text already reported is not reported again.
  const passes = (['banned', 'variant', 'casing'] as const).map((kind) => ({ kind, re: alternation([...byKind[kind].values()].map((e) => e.term)) }));
  const size = (glossary.banned?.length ?? 0) + (glossary.terms?.length ?? 0) + (glossary.casing?.length ?? 0);

  return {
    size,
    check(file, texts) {
      const out: Finding[] = [];
      const seen = new Set<string>();
      for (const t of texts) {
        const text = prose(t.text);
        const taken: [number, number][] = [];
        for (const { kind, re } of passes) {
          if (!re) continue;
          for (const m of text.matchAll(re)) {
            const found = m[0];
            const start = m.index;
            const end = start + found.length;
            if (taken.some(([a, b]) => start < b && end > a)) continue;
            const entry = byKind[kind].get(keyOf(found))!;
            if (kind === 'casing' && found === entry.term) continue;
            taken.push([start, end]);
            let line = t.line;
            for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
            // One finding per glossary entry per line, however often the line repeats it.
            const once = `${entry.rule}\0${keyOf(entry.term)}\0${line}`;
            if (seen.has(once)) continue;
            seen.add(once);
            out.push(docFinding(entry.rule, file, line, message(entry, found.replace(/\s+/g, ' ')), keyOf(found)));
          }
        }
      }
      return out;
    },
  };
}

function message(e: Entry, found: string): string {
  if (e.kind === 'banned') return `"${found}" is banned${e.preferred ? `: use "${e.preferred}"` : ''}${e.reason ? ` (${e.reason})` : ''}`;
  if (e.kind === 'variant') return `"${found}": the glossary prefers "${e.preferred}"`;
  return `"${found}": write "${e.preferred}"`;
}
