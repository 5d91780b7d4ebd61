import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

const m = createMatcher(SECRET_RULES);

/** Files under `dir` (depth-first, sorted), up to `max` of them. */
function files(dir: string, max: number, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (out.length >= max) break;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, max, out);
    else if (e.isFile() && statSync(p).size < 4 << 20) out.push(p);
  }
  return out;
}

describe('the matcher over bytes (only the parts around keywords become strings)', () => {
  it('finds exactly what it finds over the same text as one string: every rule sample, as written and joined', () => {
    const texts = SECRET_RULES.flatMap((r) => [...r.samples.tp, ...r.samples.fp].map((s) => expandSample(s)));
    texts.push(texts.join('\n'), texts.join(' '));
    let found = 0;
    for (const text of texts) {
      const b64s: number[] = [];
      const b64b: number[] = [];
      const direct = m.find(text, 0, text.length, undefined, b64s);
      expect(m.findInBytes(Buffer.from(text, 'latin1'), 0, text.length, b64b), text.slice(0, 200)).toEqual(direct);
      expect(b64b).toEqual(b64s);
      found += direct.length;
    }
    expect(found).toBeGreaterThan(SECRET_RULES.length);
  });

  it('and on real files written by others (package sources, our fixtures), each with a rule sample planted in it', () => {
    const paths = [...files(path.resolve('node_modules/undici/lib'), 60), ...files(path.resolve('node_modules/yaml/dist'), 40), ...files(path.resolve('test/fixtures/secrets'), 200)];
    expect(paths.length).toBeGreaterThan(100);
    const samples = SECRET_RULES.flatMap((r) => r.samples.tp.slice(0, 1).map((x) => expandSample(x)));
    let found = 0;
    for (const [i, p] of paths.entries()) {
      const file = readFileSync(p).toString('latin1');
      const cut = file.indexOf('\n', Math.floor(file.length * 0.6)) + 1;
      const text = `${file.slice(0, cut)}${samples[i % samples.length]}\n${file.slice(cut)}`;
      const bytes = Buffer.from(text, 'latin1');
      const to = Math.floor(text.length * 0.7);
      expect(m.findInBytes(bytes), p).toEqual(m.find(text));
      expect(m.findInBytes(bytes, 10, to), p).toEqual(m.find(text, 10, to));
      found += m.find(text).length;
    }
    expect(found).toBeGreaterThan(paths.length / 2);
  });
});
