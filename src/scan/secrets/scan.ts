import { spawn } from 'node:child_process';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { GonogoError, UsageError } from '../../core/errors.js';
import { ignore, walkFiles, type SkipReason, type WalkedFile } from '../walk.js';
import type { SecretHit } from './findings.js';
import { COMMIT_MARK, DiffParser, type FileDiff } from './git-diff.js';
import { createMatcher, type Matcher } from './matcher.js';
import { isPkcs12, pkcs12Digest, PKCS12_RULE } from './pkcs12.js';
import type { SecretRule } from './rule.js';
import { SECRET_RULES } from './rules/index.js';
import { scanBytes, scanChunks, scanString, scanWindowed, WINDOW, type TextScanOptions, type TextScanResult } from './text-scan.js';

/** Where the text to scan comes from. */
export type SecretsSource =
  | { kind: 'dir'; path: string }
  | { kind: 'git'; cwd: string; range?: string }
  | { kind: 'staged'; cwd: string }
  | { kind: 'stdin'; input: AsyncIterable<Uint8Array>; name?: string };

export interface SecretsScanOptions {
  source: SecretsSource;
  exclude?: string[];
  /** Files larger than this are skipped (directory scans). Default 10 MB. */
  maxFileBytes?: number;
  gitignore?: boolean;
  signal?: AbortSignal;
  /** YYYY-MM-DD for allow-comment expiry; default today (UTC). */
  today?: string;
  rules?: readonly SecretRule[];
  /** Decode base64 / URL-encoded values and escaped JSON strings and scan them too (default true; decode.ts). */
  decode?: boolean;
}

export interface SecretsScanOutput {
  hits: SecretHit[];
  files: number;
  bytes: number;
  skipped: { file: string; reason: SkipReason | 'binary' }[];
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Files read concurrently: enough to hide read latency, few enough to keep memory bounded. */
const CONCURRENCY = 8;

let defaultMatcher: Matcher | undefined;

export async function scanSecrets(opts: SecretsScanOptions): Promise<SecretsScanOutput> {
  const matcher = opts.rules ? createMatcher(opts.rules) : (defaultMatcher ??= createMatcher(SECRET_RULES));
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const out: SecretsScanOutput = { hits: [], files: 0, bytes: 0, skipped: [] };
  const src = opts.source;
  if (src.kind === 'dir') await scanDirectory(src.path, opts, matcher, today, out);
  else if (src.kind === 'stdin') {
    const r = await scanChunks(src.input, matcher, { today, decode: opts.decode !== false });
    const file = src.name ?? '<stdin>';
    out.files = 1;
    // From stdin only the first chunk is kept: the digest is of that chunk (a key store is rarely larger).
    if (r.binary && isPkcs12(r.head)) out.hits.push({ rule: PKCS12_RULE, secret: pkcs12Digest(r.head), file, line: 1, allow: { status: 'none' } });
    else if (r.binary) out.skipped.push({ file, reason: 'binary' });
    else {
      out.bytes = r.bytes;
      for (const h of r.hits) out.hits.push({ ...h, file });
    }
  } else {
    const args =
      src.kind === 'git'
        ? ['log', '-p', '-U1', '--no-color', '--no-ext-diff', '--no-textconv', `--format=${COMMIT_MARK.replace('\u0001', '%x01')}%H`, ...(src.range ? [src.range] : ['--all']), '--']
        : ['diff', '--cached', '-U1', '--no-color', '--no-ext-diff', '--no-textconv', '--'];
    await scanGit(src.cwd, args, matcher, { today, decode: opts.decode !== false }, out, gitFilter(src.cwd, opts.exclude ?? []), opts.signal);
  }
  out.hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule.id < b.rule.id ? -1 : 1)));
  return out;
}

async function scanDirectory(root: string, opts: SecretsScanOptions, matcher: Matcher, today: string, out: SecretsScanOutput): Promise<void> {
  const inflight = new Set<Promise<void>>();
  const files = walkFiles(root, {
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    gitignore: opts.gitignore ?? true,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onSkip: (file, reason) => out.skipped.push({ file, reason }),
  });
  const scanOpts = { today, decode: opts.decode !== false };
  for await (const f of files) {
    // Small files are read and scanned synchronously, in the loop (no promise per file: most files are small).
    if (f.size < WINDOW && scanSmallFile(f, matcher, scanOpts, out)) continue;
    // Files up to WHOLE_FILE_BYTES are read window by window into one buffer; bigger ones stream (asynchronously).
    if (f.size <= WHOLE_FILE_BYTES) {
      scanFile(f, () => scanOpenFile(f.path, matcher, scanOpts), out);
      continue;
    }
    const p: Promise<void> = (async () => {
      try {
        const r = await scanChunks(createReadStream(f.path, { highWaterMark: WINDOW }), matcher, scanOpts);
        addResult(f, r, out);
      } catch {
        out.skipped.push({ file: f.rel, reason: 'unreadable' });
      }
    })().finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= CONCURRENCY) await Promise.race(inflight);
  }
  await Promise.all(inflight);
}

/**
 * One small file: one synchronous read into a reused buffer and a synchronous scan (no promise round trips, no
 * allocation per file; a third of the CPU time with fs/promises on a source tree). False when the file has grown
 * to fill the buffer since the walk: the caller scans it as a bigger file.
 */
function scanSmallFile(f: WalkedFile, matcher: Matcher, scanOpts: TextScanOptions, out: SecretsScanOutput): boolean {
  let small = true;
  scanFile(
    f,
    () => {
      const whole = readInto(f.path, readBuffer, f.size);
      if (whole === undefined) small = false;
      return whole && scanBytes(whole, matcher, scanOpts);
    },
    out,
  );
  return small;
}

