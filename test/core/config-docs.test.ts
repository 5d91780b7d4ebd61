import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataConfig, validateConfig } from '../../src/core/config/index.js';
import { loadSchema } from '../../src/core/config/load-section.js';
import { formatError, GonogoError } from '../../src/core/errors.js';

// docs/config.md shows real configs and real output; this fails when the loader changes and the page does not.
const page = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
const ofLang = (lang: string) => blocks.filter((b) => b.lang === lang).map((b) => b.code);

function errorText(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof GonogoError) return `${formatError(err)}\n`;
    throw err;
  }
  throw new Error('expected an error');
}

describe('docs/config.md', () => {
  it('tags every code block with a language', () => {
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.filter((b) => b.lang === '')).toEqual([]);
  });

  it('shows YAML configs that load, and the real output for the broken ones', () => {
    const texts = ofLang('text');
    for (const code of ofLang('yaml')) {
      const run = () => {
        const { raw, positions } = parseDataConfig(code, 'gonogo.config.yaml');
        return validateConfig(raw, 'gonogo.config.yaml', positions);
      };
      if (code.includes('conections') || code.includes('[1, 2\n')) expect(texts).toContain(errorText(run));
      else expect(run).not.toThrow();
    }
  });

  it('shows JSON that parses, and a JSON config that loads', () => {
    const json = ofLang('json').map((code) => JSON.parse(code) as unknown);
    expect(() => validateConfig(json[0])).not.toThrow();
    const loaded = validateConfig({ target: 'http://127.0.0.1:8080', load: { url: '/api/items', connections: 50, duration: '30s', timeout: '5s' } });
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(json[1]));
  });

  it('shows TypeScript that compiles', async () => {
    for (const code of ofLang('ts')) await expect(transform(code, { loader: 'ts' })).resolves.toBeDefined();
  });

  it('documents every load key', () => {
    for (const key of Object.keys(loadSchema.shape)) expect(page).toContain(`| \`${key}\` |`);
  });
});
