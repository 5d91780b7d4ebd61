import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import type { Severity } from '../../core/result.js';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_FAIL_ON, firstSeenMap, readRegister, registerPolicyFromConfig, updateRegister, writeRegister, type RegisterFile } from '../register/index.js';
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
  const registerFile = input.scan?.register ? path.resolve(input.configDir, input.scan.register) : undefined;
  const register = registerFile ? await loadRegister(registerFile) : undefined;
  const now = input.now ?? new Date();
  const checks = depsChecks(result, {
    failOn: input.failOn ?? input.scan?.failOn ?? DEFAULT_FAIL_ON,
    maxDbAgeMs: input.maxDbAgeMs ?? deps?.maxDbAgeMs,
    policy: registerPolicyFromConfig(input.scan, register ? { firstSeen: firstSeenMap(register) } : {}),
    now,
  });
  if (registerFile && register) {
    // Everything seen this run, suppressed or not, so a lapsed suppression's due date counts from the first sighting.
    await writeRegister(registerFile, updateRegister(register, [...checks.outcome.open, ...checks.outcome.suppressed.map((s) => s.finding)], now));
  }
  return { ...checks, result };
}

async function loadRegister(file: string): Promise<RegisterFile> {
  try {
    return await readRegister(file);
  } catch (err) {
    throw new UsageError(`cannot read the register ${file}: ${(err as Error).message}`, { where: 'scan.register', hint: 'fix or delete the file; gonogo writes it as { "schema": "gonogo/register@1", "findings": {...} }' });
  }
}
