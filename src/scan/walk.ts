/**
 * The file walker every scanner (secrets, sast, iac, deps) uses. Stable API:
 *
 *   walkFiles(root, opts?): AsyncIterable<WalkedFile>
 *     opts.exclude       extra gitignore-style patterns, relative to root (e.g. config `scan.exclude`)
 *     opts.maxFileBytes  files larger than this are skipped (reported through onSkip as 'too-large')
 *     opts.gitignore     honour .gitignore files at every level and .git/info/exclude (default true)
 *     opts.signal        stop walking when aborted (the iterator simply ends)
 *     opts.onSkip        optional: told about every entry not yielded for a reason worth reporting
 *                        ('unreadable', 'symlink', 'too-large', 'special'); ignored entries are not reported
 *   WalkedFile = { path: absolute path, rel: posix path relative to root, size: bytes }
 *   isProbablyBinary(buf): git's heuristic (a NUL byte in the first 8000 bytes)
 *   ignore(): a new gitignore-syntax matcher (the `ignore` package, required on first use; see below)
 *
 * Rules: `.git/` and `node_modules/` are always skipped; `.gonogoignore` files (gitignore syntax) are honoured at
 * every level even with gitignore:false. Symbolic links are never followed: a link inside the tree points at
 * something the walk reaches under its own path anyway, and a link out of the tree (or a loop) must not be read.
 * Unreadable directories and files are reported through onSkip and never throw. Order is deterministic: in each
 * directory its files (sorted by name) come before its subdirectories (sorted, depth first). Memory is bounded by the depth of the tree (one pending list
 * per open directory), never by its size.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ignoreType from 'ignore';
import type { Ignore } from 'ignore';

/**
 * A new `ignore()` matcher. The package is required (CommonJS), not imported: on Node 20 an ESM import of a CommonJS
 * file runs Node's export lexer over it, and on ignore's 50 KB the lexer runs hot enough for V8 to optimise it, ~60 ms
 * of CPU per command (BENCHMARKS.md, session 12). Loaded on the first ignore file or exclude pattern, so a tree with
 * none never loads it. Exported so other scanners get the same (`import ignore from 'ignore'` brings the cost back).
 */
let ignoreFn: typeof ignoreType | undefined;
export const ignore = (): Ignore => (ignoreFn ??= createRequire(import.meta.url)('ignore') as typeof ignoreType)();

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the walk root, with forward slashes. */
  rel: string;
  /** Size in bytes when the walk saw it. */
  size: number;
}

export type SkipReason = 'unreadable' | 'symlink' | 'too-large' | 'special';

export interface WalkOptions {
  exclude?: string[];
  maxFileBytes?: number;
  gitignore?: boolean;
  signal?: AbortSignal;
  onSkip?: (rel: string, reason: SkipReason, detail?: string) => void;
}

/** Directory names never descended into, wherever they appear. */
const ALWAYS_SKIP = new Set(['.git', 'node_modules']);

/** Ignore rules read in one directory; `base` is that directory's rel path ('' for the root). */
interface Layer {
  base: string;
  ig: Ignore;
}

/**
 * Directory reads and stats are synchronous: on a local disk each takes microseconds, while a promise through the
 * thread pool costs tens of microseconds of CPU per file (a tenth of `gonogo scan secrets` on a source tree). The
 * walk still yields between files, and checks the signal before each directory and file.
 */
function tryStat(abs: string): { size: number; isFile(): boolean } | NodeJS.ErrnoException {
  try {
    return statSync(abs);
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

export async function* walkFiles(root: string, opts: WalkOptions = {}): AsyncIterable<WalkedFile> {
  const absRoot = path.resolve(root);
  const useGitignore = opts.gitignore ?? true;
  const skip = opts.onSkip ?? (() => {});
  const rootLayers: Layer[] = [];
  if (opts.exclude && opts.exclude.length > 0) rootLayers.push({ base: '', ig: ignore().add(opts.exclude) });
  if (useGitignore) {
    const info = readText(path.join(absRoot, '.git', 'info', 'exclude'));
    if (info) rootLayers.push({ base: '', ig: ignore().add(info) });
  }

  const rootStat = tryStat(absRoot);
  if (rootStat instanceof Error) {
    skip('', 'unreadable', rootStat.code ?? rootStat.message);
    return;
  }
  if (rootStat.isFile()) {
    // A single file as root: yield it (rel is its base name) so every scanner accepts a file path too.
    const rel = path.basename(absRoot);
    if (opts.maxFileBytes !== undefined && rootStat.size > opts.maxFileBytes) skip(rel, 'too-large', String(rootStat.size));
    else yield { path: absRoot, rel, size: rootStat.size };
    return;
  }

  // Explicit stack of directories; each carries the ignore layers in force for it.
  const stack: { abs: string; rel: string; layers: Layer[] }[] = [{ abs: absRoot, rel: '', layers: rootLayers }];
  while (stack.length > 0) {
    if (opts.signal?.aborted) return;
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (e) {
      skip(dir.rel, 'unreadable', (e as NodeJS.ErrnoException).code ?? String(e));
      continue;
    }
    const layers = layersFor(dir.abs, dir.rel, dir.layers, entries, useGitignore);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    const subdirs: { abs: string; rel: string; layers: Layer[] }[] = [];
    const files: { abs: string; rel: string }[] = [];
    for (const e of entries) {
      const rel = dir.rel === '' ? e.name : `${dir.rel}/${e.name}`;
      const abs = path.join(dir.abs, e.name);
      if (e.isDirectory()) {
        if (ALWAYS_SKIP.has(e.name) || isIgnored(layers, rel, true)) continue;
        subdirs.push({ abs, rel, layers });
      } else if (e.isFile()) {
        if (isIgnored(layers, rel, false)) continue;
        files.push({ abs, rel });
      } else if (e.isSymbolicLink()) {
        if (!isIgnored(layers, rel, false)) skip(rel, 'symlink');
      } else if (!isIgnored(layers, rel, false)) {
        skip(rel, 'special');
      }
    }

    for (const f of files) {
      if (opts.signal?.aborted) return;
      const st = tryStat(f.abs);
      if (st instanceof Error) {
        skip(f.rel, 'unreadable', st.code ?? st.message);
        continue;
      }
      if (opts.maxFileBytes !== undefined && st.size > opts.maxFileBytes) {
        skip(f.rel, 'too-large', String(st.size));
        continue;
      }
      yield { path: f.abs, rel: f.rel, size: st.size };
    }
    // Push in reverse so the pop order visits subdirectories alphabetically.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
}

/** The parent's layers plus this directory's .gitignore / .gonogoignore, when it has them. */
function layersFor(abs: string, rel: string, parent: Layer[], entries: Dirent[], useGitignore: boolean): Layer[] {
  let layers = parent;
  for (const name of useGitignore ? ['.gitignore', '.gonogoignore'] : ['.gonogoignore']) {
    if (!entries.some((e) => e.name === name && e.isFile())) continue;
    const text = readText(path.join(abs, name));
    if (!text) continue;
    if (layers === parent) layers = [...parent];
    layers.push({ base: rel, ig: ignore().add(text) });
  }
  return layers;
}

/** Git semantics: later (deeper) files override earlier ones; a negation re-includes. */
function isIgnored(layers: Layer[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const l of layers) {
    const sub = l.base === '' ? rel : rel.slice(l.base.length + 1);
    const r = l.ig.test(isDir ? `${sub}/` : sub);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

function readText(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isProbablyBinary(buf: Uint8Array): boolean {
  return Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, 8000)).indexOf(0) !== -1;
}
