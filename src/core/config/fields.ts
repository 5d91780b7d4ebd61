import { z } from 'zod';
import { parseDuration } from '../duration.js';
import type { ConfigPath, Problems } from './problems.js';

/** Field schemas shared by config sections, each with the message a user should read when it is wrong. */

const POSITIVE_INT = 'expected a positive integer';
export const positiveInt = () => z.int({ error: POSITIVE_INT }).min(1, { error: POSITIVE_INT });

const NON_NEGATIVE_INT = 'expected an integer >= 0';
export const nonNegativeInt = () => z.int({ error: NON_NEGATIVE_INT }).min(0, { error: NON_NEGATIVE_INT });

const POSITIVE_NUMBER = 'expected a number > 0';
export const positiveNumber = () => z.number({ error: POSITIVE_NUMBER }).positive({ error: POSITIVE_NUMBER });

export const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
};

const HTTP_URL = 'expected an absolute http:// or https:// URL';
export const httpUrl = () => z.string({ error: HTTP_URL }).refine(isHttpUrl, { error: HTTP_URL });

/** Durations are checked in normalise (parseDuration semantics); the schema only fixes the shape. */
const DURATION = 'expected a duration like "30s", "1m30s", "500ms" or a number of seconds';
export const durationInput = () => z.union([z.string(), z.number()], { error: DURATION });
export type DurationInput = string | number;

/** Milliseconds for a duration, or undefined after recording a problem (never throws). */
export function toMs(value: DurationInput, path: ConfigPath, problems: Problems, opts: { positive?: boolean } = {}): number | undefined {
  const got = typeof value === 'string' ? JSON.stringify(value) : String(value);
  let ms: number;
  try {
    ms = parseDuration(value, path.join('.'));
  } catch {
    problems.add(path, `${DURATION}, got ${got}`);
    return undefined;
  }
  if (opts.positive && ms <= 0) {
    problems.add(path, `expected a duration greater than 0, got ${got}`);
    return undefined;
  }
  return ms;
}
