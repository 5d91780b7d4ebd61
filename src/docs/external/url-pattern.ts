/**
 * URL patterns for excludes: `*` matches anything (slashes included); a pattern without `*` matches
 * every URL that starts with it. `https://example.com` excludes the whole site.
 */
export function urlMatcher(patterns: readonly string[]): (url: string) => boolean {
  const res = patterns.map((p) => {
    const body = p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(p.includes('*') ? `^${body}$` : `^${body}`, 'i');
  });
  return (url) => res.some((r) => r.test(url));
}
