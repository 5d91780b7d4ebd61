import { readFileSync } from 'node:fs';
import type { Finding } from '../../core/result.js';
import { isProbablyBinary, walkFiles } from '../walk.js';
import { detectByName, type IacKind } from './detect.js';
import { scanIacText } from './engine.js';
import type { IacRule } from './rule.js';
import { IAC_RULES } from './rules/index.js';

export interface IacScanOptions {
  rules?: readonly IacRule[];
  exclude?: string[];
  signal?: AbortSignal;
  today?: string;
}

export interface IacScanResult {
  findings: Finding[];
  /** Files checked, per kind. */
  files: Record<IacKind, number>;
  allowed: number;
  durationMs: number;
}

/** IaC files are small; anything bigger is generated output we do not read. */
const MAX_BYTES = 5_000_000;

/** Walk `root` and check every Dockerfile, compose file and Kubernetes manifest. A broken file never stops the scan. */
export async function scanIac(root: string, opts: IacScanOptions = {}): Promise<IacScanResult> {
  const t0 = performance.now();
  const rules = opts.rules ?? IAC_RULES;
  const findings: Finding[] = [];
  const files: Record<IacKind, number> = { dockerfile: 0, compose: 0, k8s: 0 };
  let allowed = 0;
  for await (const f of walkFiles(root, { exclude: opts.exclude, maxFileBytes: MAX_BYTES, signal: opts.signal })) {
    const kind = detectByName(f.rel);
    if (!kind) continue;
    let buf: Buffer;
    try {
      // Sync read: small files, and no FileHandle/promise overhead per file (the scan is CPU-bound anyway).
      buf = readFileSync(f.path);
    } catch (err) {
      findings.push(unreadable(f.rel, (err as NodeJS.ErrnoException).code ?? String(err)));
      continue;
    }
    if (isProbablyBinary(buf)) continue;
    let r: ReturnType<typeof scanIacText>;
    try {
      r = scanIacText(buf.toString('utf8'), f.rel, kind, rules, opts.today);
    } catch (err) {
      // One pathological file is reported; the others are still checked.
      findings.push(unreadable(f.rel, err instanceof RangeError ? 'nesting too deep' : (err as Error).message));
      continue;
    }
    if (r.kind) files[r.kind]++;
    allowed += r.allowed;
    findings.push(...r.findings);
  }
  return { findings, files, allowed, durationMs: performance.now() - t0 };
}

function unreadable(rel: string, why: string): Finding {
  return { ruleId: 'iac.parse-error', severity: 'medium', message: `${rel}: cannot be read or checked (${why})`, location: { file: rel }, fingerprint: `iac.unreadable:${rel}` };
}
