import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import type { Severity } from '../../core/result.js';
import { DEFAULT_FAIL_ON, openRegister, recordSightings, registerPolicyFromConfig } from '../register/index.js';
import { depsChecks, type DepsChecks } from './checks.js';
import { scanDeps, type DepsScanResult } from './scan.js';

export interface DepsRunInput {
  /** Folder (or lockfile) to scan, absolute. */
  root: string;
  scan?: ScanConfig;
  /** Folder relative paths in the config are resolved against (the config file's folder). */
  configDir: string;
  /** Overrides from the command line. */
  db?: string;
  failOn?: Severity;
  maxDbAgeMs?: number;
  signal?: AbortSignal;
  now?: Date;
}

/** The whole deps scan as the CLI and `gonogo run` do it: config + flags -> scan -> register -> checks. */
export async function runDeps(input: DepsRunInput): Promise<DepsChecks & { result: DepsScanResult }> {
  const deps = input.scan?.deps;
  const db = input.db ?? (deps?.db ? path.resolve(input.configDir, deps.db) : undefined);
  const result = await scanDeps({ root: input.root, db, exclude: input.scan?.exclude ? [...input.scan.exclude] : undefined, unscoredSeverity: deps?.unscoredSeverity, includeDev: deps?.includeDev, signal: input.signal });
  const register = await openRegister(input.scan, input.configDir);
  const now = input.now ?? new Date();
  const checks = depsChecks(result, {
    failOn: input.failOn ?? input.scan?.failOn ?? DEFAULT_FAIL_ON,
    maxDbAgeMs: input.maxDbAgeMs ?? deps?.maxDbAgeMs,
    policy: registerPolicyFromConfig(input.scan, register ? { firstSeen: register.firstSeen } : {}),
    now,
  });
  if (register) {
    // Everything seen this run, suppressed or not, so a lapsed suppression's due date counts from the first sighting.
    await recordSightings(register.file, [...checks.outcome.open, ...checks.outcome.suppressed.map((s) => s.finding)], now);
  }
  return { ...checks, result };
}
