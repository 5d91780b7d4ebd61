import { z } from 'zod';
import { durationInput, httpUrl, isHttpUrl, nonNegativeInt, positiveInt, positiveNumber, toMs, type DurationInput } from './fields.js';
import type { ConfigSection } from './section.js';
import { SERVER_RESOURCES, SERVER_ROLES, type SeriesKey } from '../server-metrics.js';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const URL_OR_PATH = 'expected an absolute http(s) URL or a path starting with "/"';
const WORKERS = 'expected "auto" or a positive integer';
const HEADER_NAME = 'expected a header name (letters, digits and !#$%&\'*+-.^_`|~)';

// Threshold expressions belong to the thresholds module; here only their container shape (and delays) is checked.
const expression = z.string().regex(/\S/, { error: 'expected a non-empty threshold expression' });
const thresholdEntry = z.union(
  [
    expression,
    z.strictObject({
      threshold: z.string({ error: 'expected a threshold expression string' }).regex(/\S/, { error: 'expected a non-empty threshold expression' }),
      abortOnFail: z.boolean().optional(),
      delayAbortEval: durationInput().optional(),
    }),
  ],
  { error: 'expected a threshold expression string or { threshold, abortOnFail?, delayAbortEval? }' },
);
// YAML reads an unquoted `- http_reqs: rate>10` list item as a one-key map; take it as "selector: condition".
const ENTRY_KEYS = ['threshold', 'abortOnFail', 'delayAbortEval'];
const listEntry = z.preprocess((v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const entries = Object.entries(v);
  const [key, cond] = entries[0] ?? [];
  return entries.length === 1 && !ENTRY_KEYS.includes(key as string) && typeof cond === 'string' ? `${key}: ${cond}` : v;
}, thresholdEntry);
// Same forms the thresholds module reads: a list, k6's map of selector -> list (or one entry), or one expression.
export const thresholdsSchema = z.union(
  [
    z.array(listEntry),
    z.record(z.string(), z.union([thresholdEntry, z.array(thresholdEntry)], { error: 'expected a threshold expression or a list of them' })),
    expression,
  ],
  { error: 'expected a list of thresholds, or a mapping from metric to a list of thresholds' },
);

const SERIES_KEY = `expected resource.role, e.g. db_pool.used (resources: ${SERVER_RESOURCES.join(', ')}; roles: ${SERVER_ROLES.join(', ')})`;
const seriesKey = z.string({ error: SERIES_KEY }).refine((k) => {
  const [r, role, ...rest] = k.split('.');
  return rest.length === 0 && (SERVER_RESOURCES as readonly string[]).includes(r ?? '') && (SERVER_ROLES as readonly string[]).includes(role ?? '');
}, { error: SERIES_KEY });
const metricsUrl = httpUrl();
const prometheusSchema = z.strictObject({
  url: httpUrl(),
  queries: z.record(seriesKey, z.string().regex(/\S/, { error: 'expected a PromQL query' })).optional(),
  selector: z.string().min(1).optional(),
  timeout: durationInput({ positive: true }).optional(),
});

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
  duration: durationInput({ positive: true }).optional(),
  rate: positiveNumber().optional(),
  // zod narrows `0` to the integer branch, so that branch carries the full message too.
  workers: z.union([z.literal('auto'), positiveInt(WORKERS)], { error: WORKERS }).optional(),
  timeout: durationInput({ positive: true }).optional(),
  maxRedirects: nonNegativeInt().optional(),
  insecure: z.boolean().optional(),
  /** auto: HTTP/2 when the server's ALPN picks it (https), else HTTP/1.1; http2 over http:// is h2c. */
  protocol: z.enum(['auto', 'http1', 'http2'], { error: 'expected auto, http1 or http2' }).optional(),
  /** HTTP/2: requests in flight per connection. */
  streams: positiveInt().optional(),
  /** Time a streamed body's events: server-sent events or JSON lines. */
  stream: z.enum(['sse', 'ndjson'], { error: 'expected sse or ndjson' }).optional(),
  /** The largest streamed event accepted, in bytes (a larger one is a `stream` error). */
  maxEventBytes: positiveInt().optional(),
  thresholds: thresholdsSchema.optional(),
  /** Scripted scenario file(s), relative to the config file. */
  scenario: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'expected a scenario file path or a list of them' }).optional(),
  /** A profile (built-in or from `profiles`) to run the scenario(s) or URL with. */
  profile: z.string().min(1).optional(),
  /** Prometheus text / OpenMetrics endpoints scraped during the run (docs/server-metrics.md). */
  metrics: z.union([metricsUrl, z.array(metricsUrl).min(1)], { error: 'expected a metrics URL or a list of them' }).optional(),
  metricsInterval: durationInput({ positive: true }).optional(),
  /** Custom metric families -> resource.role. */
  metricsMap: z.record(z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric family name' }), seriesKey).optional(),
  /** Ceilings the metrics do not expose: cpu in cores, memory in bytes. */
  metricsLimits: z.strictObject({ cpu: positiveNumber().optional(), memory: positiveNumber().optional() }).optional(),
  prometheus: prometheusSchema.optional(),
});

export type LoadConfigInput = z.input<typeof loadSchema>;
export type ThresholdEntry = string | { readonly threshold: string; readonly abortOnFail?: boolean; readonly delayAbortEval?: DurationInput };
/** As written by the user (list, k6-style selector -> list or entry, or one expression); parsed by the thresholds module. */
export type ThresholdsConfig = string | readonly ThresholdEntry[] | Readonly<Record<string, ThresholdEntry | readonly ThresholdEntry[]>>;

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
  readonly protocol?: 'auto' | 'http1' | 'http2';
  readonly streams?: number;
  readonly stream?: 'sse' | 'ndjson';
  readonly maxEventBytes?: number;
  readonly thresholds?: ThresholdsConfig;
  /** Absolute paths of scenario files (relative ones resolved against the config file's folder by the CLI). */
  readonly scenario?: string | readonly string[];
  readonly profile?: string;
  readonly metrics?: string | readonly string[];
  readonly metricsIntervalMs?: number;
  readonly metricsMap?: Readonly<Record<string, SeriesKey>>;
  readonly metricsLimits?: { readonly cpu?: number; readonly memory?: number };
  readonly prometheus?: { readonly url: string; readonly queries?: Readonly<Record<string, string>>; readonly selector?: string; readonly timeoutMs?: number };
}

/** `/api/items` joined onto the target's path (not replacing it), so a target of http://h/v1 gives http://h/v1/api/items. */
export function joinUrl(target: string, path: string): string {
  const base = new URL(target);
  return new URL(`${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`, base.origin).href;
}

export const loadSection: ConfigSection<typeof loadSchema, LoadConfig> = {
  schema: loadSchema,

  normalise(input, { top }) {
    // Keys stay in schema order, so `gonogo config check` prints them the way this file lists them.
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (key === 'duration' || key === 'timeout' || key === 'metricsInterval') out[`${key}Ms`] = toMs(value as DurationInput);
      else if (key === 'prometheus') {
        const { timeout, ...rest } = value as { timeout?: DurationInput };
        out.prometheus = timeout === undefined ? rest : { ...rest, timeoutMs: toMs(timeout) };
      }
      else if (key === 'url' && typeof value === 'string') out.url = value.startsWith('/') && top.target ? joinUrl(top.target, value) : value;
      else out[key] = value;
    }
    return out as LoadConfig;
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
