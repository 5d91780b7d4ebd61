import { z } from 'zod';
import { durationInput, isHttpUrl, nonNegativeInt, positiveInt, positiveNumber, toMs, type DurationInput } from './fields.js';
import type { ConfigSection, SectionContext } from './section.js';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const URL_OR_PATH = 'expected an absolute http(s) URL or a path starting with "/"';
const HEADER_NAME = 'expected a header name (letters, digits and !#$%&\'*+-.^_`|~)';

// Threshold expressions belong to the thresholds module; here only their container shape is checked.
const thresholdEntry = z.union(
  [
    z.string().regex(/\S/, { error: 'expected a non-empty threshold expression' }),
    z.strictObject({
      threshold: z.string({ error: 'expected a threshold expression string' }).regex(/\S/, { error: 'expected a non-empty threshold expression' }),
      abortOnFail: z.boolean().optional(),
      delayAbortEval: durationInput().optional(),
    }),
  ],
  { error: 'expected a threshold expression string or { threshold, abortOnFail?, delayAbortEval? }' },
);
const thresholds = z.union(
  [z.array(thresholdEntry), z.record(z.string(), z.array(thresholdEntry, { error: 'expected a list of threshold expressions' }))],
  { error: 'expected a list of thresholds, or a mapping from metric to a list of thresholds' },
);

export const loadSchema = z.strictObject({
  url: z.string().refine((s) => isHttpUrl(s) || s.startsWith('/'), { error: URL_OR_PATH }).optional(),
  method: z.enum(HTTP_METHODS).optional(),
  headers: z
    .record(
      z.string().regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, { error: HEADER_NAME }),
      z.string({ error: 'expected a string header value' }).refine((v) => !/[\r\n]/.test(v), { error: 'header values cannot contain line breaks' }),
    )
    .optional(),
  body: z.string().optional(),
  connections: positiveInt().optional(),
  duration: durationInput().optional(),
  rate: positiveNumber().optional(),
  workers: z.union([z.literal('auto'), positiveInt()], { error: 'expected "auto" or a positive integer' }).optional(),
  timeout: durationInput().optional(),
  maxRedirects: nonNegativeInt().optional(),
  insecure: z.boolean().optional(),
  thresholds: thresholds.optional(),
});

export type LoadConfigInput = z.input<typeof loadSchema>;
export type ThresholdEntry = string | { readonly threshold: string; readonly abortOnFail?: boolean; readonly delayAbortEval?: DurationInput };
/** As written by the user (list, or k6-style metric -> list); parsed by the thresholds module. */
export type ThresholdsConfig = readonly ThresholdEntry[] | Readonly<Record<string, readonly ThresholdEntry[]>>;

/** The `load` section after normalisation: only keys the user set; durations in ms; `url` absolute once `target` is known. */
export interface LoadConfig {
  readonly url?: string;
  readonly method?: HttpMethod;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly connections?: number;
  readonly durationMs?: number;
  readonly rate?: number;
  readonly workers?: number | 'auto';
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly insecure?: boolean;
  readonly thresholds?: ThresholdsConfig;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `/api/items` joined onto the target's path (not replacing it), so a target of http://h/v1 gives http://h/v1/api/items. */
export function joinUrl(target: string, path: string): string {
  const base = new URL(target);
  return new URL(`${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`, base.origin).href;
}

export const loadSection: ConfigSection<typeof loadSchema, LoadConfig> = {
  schema: loadSchema,

  normalise(input, { at, top, problems }) {
    const { duration, timeout, url, ...rest } = input;
    const out: Mutable<LoadConfig> = { ...rest };
    if (url !== undefined) out.url = url.startsWith('/') && top.target ? joinUrl(top.target, url) : url;
    if (duration !== undefined) out.durationMs = toMs(duration, [...at, 'duration'], problems, { positive: true });
    if (timeout !== undefined) out.timeoutMs = toMs(timeout, [...at, 'timeout'], problems, { positive: true });
    checkThresholdDelays(input.thresholds, { at, top, problems });
    return out;
  },

  rules(load, { at, top, problems }) {
    if (load.url?.startsWith('/') && top.target === undefined && !problems.failed(['target'])) {
      problems.add([...at, 'url'], `"${load.url}" is a path, so \`target\` (the base URL) must be set; or give an absolute URL`);
    }
    if (load.body !== undefined && (load.method === 'GET' || load.method === 'HEAD')) {
      problems.add([...at, 'body'], `a ${load.method} request cannot carry a body; set load.method to POST, PUT or PATCH`);
    }
    if (typeof load.workers === 'number' && load.connections !== undefined && load.workers > load.connections) {
      problems.add([...at, 'workers'], `${load.workers} workers need at least as many connections, but load.connections is ${load.connections}`);
    }
  },
};

/** delayAbortEval stays raw for the thresholds module, but a bad duration is still a config problem now. */
function checkThresholdDelays(t: LoadConfigInput['thresholds'], { at, problems }: SectionContext): void {
  if (t === undefined) return;
  const lists: [(string | number)[], readonly ThresholdEntry[]][] = Array.isArray(t)
    ? [[[...at, 'thresholds'], t]]
    : Object.entries(t).map(([metric, list]) => [[...at, 'thresholds', metric], list]);
  for (const [path, list] of lists) {
    list.forEach((e, i) => {
      if (typeof e === 'object' && e.delayAbortEval !== undefined) toMs(e.delayAbortEval, [...path, i, 'delayAbortEval'], problems);
    });
  }
}
