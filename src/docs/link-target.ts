/** What a link destination points at, decided from its text alone. */
export type LinkTarget =
  | { type: 'external'; url: string }
  | { type: 'local'; path: string; fragment?: string; rootRelative: boolean }
  | { type: 'other' };

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function classifyLink(href: string): LinkTarget {
  const h = href.trim();
  if (h.startsWith('//')) return { type: 'external', url: `https:${h}` };
  if (SCHEME.test(h)) return /^https?:/i.test(h) ? { type: 'external', url: h } : { type: 'other' };
  // Template placeholders ({{ url }}, <url>) are not links to check.
  if (h.includes('{{') || h.startsWith('<')) return { type: 'other' };
  const hash = h.indexOf('#');
  const beforeHash = hash === -1 ? h : h.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const path = decode(query === -1 ? beforeHash : beforeHash.slice(0, query));
  const fragment = hash === -1 ? undefined : decode(h.slice(hash + 1));
  return { type: 'local', path, fragment, rootRelative: path.startsWith('/') };
}
