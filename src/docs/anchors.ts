import GithubSlugger from 'github-slugger';
import type { ParsedDoc } from './model.js';

// `:tada:` renders as an emoji, which the slug drops; accept the anchor with or without the name.
const SHORTCODE = /:[a-z0-9_+-]+:/g;

/**
 * The `#fragment`s that land somewhere in a file on GitHub: heading slugs (github-slugger, with
 * -1, -2 for repeated headings, in document order) and explicit HTML ids and names.
 */
export function anchorsOf(doc: ParsedDoc): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>(doc.htmlAnchors);
  const withoutEmoji = new GithubSlugger();
  for (const h of doc.headings) {
    anchors.add(slugger.slug(h.text));
    if (SHORTCODE.test(h.text)) anchors.add(withoutEmoji.slug(h.text.replace(SHORTCODE, '')));
    SHORTCODE.lastIndex = 0;
  }
  return anchors;
}
