import path from 'node:path';
import type { ScanConfig } from '../../core/config/scan-section.js';
import { UsageError } from '../../core/errors.js';
import type { Finding } from '../../core/result.js';
import { firstSeenMap, readRegister, updateRegister, writeRegister } from './store.js';

/** `scan.register` opened for one scan: where it is and when each known finding was first seen. */
export interface OpenRegister {
  file: string;
  firstSeen: Map<string, string>;
}

/** The register file a scan uses (relative to the config's folder), read; undefined when `scan.register` is not set. */
export async function openRegister(scan: ScanConfig | undefined, configDir: string): Promise<OpenRegister | undefined> {
  if (!scan?.register) return undefined;
  const file = path.resolve(configDir, scan.register);
  try {
    return { file, firstSeen: firstSeenMap(await readRegister(file)) };
  } catch (err) {
    throw new UsageError(`cannot read the register ${file}: ${(err as Error).message}`, { where: 'scan.register', hint: 'fix or delete the file; gonogo writes it as { "schema": "gonogo/register@1", "findings": {...} }' });
  }
}

// Scanners that share one register file run side by side in `gonogo run`: writes to a file queue up, and each
// re-reads the file first, so one scanner's sightings never overwrite another's.
const queues = new Map<string, Promise<void>>();

/** Record the findings seen this run (open and suppressed alike) in the register file. */
export async function recordSightings(file: string, findings: readonly Finding[], now: Date): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => {
    await writeRegister(file, updateRegister(await readRegister(file), findings, now));
  });
  queues.set(file, next);
  try {
    await next;
  } finally {
    if (queues.get(file) === next) queues.delete(file);
  }
}
