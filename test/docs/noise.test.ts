import path from 'node:path';
import { expect, it } from 'vitest';
import { generatedSections } from '../../src/docs/markdown.js';
import { stripElisions } from '../../src/docs/code/elision.js';
import { guessLanguage } from '../../src/docs/code/guess-language.js';
import { FIXTURES, review } from './helpers.js';

const NOISY = path.join(FIXTURES, 'noisy');

it('a tree with every noisy pattern gives no finding, or only the right lower-severity one', async () => {
  const findings = await review(NOISY);
  const shown = findings.map((f) => `${f.ruleId} ${f.severity} ${'file' in f.location ? `${f.location.file}:${f.location.line}` : ''} ${f.message}`);
  // README.md: generated sections, elisions, a historical version and a matching install line give nothing.
  expect(shown.filter((s) => s.includes('README.md:')), shown.join('\n')).toEqual([]);
  // lower.md: a case-only anchor (low), a JSON block tagged ts (low, wrong tag), and one real syntax error reported once.
  expect(shown.map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
    'docs.anchor-case low lower.md:3',
    'docs.code-wrong-tag low lower.md:5',
    'docs.code-syntax medium lower.md:10',
  ]);
  const syntax = findings.find((f) => f.ruleId === 'docs.code-syntax')!;
  expect(syntax.message).toMatch(/^ts: .+ \(and \d+ more errors in this block\)$/);
  expect(findings.find((f) => f.ruleId === 'docs.code-wrong-tag')!.message).toMatch(/^tagged ts but it looks like json/);
});

it('finds generated sections by their markers, closed or not', () => {
  const src = 'a\n<!-- ALL-CONTRIBUTORS-LIST:START -->\nx\n<!-- ALL-CONTRIBUTORS-LIST:END -->\nb\n<!-- BEGIN GENERATED -->\ny';
  expect(generatedSections(src)).toEqual([{ from: 2, to: 4 }, { from: 6, to: 7 }]);
  expect(generatedSections('# plain\n')).toEqual([]);
});

it('takes elisions out without hiding real mistakes', () => {
  expect(stripElisions('{\n  "a": 1,\n  ...\n}', 'json')).toBe('{\n  "a": 1\n\n}');
  expect(stripElisions('[1, 2, ...]', 'json')).toBe('[1, 2]');
  // A trailing comma with no elision stays: that is a real JSON error.
  expect(stripElisions('{ "a": 1, }', 'json')).toBe('{ "a": 1, }');
  expect(stripElisions('f(...);\nconst a = [...xs];\n# ...\n', 'code')).toBe('f();\nconst a = [...xs];\n\n');
  expect(stripElisions('a: 1\n...\n', 'yaml')).toBe('a: 1\n\n');
});

it('guesses the language of a block that fails its tag only when another one fits', () => {
  expect(guessLanguage('{ "a": 1 }', 'ts')).toBe('json');
  expect(guessLanguage('npm install x\ngonogo run', 'yaml')).toBe('shell');
  expect(guessLanguage('┌──┐\n│ a │\n└──┘', 'ts')).toBe('text');
  expect(guessLanguage('const a = { b: 1 };', 'json')).toBe('ts');
  expect(guessLanguage('const x: number = ;', 'ts')).toBeUndefined();
});
