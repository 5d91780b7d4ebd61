import { z } from 'zod';

/**
 * Fault-injection knobs: tests and demos turn them to create known conditions (a slow route,
 * a failing fraction, a slow model). Settable at start, with setKnobs(), or PATCH /api/admin/knobs.
 */
export interface Knobs {
  /** Added to every request except /metrics and /api/admin/*, in milliseconds. */
  latencyMs: number;
  /** A further uniform random 0..latencyJitterMs on top of latencyMs. */
  latencyJitterMs: number;
  /** Extra latency per route: key is a route pattern or its prefix, e.g. "/api/items" or "/api/items/:id". */
  routeLatencyMs: Record<string, number>;
  /** Fraction (0..1) of requests answered with errorStatus instead of being served. */
  errorRate: number;
  /** Status of an injected error. */
  errorStatus: 500 | 503;
  /** Simulated time per generated token in the model gateway, in milliseconds. */
  tokenLatencyMs: number;
  /** Model gateway: extra wait before the first token (prompt processing), in milliseconds. */
  firstTokenMs: number;
  /** Simulated work time of one task in the task queue, in milliseconds. */
  taskDurationMs: number;
  /** The built-in request filter (403 to SQLi / XSS / traversal / command injection payloads). */
  requestFilter: boolean;
  /** Connections in the database pool (HikariCP's maximumPoolSize); shrink it to make the pool the bottleneck. */
  dbPoolSize: number;
  /** Extra time every SQL statement holds its connection, in milliseconds (a slow query or a distant database). */
  dbLatencyMs: number;
  /** Items kept in the read cache (0: no cache); shrink it to make the hit rate fall. */
  cacheSize: number;
  /** UI page /app: insert a banner above the content this long after load, in ms (0: none); a layout shift (CLS). */
  appBannerDelayMs: number;
  /** UI page /app: the search button's click handler blocks the main thread this long, in ms (INP). */
  appClickBlockMs: number;
}

export const DEFAULT_KNOBS: Readonly<Knobs> = Object.freeze({
  latencyMs: 0,
  latencyJitterMs: 0,
  routeLatencyMs: {},
  errorRate: 0,
  errorStatus: 500,
  tokenLatencyMs: 2,
  firstTokenMs: 0,
  taskDurationMs: 20,
  requestFilter: true,
  dbPoolSize: 10,
  dbLatencyMs: 0,
  cacheSize: 1000,
  appBannerDelayMs: 0,
  appClickBlockMs: 0,
});

const ms = z.number().finite().min(0).max(600_000);

export const knobsPatchSchema = z
  .object({
    latencyMs: ms,
    latencyJitterMs: ms,
    routeLatencyMs: z.record(z.string().startsWith('/'), ms),
    errorRate: z.number().min(0).max(1),
    errorStatus: z.union([z.literal(500), z.literal(503)]),
    tokenLatencyMs: z.number().finite().min(0).max(10_000),
    firstTokenMs: z.number().finite().min(0).max(60_000),
    taskDurationMs: ms,
    requestFilter: z.boolean(),
    dbPoolSize: z.number().int().min(1).max(1000),
    dbLatencyMs: ms,
    cacheSize: z.number().int().min(0).max(1_000_000),
    appBannerDelayMs: z.number().finite().min(0).max(60_000),
    appClickBlockMs: z.number().finite().min(0).max(10_000),
  })
  .partial()
  .strict();

/** Validate a partial update and apply it; throws a readable Error listing every problem. */
export function mergeKnobs(current: Knobs, patch: unknown): Knobs {
  const parsed = knobsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(knobs)'}: ${i.message}`);
    throw new KnobsError(problems);
  }
  return { ...current, ...parsed.data, routeLatencyMs: parsed.data.routeLatencyMs ?? current.routeLatencyMs };
}

export class KnobsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid knobs: ${problems.join('; ')}`);
    this.name = 'KnobsError';
  }
}

/** Extra latency for one request: fixed + jitter + the longest matching per-route entry. */
export function injectedLatencyMs(k: Knobs, route: string, random: () => number = Math.random): number {
  let extra = 0;
  for (const key in k.routeLatencyMs) {
    if (route === key || route.startsWith(key.endsWith('/') ? key : `${key}/`)) extra = Math.max(extra, k.routeLatencyMs[key]!);
  }
  return k.latencyMs + (k.latencyJitterMs > 0 ? random() * k.latencyJitterMs : 0) + extra;
}
