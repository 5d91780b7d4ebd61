import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { CheckResult, CheckStatus, Finding } from '../core/result.js';
import { anchorsOf } from './anchors.js';
import { checkCliUses, commandUses } from './check-cli.js';
import { anchorFinding, checkInternalLinks, type DocTree, type PendingAnchor } from './check-links.js';
import { checkReferences } from './check-references.js';
import { checkStructure, type StructureRule } from './check-structure.js';
import { termMatcher } from './check-terms.js';
import { checkVersions } from './check-versions.js';
import type { CliCommandSpec } from '../core/cli-spec.js';
import { CodeReview, type CodeCheckOptions } from './code/check-code.js';
import type { ExternalOptions, ExternalSummary, ExternalUse } from './external/check-external.js';
import { findMarkdownFiles, relativeName } from './files.js';
import { byLocation, FindingStore, type PlacedFinding } from './finding-store.js';
import { HeapBound } from './heap-bound.js';
import type { LoadedGlossary } from './glossary.js';
import { classifyLink } from './link-target.js';
import { parseMarkdown } from './markdown.js';
import type { IgnoreRange, ParsedDoc } from './model.js';
import { projectDependencies } from './project-deps.js';
import { DOC_CHECKS, type DocCheckId } from './rules.js';
import picomatch from 'picomatch';

export interface DocsReviewOptions {
  /** Repository root: findings name files relative to it, `/links` start there, package.json lives there. */
  root: string;
  /** Where relative `paths` start (the working directory on the CLI). */
  cwd: string;
  paths: readonly string[];
  exclude: readonly string[];
  code: CodeCheckOptions;
  structure: readonly StructureRule[];
  /** The CLI whose commands the docs show; undefined: no command drift check. */
  cli?: { spec: CliCommandSpec; aliases: readonly string[] };
  /** Compare `name@version` in the docs with package.json / the lockfile. */
  versions: boolean;
  /** Terminology check against this glossary (docs.glossary); undefined: not checked. */
  glossary?: LoadedGlossary;
  /** Check external links (off unless asked: the default review is offline). */
  external?: ExternalOptions;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /**
   * Collect garbage whenever the heap has grown by this many MB (bounded memory on big trees). Only for a process
   * that reviews docs alone (`gonogo docs`): a full collection pauses everything else in the process.
   */
  heapStepMb?: number;
  /**
   * Findings as soon as they are known: after each file (its own, and anchor checks of earlier files that waited for
   * it), after the batched code checks, after external links. Sorted by file and line within each call.
   */
  onFindings?: (findings: Finding[]) => void;
}

export interface DocsReviewResult {
  checks: CheckResult[];
  files: readonly string[];
}

// Bigger files are not documentation anyone reads; skip rather than stall.
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** One read buffer for the whole review, grown to the largest file read: no allocation and free per file. */
let readBuffer = Buffer.allocUnsafeSlow(1 << 16);

/**
 * One file at a time, read synchronously: parsing is single-threaded, and with the files in the page cache an
 * async read-ahead of 8 files cost 2–3× the CPU of plain reads (measured, BENCHMARKS.md), so nothing to overlap.
 * Each file is read into the same buffer (a fresh one per file left the allocator holding tens of MB on a
 * 21k-file tree) and decoded from there.
 */
function readDoc(abs: string): ParsedDoc | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return undefined;
    // Room for one byte more than the size: a file that grew past the limit meanwhile is seen as too large.
    if (readBuffer.length < size + 1) readBuffer = Buffer.allocUnsafeSlow(Math.min(MAX_FILE_BYTES + 1, Math.max(size + 1, readBuffer.length * 2)));
    let length = 0;
    for (let n; length < readBuffer.length && (n = readSync(fd, readBuffer, length, readBuffer.length - length, null)) > 0; ) length += n;
    const bytes = readBuffer.subarray(0, length);
    return length > MAX_FILE_BYTES || bytes.includes(0) ? undefined : parseMarkdown(bytes.toString('utf8'));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * What the link check asks of the file system. Only anchor sets are kept of the files already reviewed (never
 * their parsed documents), so memory grows with the number of headings, not with the size of the tree.
 */
class Tree implements DocTree {
  private readonly kinds = new Map<string, 'file' | 'dir' | undefined>();
  /**
   * Each file's anchors as one string, `\0` between them (no anchor holds a NUL: files with one are skipped as
   * binary): a third of the memory of a Set per file on a 21k-file tree. The last set asked for is kept, because
   * a table of contents asks for the same file's set once per link.
   */
  private readonly anchorLists = new Map<string, string | undefined>();
  private last: { abs: string; set: Set<string> | undefined } | undefined;
  constructor(
    readonly root: string,
    /** Files still to be reviewed: a fragment into one of them waits until it is read. */
    private readonly toReview: Set<string>,
  ) {}

