import type { LinkKind } from './model.js';

export interface HtmlFindings {
  /** `id` on any element, `name` on `<a>`: targets GitHub keeps for `#fragment` links. */
  anchors: string[];
  /** `<a href>` and `<img src>`, with the line offset inside the HTML text. */
  links: { kind: LinkKind; href: string; lineOffset: number }[];
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>/g;
const ATTR = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/** Anchors and links in a piece of raw HTML (an HTML block or an inline tag); comments yield nothing. */
export function htmlAnchorsAndLinks(html: string): HtmlFindings {
  const out: HtmlFindings = { anchors: [], links: [] };
  if (!html.includes('=')) return out;
  // Blank comments out (same length) so offsets, and therefore lines, stay right.
  const text = html.includes('<!--') ? html.replace(COMMENT, (c) => c.replace(/[^\n]/g, ' ')) : html;
  for (const tag of text.matchAll(TAG)) {
    const attrs = tag[2];
    if (!attrs) continue;
    const name = tag[1]!.toLowerCase();
    const lineOffset = countNewlines(text, tag.index);
    for (const a of attrs.matchAll(ATTR)) {
      const key = a[1]!.toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (key === 'id' || (key === 'name' && name === 'a')) out.anchors.push(value);
      else if (key === 'href' && name === 'a') out.links.push({ kind: 'link', href: value, lineOffset });
      else if (key === 'src' && name === 'img') out.links.push({ kind: 'image', href: value, lineOffset });
    }
  }
  return out;
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}
