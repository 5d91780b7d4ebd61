import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { OVERLAP, WINDOW, scanBytes, scanChunks } from '../../../src/scan/secrets/text-scan.js';
import { SECRETS, cli, tree } from './helpers.js';

const today = '2026-01-01';
const filler = (n: number) => 'const value = computeSomething(input, options); // ordinary code line\n'.repeat(Math.ceil(n / 70)).slice(0, n);

describe('windowed scanning of large inputs', () => {
  it('finds secrets exactly once, on the right line, wherever the window boundaries fall', async () => {
    const matcher = createMatcher(SECRET_RULES);
    const key = expandSample('-----BEGIN RSA PRIVATE KEY-----\n{b64:64}\n{b64:64}\n{b64:64}\n{b64:20}==\n-----END RSA PRIVATE KEY-----');
    // Secrets just before, across and after the first window's accept boundary, and at the very end.
    const parts = [filler(WINDOW - 200), `\ntoken=${SECRETS.github}\n`, key, '\n', filler(OVERLAP + 5000), `\nk=${SECRETS.stripe}\n`, filler(WINDOW), `\nlast=${SECRETS.slack}`];
    const text = parts.join('');
    const expected = [SECRETS.github, key, SECRETS.stripe, SECRETS.slack].map((s) => ({ secret: s, line: text.slice(0, text.indexOf(s)).split('\n').length }));
    // Feed it in odd-sized chunks, as a stream would.
    const buf = Buffer.from(text, 'latin1');
    const chunks: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 300_001) chunks.push(buf.subarray(i, i + 300_001));
    const r = await scanChunks(chunks, matcher, { today });
    expect(r.binary).toBe(false);
    if (r.binary) return;
    expect(r.hits.map((h) => ({ secret: h.secret, line: h.line }))).toEqual(expected);
    expect(r.bytes).toBe(buf.length);
    // The same text read whole (files up to 16 MB): windows cut as slices of one string give the same hits.
    const whole = scanBytes(buf, matcher, { today });
    expect(whole.binary).toBe(false);
    if (whole.binary) return;
    expect(whole.hits.map((h) => ({ secret: h.secret, line: h.line }))).toEqual(expected);
  });

  it('scans a 160 MB file with a 64 MB heap (streams, never buffers the file)', async () => {
    const dir = tree({ 'gonogo.config.yaml': 'scan:\n  secrets:\n    maxFileBytes: 1000000000\n' });
    const fd = openSync(path.join(dir, 'huge.log'), 'w');
    const block = Buffer.from(filler(4 << 20), 'latin1');
    writeSync(fd, `first=${SECRETS.github}\n`);
    for (let i = 0; i < 40; i++) writeSync(fd, block);
    writeSync(fd, `last=${SECRETS.stripe}\n`);
    closeSync(fd);
    const r = await cli(['scan', 'secrets', '--format', 'json'], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(r.stderr).not.toMatch(/heap out of memory/);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { ruleId: string; location: { line: number } }) => [f.ruleId, f.location.line])).toEqual([
      ['secrets.github-pat', 1],
      ['secrets.stripe-secret-key', 2 + 40 * (block.toString('latin1').split('\n').length - 1)],
    ]);
  }, 120_000);

  it('reads files of 1 to 16 MB whole, one after another, each only up to its own end', async () => {
    // The bigger file first: the smaller one is read into the same buffer over the bigger one's bytes.
    const big = `${filler(3 << 20)}\nk=${SECRETS.stripe}\n`;
    const small = `${filler(WINDOW + 1000)}\ntoken=${SECRETS.github}\n`;
    const dir = tree({ 'a-big.js': big, 'b-small.js': small });
    const r = await cli(['scan', 'secrets', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    const lines = (t: string) => t.split('\n').length - 1;
    expect(doc.findings.map((f: { ruleId: string; location: { file: string; line: number } }) => [f.location.file, f.ruleId, f.location.line])).toEqual([
      ['a-big.js', 'secrets.stripe-secret-key', lines(big)],
      ['b-small.js', 'secrets.github-pat', lines(small)],
    ]);
  }, 60_000);
});