  kind(abs: string): 'file' | 'dir' | undefined {
    if (this.kinds.has(abs)) return this.kinds.get(abs);
    let k: 'file' | 'dir' | undefined;
    try {
      // No exception for a missing path: broken links are the common case this answers.
      const st = statSync(abs, { throwIfNoEntry: false });
      k = st === undefined ? undefined : st.isDirectory() ? 'dir' : 'file';
    } catch {
      k = undefined;
    }
    this.kinds.set(abs, k);
    return k;
  }

  /** A reviewed file's anchors (undefined: unreadable). */
  reviewed(abs: string, doc: ParsedDoc | undefined): void {
    this.toReview.delete(abs);
    this.remember(abs, doc);
  }

  anchors(abs: string): Set<string> | undefined | 'later' {
    if (this.last?.abs === abs) return this.last.set;
    // A Markdown file outside the reviewed paths (or excluded) is read for its anchors only.
    if (!this.anchorLists.has(abs)) {
      if (this.toReview.has(abs)) return 'later';
      this.remember(abs, readDoc(abs));
    }
    const list = this.anchorLists.get(abs);
    const set = list === undefined ? undefined : new Set(list === '' ? [] : list.split('\0'));
    this.last = { abs, set };
    return set;
  }

  /** Every file has been read: what was kept for the link checks is garbage now. */
  forget(): void {
    this.kinds.clear();
    this.anchorLists.clear();
    this.last = undefined;
  }

