import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import type { Severity } from '../../core/result.js';
import { DEFAULT_FAIL_ON, registerPolicyFromConfig } from '../register/index.js';
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
  const checks = depsChecks(result, {
    failOn: input.failOn ?? input.scan?.failOn ?? DEFAULT_FAIL_ON,
    maxDbAgeMs: input.maxDbAgeMs ?? deps?.maxDbAgeMs,
    policy: registerPolicyFromConfig(input.scan),
    now: input.now,
  });
  return { ...checks, result };
}
