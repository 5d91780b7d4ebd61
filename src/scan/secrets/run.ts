import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import type { CheckResult, Finding, Severity } from '../../core/result.js';
import { readBaseline } from './baseline.js';
import { secretsCheck, toFinding } from './findings.js';
import { scanSecrets, type SecretsScanOutput, type SecretsSource } from './scan.js';

export interface RunSecretsOptions {
  source: SecretsSource;
  scan: ScanConfig | undefined;
  /** Folder the config's relative paths start from. */
  configDir: string;
  signal?: AbortSignal;
  mask?: boolean;
  /** A --baseline flag (absolute path); overrides scan.secrets.baseline. */
  baseline?: string;
  failOn?: Severity;
  /** Do not read any baseline (when writing one). */
  skipBaseline?: boolean;
}

export interface RunSecretsResult {
  check: CheckResult;
  /** Every finding after inline allows, before the baseline (what --write-baseline records). */
  current: Finding[];
  /** Findings not in the baseline: what the check reports. */
  fresh: Finding[];
  failOn: Severity;
  output: SecretsScanOutput;
}

/** Scan, apply inline allows and the baseline, and build the check: shared by the CLI and `gonogo run`. */
export async function runSecrets(o: RunSecretsOptions): Promise<RunSecretsResult> {
  const cfg = o.scan?.secrets;
  const failOn: Severity = o.failOn ?? cfg?.failOn ?? o.scan?.failOn ?? 'low';
  const output = await scanSecrets({
    source: o.source,
    exclude: [...(o.scan?.exclude ?? []), ...(cfg?.exclude ?? [])],
    ...(cfg?.maxFileBytes !== undefined ? { maxFileBytes: cfg.maxFileBytes } : {}),
    ...(cfg?.gitignore !== undefined ? { gitignore: cfg.gitignore } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  let allowed = 0;
  const current: Finding[] = [];
  for (const hit of output.hits) {
    const f = toFinding(hit, o.mask ?? true);
    if (f) current.push(f);
    else allowed++;
  }
  const baselineFile = o.baseline ?? (cfg?.baseline ? path.resolve(o.configDir, cfg.baseline) : undefined);
  const known = baselineFile && !o.skipBaseline ? await readBaseline(baselineFile, o.baseline !== undefined ? '--baseline' : 'scan.secrets.baseline') : new Set<string>();
  const fresh = current.filter((f) => !known.has(f.fingerprint));
  const check = secretsCheck(fresh, { files: output.files, bytes: output.bytes, baselined: current.length - fresh.length, allowed, skipped: output.skipped.length }, failOn);
  return { check, current, fresh, failOn, output };
}
