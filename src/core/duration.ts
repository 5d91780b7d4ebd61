import { UsageError } from './errors.js';

/**
 * The one syntax for every duration and age gonogo reads (load durations, timeouts, windows, cache
 * ages, data freshness, SLAs): a number with a unit, or several added up ("1m30s", "1d12h"), or a
 * bare number in the caller's `bare` unit. Units: ms, s, m, h, d, w. Spaces between parts are allowed.
 */
export const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS_MS;

const BARE = /^\d+(?:\.\d+)?$/;
// `ms` before `m`, so "500ms" is not read as 500 minutes and an "s".
const PART = /\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/y;

/** Milliseconds, or undefined when `input` is not a duration (or is negative). */
export function readDuration(input: string | number, bare: DurationUnit = 's'): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input * DURATION_UNITS_MS[bare] : undefined;
  const s = input.trim();
  if (BARE.test(s)) return Number(s) * DURATION_UNITS_MS[bare];
  PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let m = PART.exec(s); m !== null; m = PART.exec(s)) {
    total += Number(m[1]) * DURATION_UNITS_MS[m[2] as DurationUnit];
    end = PART.lastIndex;
  }
  return end > 0 && end === s.length ? total : undefined;
}

/** What a duration looks like, for hints: bare numbers are in `bare` units. */
function durationHint(bare: DurationUnit = 's'): string {
  const unit = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' }[bare];
  return `use a number of ${unit} or a string like "30s", "1m30s", "500ms", "2h", "7d"`;
}

/**
 * readDuration for user input that must be valid: milliseconds, or a UsageError naming `where`
 * (the flag or config path).
 */
export function parseDuration(input: string | number, where: string, bare: DurationUnit = 's'): number {
  const ms = readDuration(input, bare);
  if (ms === undefined) throw new UsageError(typeof input === 'number' ? `invalid duration ${input}` : `invalid duration "${input}"`, { where, hint: durationHint(bare) });
  return ms;
}
