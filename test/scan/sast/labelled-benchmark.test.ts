import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { langOf } from '../../../src/scan/sast/parser.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * OWASP-Benchmark-style scoring over test/fixtures/sast/labelled: every file is a handler that is
 * truly vulnerable or a safe look-alike (label in the name). A case counts as detected when a rule
 * of its category fires; TPR and FPR are printed per language and per category.
 */
const ROOT = fileURLToPath(new URL('../../fixtures/sast/labelled/', import.meta.url));

const CATEGORY_RULES: Record<string, string[]> = {
  cmdi: ['sast.py-shell-injection', 'sast.py-os-system', 'sast.js-exec-injection', 'sast.js-spawn-shell'],
  sqli: ['sast.sql-injection'],
  pathtraver: ['sast.path-traversal'],
  xss: ['sast.reflected-xss', 'sast.dom-xss-inner-html', 'sast.document-write', 'sast.react-dangerous-html'],
  codeinj: ['sast.py-eval', 'sast.py-exec', 'sast.js-eval', 'sast.js-new-function', 'sast.js-vm'],
  deserialization: ['sast.py-pickle', 'sast.py-marshal', 'sast.py-yaml-load', 'sast.js-unsafe-deserialize'],
  redirect: ['sast.open-redirect'],
  ssrf: ['sast.ssrf'],
  xpathi: ['sast.xpath-injection'],
  ldapi: ['sast.ldap-injection'],
  trustbound: ['sast.trust-boundary'],
  xxe: ['sast.py-xml-untrusted', 'sast.xxe-entities-enabled'],
  hash: ['sast.weak-hash', 'sast.password-fast-hash'],
  weakrand: ['sast.insecure-random'],
  securecookie: ['sast.cookie-insecure'],
  proto: ['sast.prototype-pollution-merge', 'sast.prototype-pollution-assign'],
};

interface Score { tp: number; fn: number; fp: number; tn: number; misses: string[] }

async function score(lang: string): Promise<{ total: Score; byCat: Map<string, Score> }> {
  const dir = path.join(ROOT, lang);
  const total: Score = { tp: 0, fn: 0, fp: 0, tn: 0, misses: [] };
  const byCat = new Map<string, Score>();
  for (const name of readdirSync(dir).sort()) {
    const l = langOf(name);
    if (!l) continue;
    const m = /^([a-z]+)-\d+-.*(vulnerable|safe)\.\w+$/.exec(name);
    if (!m) throw new Error(`fixture ${name} does not follow <category>-<nn>-...-<vulnerable|safe>.<ext>`);
    const [, cat, label] = m as unknown as [string, string, string];
    const rules = CATEGORY_RULES[cat];
    if (!rules) throw new Error(`no rules mapped for category ${cat}`);
    const r = await scanSource(readFileSync(path.join(dir, name), 'utf8'), l, name, SAST_RULES);
    const hit = r.findings.some((f) => rules.includes(f.ruleId));
    const s = byCat.get(cat) ?? { tp: 0, fn: 0, fp: 0, tn: 0, misses: [] };
    byCat.set(cat, s);
    for (const t of [total, s]) {
      if (label === 'vulnerable' && hit) t.tp++;
      else if (label === 'vulnerable') t.fn++;
      else if (hit) t.fp++;
      else t.tn++;
    }
    if ((label === 'vulnerable') !== hit) total.misses.push(`${lang}/${name}`);
  }
  return { total, byCat };
}

const rate = (a: number, b: number) => (a + b === 0 ? 0 : a / (a + b));

describe('labelled benchmark (vulnerable vs safe look-alikes)', () => {
  for (const lang of ['python', 'javascript', 'typescript']) {
    it(`${lang}: TPR >= 0.6 at FPR <= 0.1`, async () => {
      const { total, byCat } = await score(lang);
      const tpr = rate(total.tp, total.fn);
      const fpr = rate(total.fp, total.tn);
      const lines = [...byCat].map(([c, s]) => `  ${c.padEnd(16)} TPR ${rate(s.tp, s.fn).toFixed(2)}  FPR ${rate(s.fp, s.tn).toFixed(2)}  (${s.tp + s.fn} vulnerable, ${s.fp + s.tn} safe)`);
      console.log(`${lang}: TPR ${tpr.toFixed(3)} FPR ${fpr.toFixed(3)} over ${total.tp + total.fn} vulnerable / ${total.fp + total.tn} safe cases\n${lines.join('\n')}${total.misses.length ? `\n  wrong: ${total.misses.join(', ')}` : ''}`);
      expect(total.tp + total.fn).toBeGreaterThan(30);
      expect(total.fp + total.tn).toBeGreaterThan(30);
      expect(tpr).toBeGreaterThanOrEqual(0.6);
      expect(fpr).toBeLessThanOrEqual(0.1);
    });
  }
});