/** A file of WINDOW bytes or more, read and scanned window by window in text-scan's one buffer. */
function scanOpenFile(file: string, matcher: Matcher, scanOpts: TextScanOptions): TextScanResult {
  const fd = openSync(file, 'r');
  try {
    return scanWindowed((into, at) => readSync(fd, into, at, into.length - at, null), matcher, scanOpts);
  } finally {
    closeSync(fd);
  }
}

/** Runs one synchronous scan of `f` and adds what it found; undefined from `scan`: nothing to add (not scanned). */
function scanFile(f: WalkedFile, scan: () => TextScanResult | undefined, out: SecretsScanOutput): void {
  try {
    const r = scan();
    if (r) addResult(f, r, out);
  } catch {
    out.skipped.push({ file: f.rel, reason: 'unreadable' });
  }
}

/** A file's result: its hits, or a PKCS#12 key store recognised from its first bytes, or a binary file skipped. */
function addResult(f: WalkedFile, r: TextScanResult, out: SecretsScanOutput): void {
  out.files++;
  if (r.binary) {
    // The head is the first window: a key store is digested whole.
    const content = isPkcs12(r.head) && r.head.length < f.size ? readFileSync(f.path) : r.head;
    if (isPkcs12(content)) out.hits.push({ rule: PKCS12_RULE, secret: pkcs12Digest(content), file: f.rel, line: 1, allow: { status: 'none' } });
    else out.skipped.push({ file: f.rel, reason: 'binary' });
    return;
  }
  out.bytes += r.bytes;
  for (const h of r.hits) out.hits.push({ ...h, file: f.rel });
}

/** Files up to this size are scanned synchronously, window by window; bigger ones stream, in bounded memory. */
const WHOLE_FILE_BYTES = 16 << 20;

/** One buffer for every small file: reading into it allocates nothing (fresh buffers cost page faults and GC). */
const readBuffer = Buffer.allocUnsafe(WINDOW);

/**
 * The file's bytes read into `buf` (a view of it), or undefined if the file fills it. Reading stops at the size
 * the walk saw (one read call per file instead of two: the second would only find the end); a file that grew since
 * is read as far as that first call reads (all of it, up to the buffer), one that shrank to its end.
 */
function readInto(file: string, buf: Buffer, size: number): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length && n < size; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    return n < buf.length ? buf.subarray(0, n) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** Runs git, parses its diff output as it streams, scans each file's added lines. */
/**
 * Git sources skip what a directory scan would: scan.exclude patterns and the .gonogoignore at the repository
 * path (test fixtures kept in git but not scanned); .gitignore needs nothing, git does not track ignored files.
 */
function gitFilter(cwd: string, exclude: string[]): (file: string) => boolean {
  const ig = ignore().add(exclude);
  try {
    ig.add(readFileSync(path.join(cwd, '.gonogoignore'), 'utf8'));
  } catch {
    // no .gonogoignore
  }
  return (file) => !ig.ignores(file);
}

async function scanGit(cwd: string, args: string[], matcher: Matcher, base: { today: string; decode: boolean }, out: SecretsScanOutput, keep: (file: string) => boolean, signal?: AbortSignal): Promise<void> {
  const child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4000) stderr += d;
  });
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // Git history repeats a secret in every commit that touches its file; keep one hit per fingerprint-ish key,
  // the oldest (git log lists newest first), which is the commit that introduced it.
  const byKey = new Map<string, SecretHit>();
  const seenFiles = new Set<string>();
  const parser = new DiffParser((d: FileDiff) => {
    if (!keep(d.file)) return;
    const text = d.added.map(([, t]) => t).join('\n');
    if (text.includes('\0')) return;
    seenFiles.add(d.commit ? `${d.commit}:${d.file}` : d.file);
    out.bytes += text.length;
    const hits = scanString(text, matcher, { ...base, lineMap: (n) => d.added[n - 1]?.[0] ?? n, lineText: (n) => d.lines.get(n) });
    for (const h of hits) byKey.set(`${h.rule.id}\0${d.file}\0${h.secret}`, { ...h, file: d.file, ...(d.commit ? { commit: d.commit } : {}) });
  });
  child.stdout.setEncoding('latin1');
  const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const reading = (async () => {
    for await (const line of rl) parser.line(line);
    parser.end();
  })();
  const result = await Promise.race([exited.then((code) => ({ code })), spawnError.then((error) => ({ error }))]);
  if ('error' in result) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('git is not installed or not on PATH', { where: args[0] === 'log' ? '--git' : '--staged', hint: 'install git, or scan a directory instead' });
    if (result.error.name === 'AbortError') throw new GonogoError('GONOGO_ABORTED', 'secret scan interrupted');
    throw result.error;
  }
  await reading;
  if (result.code !== 0) {
    const msg = stderr.trim().split('\n')[0] ?? '';
    throw new UsageError(`git ${args[0]} failed: ${msg || `exit ${result.code}`}`, {
      where: args[0] === 'log' ? '--git' : '--staged',
      hint: /not a git repository/.test(stderr) ? 'run inside a git repository (or pass its path)' : /does not have any commits|unknown revision|bad revision/.test(stderr) ? 'check the range (e.g. main..HEAD) and that the repository has commits' : 'see the git message above',
    });
  }
  out.files = seenFiles.size;
  out.hits.push(...byKey.values());
}
