import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GonogoConfig } from '../../src/core/config/schema.js';
import { docsPart } from '../../src/docs/part.js';
import { PARTS } from '../../src/run/parts.js';
import { FIXTURES } from './helpers.js';

describe('docs part of gonogo run', () => {
  it('is registered, and skips with a reason when the config has no docs section', async () => {
    expect(await PARTS.docs?.()).toBe(docsPart);
    expect(docsPart.skipReason({}, undefined)).toBe('no `docs` section in the config');
    expect(docsPart.skipReason({ docs: {} }, undefined)).toBeUndefined();
  });

  it('reviews the configured paths from the config folder and returns the docs checks', async () => {
    const root = path.join(FIXTURES, 'link-broken');
    const config: GonogoConfig = { docs: { paths: ['bad'] } };
    const lines: string[] = [];
    const out = await docsPart.run({ config, root, scale: 1, signal: new AbortController().signal, log: (l) => lines.push(l) });
    const links = out.checks.find((c) => c.id === 'docs.links')!;
    expect(links.status).toBe('fail');
    expect(links.category).toBe('Documentation');
    expect(links.evidence).toBe('2 broken internal links across 1 file (2 links checked)');
    expect(links.findings!.map((f) => ('file' in f.location ? `${f.location.file}:${f.location.line}` : ''))).toEqual(['bad/README.md:3', 'bad/README.md:3']);
    expect(out.checks.map((c) => c.id)).toEqual(['docs.links', 'docs.references', 'docs.external', 'docs.code', 'docs.drift', 'docs.structure', 'docs.terms']);
    expect(lines.at(-1)).toBe('docs: 1 Markdown file reviewed');
  });
});
