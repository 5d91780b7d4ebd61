import { UsageError } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parse a k6-style duration ("30s", "1m30s", "500ms", "2h") or a bare number of seconds.
 * Returns milliseconds. `where` names the flag or config path for the error message.
 */
export function parseDuration(input: string | number, where: string): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new UsageError(`invalid duration ${input}`, { where, hint: 'use a positive number of seconds or a string like "30s", "1m30s", "500ms"' });
    return input * 1000;
  }
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== s.length) {
    throw new UsageError(`invalid duration "${input}"`, { where, hint: 'use a number of seconds or a string like "30s", "1m30s", "500ms", "2h"' });
  }
  return total;
}
