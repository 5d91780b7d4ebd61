import { z } from 'zod';
import { parseDuration } from '../duration.js';

/** Field schemas shared by config sections, each with the message a user should read when it is wrong. */

const POSITIVE_INT = 'expected a positive integer';
export const positiveInt = (error = POSITIVE_INT) => z.int({ error }).min(1, { error });

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

// Written into YAML, JSON, PromQL and Go templates by `gonogo export monitoring`, which escapes it for each;
// control characters and line breaks have no business in a name shown in alert titles.
const SERVICE_NAME = 'expected a service name: 1 to 100 characters, not blank, no line breaks or control characters';
export const serviceName = () =>
  z.string({ error: SERVICE_NAME }).max(100, { error: SERVICE_NAME }).regex(/^[^\p{Cc}]*\S[^\p{Cc}]*$/u, { error: SERVICE_NAME });

/**
 * Durations use parseDuration's syntax. They are checked here in the schema (not left to throw in
 * normalise) so a bad one is reported together with every other problem in its section.
 */
const DURATION = 'expected a duration like "30s", "1m30s", "500ms" or a number of seconds';
const msOrUndefined = (v: unknown): number | undefined => {
  try {
    return typeof v === 'string' || typeof v === 'number' ? parseDuration(v, '') : undefined;
  } catch {
    return undefined;
  }
};
export const durationInput = (opts: { positive?: boolean } = {}) =>
  z.union([z.string(), z.number()], { error: DURATION }).refine((v) => {
    const ms = msOrUndefined(v);
    return ms !== undefined && (!opts.positive || ms > 0);
  }, { error: (iss) => (msOrUndefined(iss.input) === undefined ? DURATION : 'expected a duration greater than 0') });
export type DurationInput = string | number;

/** Milliseconds for a duration the schema has already accepted. */
export const toMs = (value: DurationInput): number => parseDuration(value, '');

// `dashboard`: true (127.0.0.1:5665), a port, or "host:port"; the live dashboard checks the rest when it starts.
const DASHBOARD = 'expected true, a port (e.g. 5665) or "host:port" (e.g. "127.0.0.1:5665")';
export const dashboardAddress = () =>
  z.union([z.literal(true, { error: DASHBOARD }), z.int({ error: DASHBOARD }).min(0, { error: DASHBOARD }).max(65535, { error: DASHBOARD }), z.string({ error: DASHBOARD }).regex(/^(?:(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?\d{1,5}$/, { error: DASHBOARD })], { error: DASHBOARD });

/** A JavaScript regular expression written in config (custom scan rules). */
export const regexSource = () =>
  z.string().min(1, { error: 'expected a regular expression' }).refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, { error: 'not a valid regular expression (JavaScript syntax); escape dots as \\.' });
