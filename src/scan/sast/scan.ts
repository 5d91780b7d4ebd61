import { readFileSync } from 'node:fs';
import type { Finding } from '../../core/result.js';
import { isProbablyBinary, walkFiles, type SkipReason, type WalkedFile } from '../walk.js';
import { scanSource } from './engine.js';
import { crossFilePass, type ScannedFile } from './scan-cross-file.js';
import { installedFrom, isDependencyFile } from './installed.js';
import { langOf } from './parser.js';
import type { SastRule } from './rule.js';
import { SAST_RULES } from './rules/index.js';

export interface SastScanOptions {
  rules?: readonly SastRule[];
  exclude?: string[];
  /** Larger files are skipped and listed (default 1 MB): generated bundles, not hand-written code. */
  maxFileBytes?: number;
  signal?: AbortSignal;
  /** YYYY-MM-DD for inline allowance expiry (tests pin it). */
  today?: string;
}

export interface SastScanResult {
  findings: Finding[];
  /** Source files parsed. */
  files: number;
  /** Findings an inline `gonogo:allow <reason>` comment suppressed. */
  allowed: number;
  skipped: { rel: string; reason: SkipReason | 'minified' | 'binary' }[];
  durationMs: number;
}

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/** Walk `root`, parse every JS/TS/TSX/Python file and run the rules. A bad file never stops the scan. */
export async function scanSast(root: string, opts: SastScanOptions = {}): Promise<SastScanResult> {
  const t0 = performance.now();
  const rules = opts.rules ?? SAST_RULES;
  const findings: Finding[] = [];
  const skipped: SastScanResult['skipped'] = [];
  let files = 0;
  let allowed = 0;
  const project: ScannedFile[] = [];
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // One walk, sources scanned after it: a few rules ask which library majors the dependency files install
  // (installed.ts), and a lockfile may sort after the code that needs it. Lockfiles are read whatever their size.
  const sources: WalkedFile[] = [];
  const dependencyFiles: WalkedFile[] = [];
  for await (const f of walkFiles(root, { exclude: opts.exclude, signal: opts.signal })) {
    if (isDependencyFile(f.rel)) dependencyFiles.push(f);
    if (!langOf(f.rel)) continue;
    if (f.size > maxBytes) skipped.push({ rel: f.rel, reason: 'too-large' });
    else sources.push(f);
  }
  const installed = installedFrom(dependencyFiles);
  for (const f of sources) {
    if (opts.signal?.aborted) break;
    const lang = langOf(f.rel)!;
    let buf: Buffer;
    try {
      // Sync read: small files, and no FileHandle/promise overhead per file (the scan is CPU-bound anyway).
      buf = readFileSync(f.path);
    } catch {
      skipped.push({ rel: f.rel, reason: 'unreadable' });
      continue;
    }
    if (isProbablyBinary(buf)) {
      skipped.push({ rel: f.rel, reason: 'binary' });
      continue;
    }
    const text = buf.toString('utf8');
    if (isMinified(text)) {
      skipped.push({ rel: f.rel, reason: 'minified' });
      continue;
    }
    files++;
    let r: Awaited<ReturnType<typeof scanSource>>;
    const scanned: ScannedFile = { rel: f.rel, path: f.path, lang, outgoing: [] };
    try {
      r = await scanSource(text, lang, f.rel, rules, opts.today, { outgoing: scanned.outgoing, installed });
      project.push(scanned);
    } catch (err) {
      // A pathological file (say, an expression nested thousands deep) must not stop the scan of the others.
      findings.push({
        ruleId: 'sast.parse-error',
        severity: 'info',
        message: `${f.rel} could not be analysed (${err instanceof RangeError ? 'nesting too deep' : (err as Error).message}); the other files were`,
        location: { file: f.rel },
        fingerprint: `sast.parse-error:${f.rel}`,
      });
      continue;
    }
    allowed += r.allowed;
    findings.push(...r.findings);
    if (r.syntaxErrorLine !== undefined) {
      findings.push({
        ruleId: 'sast.parse-error',
        severity: 'info',
        message: `${f.rel} does not parse cleanly from line ${r.syntaxErrorLine}; rules ran on the parts that did`,
        location: { file: f.rel, line: r.syntaxErrorLine },
        fingerprint: `sast.parse-error:${f.rel}`,
      });
    }
  }
  // Request data handed to a function of another scanned file: that file is scanned again with it (cross-file.ts).
  findings.push(...(await crossFilePass(project, findings, rules, opts.today, installed)));
  return { findings, files, allowed, skipped, durationMs: performance.now() - t0 };
}

/** Bundled/minified output: long average lines. Its findings would point at no line a person wrote. */
function isMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  const lines = text.split('\n').length;
  return text.length / lines > 400;
}
