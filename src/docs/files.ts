import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { UsageError } from '../core/errors.js';
import { MARKDOWN_EXT } from './check-links.js';

// Never documentation of the project itself.
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Repository-relative path with forward slashes: how findings name files. */
export function relativeName(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

function gitignore(root: string): Ignore {
  const ig = ignore();
  try {
    ig.add(readFileSync(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    // no .gitignore
  }
  return ig;
}

/**
 * The Markdown files under `paths` (files are taken as given; folders are walked, skipping hidden
 * folders, node_modules and what the root .gitignore ignores), minus `exclude` globs. Sorted.
 */
export function findMarkdownFiles(root: string, paths: readonly string[], exclude: readonly string[], cwd: string): string[] {
  const ig = gitignore(root);
  const excluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
  const found = new Set<string>();
  const skip = (abs: string, dir: boolean): boolean => {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('..')) return false;
    return excluded(rel) || (dir && excluded(`${rel}/`)) || ig.ignores(dir ? `${rel}/` : rel);
  };
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.') || skip(abs, true)) continue;
        walk(abs);
      } else if (e.isFile() && MARKDOWN_EXT.test(e.name) && !skip(abs, false)) found.add(abs);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`${p} does not exist`, { where: p, hint: 'give Markdown files or folders that exist (relative to the working directory)' });
    }
    if (st.isDirectory()) walk(abs);
    else if (!excluded(relativeName(root, abs))) found.add(abs);
  }
  return [...found].sort();
}
