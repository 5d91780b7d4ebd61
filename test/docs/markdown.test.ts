import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/docs/markdown.js';

const src = [
  '# Title', // 1
  '', // 2
  'Para with [link](a.md#x) and', // 3
  'second line [ref][Lbl] and ![img](i.png) `gonogo load`.', // 4
  '`[not](link.md)` <a name="anch"></a> <https://example.com/auto>', // 5
  '', // 6
  '<!-- [hidden](nope.md) <a href="nope2.md">x</a> -->', // 7
  '<div id="blk">', // 8
  '<a href="h.md">x</a>', // 9
  '</div>', // 10
  '', // 11
  '| a | b |', // 12
  '|---|---|', // 13
  '| [t](t.md) | c |', // 14
  '', // 15
  '- item', // 16
  '  > [quoted](q.md) and [x][undef] and arr[0][1]', // 17
  '', // 18
  '[lbl]: ./def.md', // 19
  '[unused]: <u v.md>', // 20
  '', // 21
  '```js', // 22
  'const x = "[a](b)";', // 23
  '```', // 24
  '', // 25
  '    [indented](code.md)', // 26
].join('\n');

describe('parseMarkdown', () => {
  const doc = parseMarkdown(src);

  it('finds links and images at their exact lines, with destinations as written', () => {
    expect(doc.links.map((l) => [l.kind, l.href, l.line])).toEqual([
      ['link', 'a.md#x', 3],
      ['image', 'i.png', 4],
      ['link', 'https://example.com/auto', 5],
      ['link', 'h.md', 9],
      ['link', 't.md', 14],
      ['link', 'q.md', 17],
      ['link', './def.md', 19],
      ['link', 'u v.md', 20],
    ]);
  });

  it('takes no links from code spans, fenced or indented code, or HTML comments', () => {
    const hrefs = doc.links.map((l) => l.href);
    for (const h of ['link.md', 'nope.md', 'nope2.md', 'b', 'code.md']) expect(hrefs).not.toContain(h);
  });

  it('records reference uses, definitions and undefined references; an index after a word is not one', () => {
    expect(doc.definitions).toEqual([
      { label: 'LBL', href: './def.md', line: 19 },
      { label: 'UNUSED', href: 'u v.md', line: 20 },
    ]);
    expect(doc.references).toEqual([
      { label: 'LBL', line: 4, kind: 'link', defined: true },
      { label: 'UNDEF', line: 17, kind: 'link', defined: false },
    ]);
  });

  it('collects explicit anchors from HTML blocks and inline HTML, not from comments', () => {
    expect(doc.htmlAnchors.sort()).toEqual(['anch', 'blk']);
  });

  it('keeps code blocks with their fence line and language, and inline code with its line', () => {
    expect(doc.codeBlocks).toEqual([
      { lang: 'js', content: 'const x = "[a](b)";\n', fenceLine: 22, fenced: true },
      { lang: '', content: '[indented](code.md)\n', fenceLine: 25, fenced: false },
    ]);
    expect(doc.inlineCode).toEqual([
      { text: 'gonogo load', line: 4 },
      { text: '[not](link.md)', line: 5 },
    ]);
  });

  it('reads the heading text GitHub slugs: code included, images and tags left out', () => {
    const h = parseMarkdown('## The `--format` flag ![icon](i.png) <sup>new</sup> [link](x.md)\n').headings;
    expect(h).toEqual([{ level: 2, text: 'The --format flag  new link', line: 1 }]);
  });

  it('counts lines inside long paragraphs after multi-line code spans and links', () => {
    const d = parseMarkdown('a `code\nspan` b [x\ny](one.md)\nc\n\nd [z](two.md)\n');
    expect(d.links.map((l) => [l.href, l.line])).toEqual([
      ['one.md', 2],
      ['two.md', 6],
    ]);
  });

  it('marks the block after a gonogo-docs-ignore comment', () => {
    const d = parseMarkdown('a\n\n<!-- gonogo-docs-ignore docs.code-syntax -->\n```json\n{\n```\n\n<!-- gonogo-docs-ignore -->\npara\nmore\n');
    expect(d.ignores).toEqual([
      { from: 4, to: 6, rules: ['docs.code-syntax'] },
      { from: 9, to: 10 },
    ]);
  });
});
