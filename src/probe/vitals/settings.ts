import { GonogoError, UsageError } from '../../core/errors.js';

/** The parser lives in core (the config validates `pages.thresholds` with it). */
export { parseVitalsThreshold } from '../../core/vitals.js';

/** Only absolute http(s) URLs are loaded; anything else is a usage error naming the argument. */
export function checkPageUrl(url: string, where: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new GonogoError('GONOGO_URL_INVALID', `"${url}" is not an absolute http:// or https:// URL`, { where, hint: 'e.g. http://127.0.0.1:3000/' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new GonogoError('GONOGO_URL_INVALID', `"${url}" is not an http:// or https:// URL`, { where, hint: 'e.g. http://127.0.0.1:3000/' });
  return u.href;
}

export function positiveInt(value: string | number | undefined, where: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${where} expects a whole number from 1 to ${max}, got "${value}"`, { where });
  return n;
}

/** The same defaults for `gonogo vitals` and the `pages` part (docs/vitals.md). */
export const VITALS_DEFAULTS = Object.freeze({ runs: 5, pageTimeoutMs: 30_000, maxTimeMs: 300_000, settleMs: 1000 });
