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
  /**
   * Anchors of a Markdown file, undefined when it cannot be read, or 'later' when the file is still to be
   * reviewed: the check is then handed to `defer` and resolved once that file has been read (each file is
   * read and parsed once, and only its anchors are kept).
   */
  anchors(abs: string): Set<string> | undefined | 'later';
}

/** A link to a fragment in a file that was not read yet: resolved by `anchorFinding` when it is. */
export interface PendingAnchor {
  /** The target file (absolute). */
  dest: string;
  file: string;
  line: number;
  href: string;
  fragment: string;
  /** How the message names the target file. */
  where: string;
}

export const MARKDOWN_EXT = /\.(md|markdown|mdown|mkd|mdx)$/i;
// `#top` and `#` scroll to the top in every browser.
const ALWAYS = new Set(['', 'top']);

/**
 * Relative links, images and anchors in one file; `file` is how findings name it (relative to the root).
 * A fragment into a file the tree has not read yet goes to `defer` (with the index of the finding it would
 * have been, so the caller can keep the order); without `defer` such links are not checked.
 */
export function checkInternalLinks(file: string, abs: string, doc: ParsedDoc, tree: DocTree, defer?: (p: PendingAnchor, index: number) => void): Finding[] {
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
    const pending: PendingAnchor = { dest, file, line: link.line, href: link.href, fragment, where: target.path === '' ? 'this file' : target.path };
    const anchors = tree.anchors(dest);
    if (anchors === 'later') {
      defer?.(pending, findings.length);
      continue;
    }
    const finding = anchorFinding(pending, anchors);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The finding for a link to `#fragment` in a file with these anchors (undefined: unreadable, not checked). */
export function anchorFinding(p: PendingAnchor, anchors: Set<string> | undefined): Finding | undefined {
  if (anchors === undefined || anchors.has(p.fragment)) return undefined;
  if (anchors.has(p.fragment.toLowerCase())) {
    return docFinding('docs.anchor-case', p.file, p.line, `"#${p.fragment}" differs only in case from the anchor "#${p.fragment.toLowerCase()}" in ${p.where}`, p.href);
  }
  const guess = didYouMean(p.fragment, [...anchors]);
  return docFinding('docs.anchor-broken', p.file, p.line, `no heading or anchor "#${p.fragment}" in ${p.where}${guess ? ` (did you mean "#${guess}"?)` : ''}`, p.href);
}
