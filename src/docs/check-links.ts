import path from 'node:path';
import { didYouMean } from '../core/did-you-mean.js';
import type { Finding } from '../core/result.js';
import { classifyLink } from './link-target.js';
import type { ParsedDoc } from './model.js';
import { docFinding } from './rules.js';

/** What the link check may ask of the file system (cached by the caller). */
export interface DocTree {
  /** Absolute path of the repository root: where `/path` links start. */
  readonly root: string;
  kind(abs: string): 'file' | 'dir' | undefined;
  /** Anchors of a Markdown file, or undefined when it cannot be read. */
  anchors(abs: string): Set<string> | undefined;
}

export const MARKDOWN_EXT = /\.(md|markdown|mdown|mkd|mdx)$/i;
// `#top` and `#` scroll to the top in every browser.
const ALWAYS = new Set(['', 'top']);

/** Relative links, images and anchors in one file; `file` is how findings name it (relative to the root). */
export function checkInternalLinks(file: string, abs: string, doc: ParsedDoc, tree: DocTree): Finding[] {
  const findings: Finding[] = [];
  for (const link of doc.links) {
    const target = classifyLink(link.href);
    if (target.type !== 'local') continue;
    let dest = abs;
    if (target.path !== '') {
      dest = target.rootRelative ? path.join(tree.root, target.path) : path.resolve(path.dirname(abs), target.path);
      const kind = tree.kind(dest);
      if (kind === undefined) {
        const rule = link.kind === 'image' ? 'docs.image-broken' : 'docs.link-broken';
        findings.push(docFinding(rule, file, link.line, `${link.kind === 'image' ? 'image' : 'link'} target "${target.path}" does not exist`, link.href));
        continue;
      }
      if (kind === 'dir') continue;
    }
    if (target.fragment === undefined || !MARKDOWN_EXT.test(dest)) continue;
    const fragment = target.fragment.replace(/^user-content-/, '');
    if (ALWAYS.has(fragment)) continue;
    const anchors = tree.anchors(dest);
    if (anchors === undefined || anchors.has(fragment)) continue;
    const where = target.path === '' ? 'this file' : target.path;
    if (anchors.has(fragment.toLowerCase())) {
      findings.push(docFinding('docs.anchor-case', file, link.line, `"#${fragment}" differs only in case from the anchor "#${fragment.toLowerCase()}" in ${where}`, link.href));
      continue;
    }
    const guess = didYouMean(fragment, [...anchors]);
    findings.push(docFinding('docs.anchor-broken', file, link.line, `no heading or anchor "#${fragment}" in ${where}${guess ? ` (did you mean "#${guess}"?)` : ''}`, link.href));
  }
  return findings;
}
