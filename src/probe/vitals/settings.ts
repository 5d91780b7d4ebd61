import { GonogoError, UsageError } from '../../core/errors.js';
import { parseThreshold, type Threshold } from '../../core/thresholds/index.js';
import { VITALS_METRICS } from './stats.js';

/**
 * Vitals thresholds use the load thresholds' grammar and parser over the vitals' own metrics. The colon after the
 * metric may be left out (`lcp p(75)<2500` is `lcp: p(75)<2500`), as with `phase:ttfb p(95)<200`.
 */
export function parseVitalsThreshold(input: string, where: string): Threshold {
  const m = /^\s*(lcp|cls|inp|fcp|ttfb)(\{[^}]*\})?\s+(?!:)(.*)$/i.exec(input);
  const text = m ? `${m[1]!.toLowerCase()}${m[2] ?? ''}: ${m[3]}` : input;
  const t = parseThreshold(text, where, VITALS_METRICS);
  return { ...t, source: input };
}

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
