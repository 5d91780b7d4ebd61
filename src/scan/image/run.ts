import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import type { Severity } from '../../core/result.js';
import { depsChecks, type DepsChecks } from '../deps/checks.js';
import { DEFAULT_FAIL_ON, openRegister, recordSightings, registerPolicyFromConfig } from '../register/index.js';
import { scanImage, type ImageScanResult } from './scan.js';

export interface ImageRunInput {
  /** The image (absolute path). */
  image: string;
  scan?: ScanConfig;
  /** Folder relative paths in the config are resolved against. */
  configDir: string;
  /** Overrides from the command line. */
  db?: string;
  failOn?: Severity;
  maxDbAgeMs?: number;
  signal?: AbortSignal;
  now?: Date;
}

/** The image scan as the CLI and `gonogo run` do it: scan -> remediation register -> checks (`image.*`). */
export async function runImage(input: ImageRunInput): Promise<DepsChecks & { result: ImageScanResult }> {
  const deps = input.scan?.deps;
  // The image scan reads the same OSV data as `scan deps` (scan.deps.db), Debian and Alpine archives included.
  const db = input.db ?? (deps?.db ? path.resolve(input.configDir, deps.db) : undefined);
  const result = await scanImage({ image: input.image, ...(db ? { db } : {}), ...(deps?.unscoredSeverity ? { unscoredSeverity: deps.unscoredSeverity } : {}), ...(input.signal ? { signal: input.signal } : {}) });
  const register = await openRegister(input.scan, input.configDir);
  const now = input.now ?? new Date();
  const checks = depsChecks(result, {
    subject: 'image',
    failOn: input.failOn ?? input.scan?.failOn ?? DEFAULT_FAIL_ON,
    maxDbAgeMs: input.maxDbAgeMs ?? deps?.maxDbAgeMs,
    policy: registerPolicyFromConfig(input.scan, register ? { firstSeen: register.firstSeen } : {}),
    now,
  });
  if (register) await recordSightings(register.file, [...checks.outcome.open, ...checks.outcome.suppressed.map((s) => s.finding)], now);
  return { ...checks, result };
}

/** One line describing what was scanned, for stderr and the part log. */
export function imageSummary(r: ImageScanResult): string {
  const os = r.image.os ? (r.image.os.prettyName ?? `${r.image.os.id} ${r.image.os.versionId ?? ''}`.trim()) : 'unknown distribution';
  const tags = r.image.tags.length > 0 ? ` ${r.image.tags.join(', ')}` : '';
  return `image${tags}: ${r.image.kind}, ${r.image.layers} layer${r.image.layers === 1 ? '' : 's'}, ${r.image.entries} entries, ${os}; ${r.packages} packages in ${r.lockfiles.length} package lists (read in ${r.readSeconds.toFixed(1)} s)`;
}
