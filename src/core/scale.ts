import { UsageError } from './errors.js';

/**
 * `--scale` / `run.scale`: how much of the configured load a run does (0.1 = a tenth of the time
 * and users). One bound for every command, so a value the CLI accepts never fails later in a part.
 */
export const MAX_SCALE = 10;

export function isScale(n: number): boolean {
  return Number.isFinite(n) && n > 0 && n <= MAX_SCALE;
}

/** 1 when not given; a UsageError naming `where` unless 0 < n <= MAX_SCALE. */
export function parseScale(v: string | number | undefined, where = '--scale'): number {
  if (v === undefined) return 1;
  const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
  if (!isScale(n)) throw new UsageError(`${where} must be a number greater than 0 and at most ${MAX_SCALE}, got "${v}"`, { where, hint: 'e.g. --scale 0.1 runs a tenth of the users for a tenth of the time' });
  return n;
}
