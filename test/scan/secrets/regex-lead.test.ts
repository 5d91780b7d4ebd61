import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { buildTables } from '../../../src/scan/secrets/matcher-tables.js';
import { keywordLead } from '../../../src/scan/secrets/regex-lead.js';
import { maxMatchLength } from '../../../src/scan/secrets/regex-length.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

const lead = (re: RegExp, keywords: string[]) => keywordLead(re.source, re.flags, keywords);

describe('keyword lead: how far into a match its first keyword ends (regex-lead.ts)', () => {
  it('is the keyword run where a match begins with it, across alternatives, cases and escapes', () => {
    expect(lead(/(?:[tT][oO][kK][eE][nN])[A-Za-z0-9_.-]{0,20}=(\w{20,200})/, ['token'])).toBe(5);
    // The longest way to the keyword over the alternatives: "refresh" + "_" + "token".
    expect(lead(/(?<!public)(?:[aA][uU][tT][hH][_.-]?[tT][oO][kK][eE][nN]|[rR][eE][fF][rR][eE][sS][hH][_.-]?[tT][oO][kK][eE][nN]|[tT][oO][kK][eE][nN])=x/, ['token'])).toBe(13);
    // An escaped dot is a literal; a top-level alternative needs a lead of its own.
    expect(lead(/(?<![\w])(hvs\.[\w-]{90,120})|(?:vault|token)\s*=\s*(s\.\w{24})/, ['hvs.', 'vault', 'token'])).toBe(5);
    // Text before the keyword counts at its longest; a keyword after a fixed prefix ends after it.
    expect(lead(/[A-Za-z]{1,10}_secret=(\w+)/, ['secret'])).toBe(17);
    expect(lead(/ab{2}c/, ['bbc'])).toBe(4);
    expect(lead(/\x41PI_key/, ['api_key'])).toBe(7);
    expect(lead(/tok[eE]n/, ['token'])).toBe(5);
    expect(lead(/tok[e]n/, ['token'])).toBe(5);
    // Lookarounds hold no text of the match: a keyword there does not count, nor do they break a run.
    expect(lead(/(?<=token)=(\w+)/, ['token'])).toBe(Infinity);
    expect(lead(/to(?=k)ken/, ['token'])).toBe(5);
  });

  it('gives no lead (the full reach stays) where a match need not spell a keyword out', () => {
    expect(lead(/(?:token)?=(\w+)/, ['token'])).toBe(Infinity); // optional
    expect(lead(/(?:tok)(?:en)=(\w+)/, ['token'])).toBe(Infinity); // spread over groups
    expect(lead(/\w+token=(\w+)/, ['token'])).toBe(Infinity); // unbounded before it
    expect(lead(/to[a-k]en/, ['token'])).toBe(Infinity); // a range
    expect(lead(/to[^x]en/, ['token'])).toBe(Infinity); // negated
    expect(lead(/token(x)\1/, ['token'])).toBe(5); // a back-reference after the keyword does not matter
    expect(lead(/(\w)\1token/, ['token'])).toBe(Infinity); // before it, its length is unknown
    expect(lead(/tok.n/, ['token'])).toBe(Infinity);
    expect(lead(/(?<token>x)\k<token>/, ['token'])).toBe(Infinity); // a named back-reference spells no text
    expect(lead(/[\b]token/, ['btoken'])).toBe(Infinity); // [\b] is a backspace, not a "b"
    expect(keywordLead('[\\-]token', '', ['-token'])).toBe(6);
    expect(lead(/\u212Aey=(\w+)/, ['key'])).toBe(Infinity); // the Kelvin sign folds to "k" in JS, not in the keyword pass
    expect(keywordLead('token=(\\w+)', 'v', ['token'])).toBe(Infinity); // v-flag classes are not parsed
    expect(lead(/token=(\w+)/, [])).toBe(Infinity);
    expect(keywordLead('(?:token=(\\w+)', '', ['token'])).toBe(Infinity); // unparseable
    expect(keywordLead('token)=', '', ['token'])).toBe(Infinity);
  });

  it('is sound on every built-in rule: each match of its samples holds a keyword ending within the lead of its start', () => {
    let checked = 0;
    for (const r of SECRET_RULES) {
      const l = keywordLead(r.regex.source, r.regex.flags, r.keywords);
      if (l === Infinity) continue;
      for (const text of [...r.samples.tp, ...r.samples.fp].map((s) => expandSample(s))) {
        const re = new RegExp(r.regex.source, r.regex.flags.includes('g') ? r.regex.flags : `${r.regex.flags}g`);
        for (const m of text.matchAll(re)) {
          const head = text.slice(m.index, m.index + l).toLowerCase();
          expect(r.keywords.some((k) => head.includes(k)), `${r.id} lead ${l}: ${m[0].slice(0, 80)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('narrows most built-in rules, and a matcher with it finds exactly what one with the full length finds', () => {
    const tight = buildTables(SECRET_RULES);
    const full = { ...tight, back: Int32Array.from(SECRET_RULES, (r) => Math.min(1024, maxMatchLength(r.regex.source))) };
    const narrowed = SECRET_RULES.filter((_, i) => tight.back[i]! < full.back[i]!).length;
    expect(narrowed).toBeGreaterThan(SECRET_RULES.length / 2);
    const a = createMatcher(SECRET_RULES, tight);
    const b = createMatcher(SECRET_RULES, full);
    const samples = SECRET_RULES.flatMap((r) => [...r.samples.tp, ...r.samples.fp].map((s) => expandSample(s)));
    // Real files by others with samples planted between their lines, and the samples joined.
    const dir = path.resolve('node_modules/undici/lib/dispatcher');
    const texts = readdirSync(dir).map((f, i) => readFileSync(path.join(dir, f), 'latin1').split('\n').map((line, j) => (j % 40 === 7 ? `${line}\n${samples[(i * 31 + j) % samples.length]}` : line)).join('\n'));
    texts.push(samples.join('\n'), samples.join(' '));
    let found = 0;
    for (const text of texts) {
      const got = a.find(text);
      expect(got).toEqual(b.find(text));
      found += got.length;
    }
    expect(found).toBeGreaterThan(SECRET_RULES.length);
  });
});
