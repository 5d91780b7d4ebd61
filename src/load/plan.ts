import type { Endpoint } from './http/connection.js';
import { FULL_STRIPE, type Stripe } from './segment/execution-segment.js';
import type { H2Request } from './http/h2-request.js';
import type { StreamKind } from './http/event-stream.js';

/** One request shape a worker sends; quick mode has exactly one. */
export interface RequestTemplate {
  /** Endpoint name used in results and threshold tags, e.g. "GET /api/items". */
  name: string;
  method: string;
  path: string;
  /** The encoded request bytes (see http/request.ts). */
  bytes: Uint8Array;
  /** Kept to re-encode redirect hops. */
  headers: Record<string, string>;
  body?: string;
}

/** Everything one worker needs, as plain data (it crosses a thread boundary). */
export interface WorkerPlan {
  index: number;
  workers: number;
  endpoint: Endpoint;
  requests: RequestTemplate[];
  connections: number;
  /** Requests per second for this worker (open model), or null for the closed model. */
  rate: number | null;
  /** Offset of this worker's schedule so that the workers' sends interleave evenly (whole run). */
  phaseMs: number;
  /** Open model: ms between global send slots (1000 / the whole run's rate); slot k is due at k * slotMs. */
  slotMs: number;
  /** The global slots this run's execution segment takes; worker i of n sends the segment's picks i, i+n, ... */
  stripe: Stripe;
  /** Epoch milliseconds (performance.timeOrigin + now()) at which every worker starts. */
  startAt: number;
  durationMs: number;
  timeoutMs: number;
  /** How long in-flight requests may finish after the duration before they are abandoned. */
  graceMs: number;
  /** A send this much after its intended time counts as late (open model). */
  lateMs: number;
  /** Same-origin redirects to follow per request (0: record 3xx as is). */
  maxRedirects: number;
  /** "http://host:port" of the target, for resolving Location headers. */
  origin: string;
  /** HTTP/2 (negotiated or forced before the run): `connections` connections with `streams` slots each. */
  h2?: { request: H2Request; streams: number };
  /** Time the events of streamed responses (--sse: server-sent events; ndjson: JSON lines). */
  stream?: StreamKind;
  /** The largest streamed event accepted (bytes); default MAX_EVENT_BYTES. */
  maxEventBytes?: number;
}

/**
 * Split connections and rate across workers. Pure: unit-tested without threads.
 * A worker with no connection is pointless, so there are never more workers than connections.
 */
export function splitAcrossWorkers(connections: number, rate: number | null, workers: number): { connections: number; rate: number | null; phaseMs: number }[] {
  const n = Math.max(1, Math.min(workers, connections));
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(connections / n) + (i < connections % n ? 1 : 0);
    out.push({
      connections: c,
      rate: rate === null ? null : rate / n,
      // Worker i sends the i-th of every n global slots: global interval 1000/rate ms.
      phaseMs: rate === null ? 0 : (i * 1000) / rate,
    });
  }
  return out;
}

/** What every worker shares; the per-worker parts come from splitAcrossWorkers. */
export type SharedPlan = Omit<WorkerPlan, 'index' | 'workers' | 'requests' | 'connections' | 'rate' | 'phaseMs' | 'slotMs' | 'stripe'> & { template: RequestTemplate; stripe?: Stripe };

/** `rate`: the whole run's rate (the segment's slots are picked from it), null for the closed model. */
export function buildWorkerPlans(shares: ReturnType<typeof splitAcrossWorkers>, shared: SharedPlan, rate: number | null = null): WorkerPlan[] {
  const { template, stripe = FULL_STRIPE, ...rest } = shared;
  const slotMs = rate === null ? 0 : 1000 / rate;
  return shares.map((s, index) => ({ ...rest, index, workers: shares.length, requests: [template], connections: s.connections, rate: s.rate, phaseMs: s.phaseMs, slotMs, stripe }));
}