  private remember(abs: string, doc: ParsedDoc | undefined): void {
    this.anchorLists.set(abs, doc ? [...anchorsOf(doc)].join('\0') : undefined);
    if (this.last?.abs === abs) this.last = undefined;
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : /(s|sh|ch|x)$/.test(noun) ? 'es' : 's'}`;

function statusOf(findings: readonly Finding[]): CheckStatus {
  if (findings.some((f) => f.severity !== 'info' && f.severity !== 'low')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}

/** The whole review: internal checks always, external links only when asked. */
export async function reviewDocs(opts: DocsReviewOptions): Promise<DocsReviewResult> {
  const files = findMarkdownFiles(opts.root, opts.paths, opts.exclude, opts.cwd);
  const tree = new Tree(opts.root, new Set(files));
  const deps = opts.versions ? projectDependencies(opts.root) : new Map();
  const structure = opts.structure.map((r) => ({ ...r, match: picomatch(r.glob, { dot: true }) }));
  // Findings are listed by file and line, then in the order they were made; an anchor check that waited for its
  // target file, or a code block checked at the end, keeps the place it would have had. Held compactly until the end.
  const store = new FindingStore();
  let seq = 0;
  const keep = (finding: Finding, at: number) => {
    if (ignored(finding)) return;
    store.add(finding, at);
    if (opts.onFindings) fresh.push({ finding, at });
  };
  let fresh: PlacedFinding[] = [];
  const flush = () => {
    if (fresh.length === 0) return;
    const batch = fresh.sort(byLocation).map((p) => p.finding);
    fresh = [];
    opts.onFindings!(batch);
  };
  const add = (list: Finding[]) => {
    for (const f of list) keep(f, seq++);
  };
  const waiting = new Map<string, { check: PendingAnchor; at: number }[]>();
  const linkFindings = (file: string, abs: string, doc: ParsedDoc) => {
    const deferred: { check: PendingAnchor; index: number }[] = [];
    const found = checkInternalLinks(file, abs, doc, tree, (check, index) => deferred.push({ check, index }));
    let d = 0;
    found.forEach((f, k) => {
      for (; d < deferred.length && deferred[d]!.index <= k; d++) wait(deferred[d]!.check, seq++);
      keep(f, seq++);
    });
    for (; d < deferred.length; d++) wait(deferred[d]!.check, seq++);
  };
  const wait = (check: PendingAnchor, at: number) => {
    const list = waiting.get(check.dest) ?? [];
    if (list.length === 0) waiting.set(check.dest, list);
    list.push({ check, at });
  };
  // A file was read: the anchor checks waiting for it are answered, and forgotten.
  const resolve = (abs: string) => {
    for (const { check, at } of waiting.get(abs) ?? []) {
      const f = anchorFinding(check, tree.anchors(abs) as Set<string> | undefined);
      if (f) keep(f, at);
    }
    waiting.delete(abs);
  };
  const ignoresByFile = new Map<string, IgnoreRange[]>();
  const ignored = (f: Finding): boolean => {
    if (!('file' in f.location) || f.location.line === undefined) return false;
    const line = f.location.line;
    return (ignoresByFile.get(f.location.file) ?? []).some((r) => line >= r.from && line <= r.to && (!r.rules || r.rules.includes(f.ruleId)));
  };
  const external: ExternalUse[] = [];
  const terms = opts.glossary ? termMatcher(opts.glossary) : undefined;
  const code = new CodeReview(opts.code);
  let links = 0;
  let unreadable = 0;
  let generated = 0;
  const heap = opts.heapStepMb ? new HeapBound(opts.heapStepMb * 1024 * 1024) : undefined;
  for (const abs of files) {
    if (opts.signal?.aborted) break;
    heap?.check();
    const file = relativeName(opts.root, abs);
    const doc = readDoc(abs);
    tree.reviewed(abs, doc);
    resolve(abs);
    if (!doc) {
      unreadable++;
      opts.log?.(`docs: skipped ${file} (unreadable, binary or larger than ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
      flush();
      continue;
    }
    if (doc.ignores.length > 0) ignoresByFile.set(file, doc.ignores);
    generated += doc.ignores.filter((r) => r.generated).length;
    links += doc.links.length;
    linkFindings(file, abs, doc);
    add(checkReferences(file, doc));
    add(code.add(file, doc.codeBlocks, () => seq++));
    if (opts.cli) add(checkCliUses(file, commandUses(doc.codeBlocks, doc.inlineCode, opts.cli.spec.name, opts.cli.aliases), opts.cli.spec));
    if (deps.size > 0) add(checkVersions(file, doc.texts, doc.codeBlocks, deps));
    for (const rule of structure) if (rule.match(file)) add(checkStructure(file, doc.headings, rule.sections, rule.glob));
    if (terms) add(terms.check(file, [...doc.texts, ...doc.tableCells]));
    if (opts.external) {
      for (const l of doc.links) {
        const t = classifyLink(l.href);
        if (t.type === 'external') external.push({ url: t.url, file, line: l.line });
      }
    }
    flush();
  }
  // The link checks are done: their state goes before TypeScript's parser is loaded for the blocks that waited.
  tree.forget();
  waiting.clear();
  heap?.compact();
  if (opts.signal?.aborted) code.close();
  else add(await code.finish((f, slot) => keep(f, slot), () => heap?.check()));
  flush();
  let ext: ExternalSummary | undefined;
  if (opts.external && !opts.signal?.aborted) {
    opts.log?.(`docs: checking ${plural(new Set(external.map((e) => e.url.split('#')[0])).size, 'external URL')}`);
    // undici is loaded only here: the offline review never pays for it.
    const { checkExternal } = await import('./external/check-external.js');
    ext = await checkExternal(external, opts.external, opts.signal);
    if (ext.cacheError) opts.log?.(`docs: ${ext.cacheError}`);
    add(ext.findings);
    flush();
  }

  // TypeScript's parser was let go after the code checks: free it before the findings are unpacked.
  heap?.compact();
  const n = files.length - unreadable;
  const across = `across ${plural(n, 'file')}`;
  const evidence: Record<DocCheckId, (count: number) => string> = {
    'docs.links': (c) => `${plural(c, 'broken internal link')} ${across} (${plural(links, 'link')} checked${generated ? `; ${plural(generated, 'generated section')} (all-contributors, doctoc, …) not reviewed` : ''})`,
    'docs.references': (c) => `${plural(c, 'reference problem')} ${across}`,
    'docs.external': (c) => (ext ? `${plural(c, 'broken external link')} ${across} (${plural(ext.urls, 'URL')}: ${ext.fromCache} from cache, ${ext.excluded} excluded, ${plural(ext.requests, 'request')})` : 'not checked: offline by default (run with --external)'),
    'docs.code': (c) => `${plural(c, 'code block problem')} in ${plural(code.blocks, 'block')} ${across}${code.shellcheckMissing ? `; not checked: shellcheck missing (${plural(code.shellcheckMissing, 'shell block')})` : ''}`,
    'docs.drift': (c) => `${plural(c, 'mismatch')} with the code ${across}`,
    'docs.structure': (c) => (structure.length > 0 ? `${plural(c, 'structure problem')} ${across}` : 'no structure rules configured (docs.structure)'),
    'docs.terms': (c) => (terms ? `${plural(c, 'terminology finding')} ${across} (${terms.size} glossary entr${terms.size === 1 ? 'y' : 'ies'} from ${opts.glossary!.file})` : 'no glossary configured (docs.glossary)'),
  };
  const checks: CheckResult[] = [];
  for (const [id, findings] of store.take()) {
    const skipped = (id === 'docs.external' && !ext) || (id === 'docs.structure' && structure.length === 0) || (id === 'docs.terms' && !terms) || (id === 'docs.drift' && !opts.cli && deps.size === 0);
    checks.push({
      id,
      title: DOC_CHECKS[id].title,
      category: 'Documentation',
      status: skipped ? 'skip' : statusOf(findings),
      evidence: skipped && id === 'docs.drift' ? 'nothing to compare: no CLI and no package.json' : evidence[id](findings.length),
      findings,
    });
  }
  return { checks, files: files.map((f) => relativeName(opts.root, f)) };
}
