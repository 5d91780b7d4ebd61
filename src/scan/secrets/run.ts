import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import type { CheckResult, Finding, Severity } from '../../core/result.js';
import { applyRegister, openRegister, recordSightings, registerEvidence, registerPolicyFromConfig, type RegisterOutcome } from '../register/index.js';
import { readBaseline } from './baseline.js';
import { customSecretRules } from './custom-rules.js';
import { secretsCheck, toFinding } from './findings.js';
import { SECRET_RULES } from './rules/index.js';
import { scanSecrets, type SecretsScanOutput, type SecretsSource } from './scan.js';
import { verifyHits, type VerifyStats } from './verify.js';

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
  /** The clock for the register's due dates (tests pin it). */
  now?: Date;
  /** --verify: ask the providers whether found credentials are live (verify.ts); default `scan.secrets.verify`. */
  verify?: boolean;
}

export interface RunSecretsResult {
  check: CheckResult;
  /** Every finding after inline allows, before the baseline (what --write-baseline records). */
  current: Finding[];
  /** Findings not in the baseline. */
  fresh: Finding[];
  /** Fresh findings the register left open (suppressions applied, priority and due date set): what the check reports and the gate counts. */
  open: Finding[];
  register: RegisterOutcome;
  failOn: Severity;
  output: SecretsScanOutput;
  /** Set with `verify`. */
  verification?: VerifyStats;
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
    ...(cfg?.decode !== undefined ? { decode: cfg.decode } : {}),
    ...(cfg?.custom && cfg.custom.length > 0 ? { rules: [...SECRET_RULES, ...customSecretRules(cfg.custom)] } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const verification = (o.verify ?? cfg?.verify === true) ? await verifyHits(output.hits, o.signal) : undefined;
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
  // The remediation register, as for every scanner: suppressions, priority, due date (docs/remediation.md).
  const now = o.now ?? new Date();
  const reg = o.skipBaseline ? undefined : await openRegister(o.scan, o.configDir);
  const register = applyRegister(fresh, registerPolicyFromConfig(o.scan, reg ? { firstSeen: reg.firstSeen } : {}), now);
  // Only whole-tree views record sightings: stdin and the staged index see part of the project.
  if (reg && (o.source.kind === 'dir' || o.source.kind === 'git')) {
    await recordSightings(reg.file, [...register.open, ...register.suppressed.map((x) => x.finding)], now);
  }
  const summary = { files: output.files, bytes: output.bytes, baselined: current.length - fresh.length, allowed, skipped: output.skipped.length, register: registerEvidence(register, now) };
  const check = secretsCheck(register.open, summary, failOn);
  return { check, current, fresh, open: register.open, register, failOn, output, ...(verification ? { verification } : {}) };
}
