import { describe, expect, it } from 'vitest';
import { anchorsOf } from '../../src/docs/anchors.js';
import { parseMarkdown } from '../../src/docs/markdown.js';

const anchors = (md: string) => [...anchorsOf(parseMarkdown(md))];

describe('GitHub heading anchors', () => {
  it('drops punctuation, keeps - and _, turns spaces into -', () => {
    expect(anchors('# Install & run!\n## What\'s new? (v2.0)\n## snake_case and kebab-case\n')).toEqual(['install--run', 'whats-new-v20', 'snake_case-and-kebab-case']);
  });

  it('keeps letters of every script and lower-cases them', () => {
    expect(anchors('# Überblick\n## Привет мир\n## 日本語の見出し\n## Ça marche\n')).toEqual(['überblick', 'привет-мир', '日本語の見出し', 'ça-marche']);
  });

  it('drops emoji, and accepts :shortcode: headings with or without the name', () => {
    expect(anchors('# 🚀 Launch\n')).toEqual(['-launch']);
    expect(anchors('# Ship it :tada:\n').sort()).toEqual(['ship-it-', 'ship-it-tada'].sort());
  });

  it('numbers repeated headings -1, -2 in document order, across levels', () => {
    expect(anchors('# Usage\n## Usage\n### usage\n## Usage 1\n')).toEqual(['usage', 'usage-1', 'usage-2', 'usage-1-1']);
  });

  it('uses the text of inline code and links, not their markup', () => {
    expect(anchors('## `gonogo load [url]`\n## See [the docs](x.md) now\n### `--format table|json|sarif`\n')).toEqual(['gonogo-load-url', 'see-the-docs-now', '--format-tablejsonsarif']);
  });

  it('adds explicit <a id> / <a name> anchors and ids on other elements', () => {
        // The space before the tag stays in the heading text, so GitHub's anchor ends in -.
    expect(anchors('<a id="custom"></a>\n\n# T <a name="legacy"></a>\n\n<h2 id="raw-heading">Raw</h2>\n').sort()).toEqual(['custom', 'legacy', 'raw-heading', 't-'].sort());
  });
});
