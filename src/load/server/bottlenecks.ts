import type { GeneratorReport, TimelinePoint } from '../../core/load-result.js';
import type { Bottleneck, ServerResource, ServerRole, ServerSeries } from '../../core/server-metrics.js';
import { SATURATION } from '../../core/metric-families.js';
import { formatBytes, formatValue, niceCeil, niceCeilBytes, pct } from './figures.js';

export interface BottleneckInput {
  series: readonly ServerSeries[];
  timeline: readonly TimelinePoint[];
  generator?: GeneratorReport;
  /** Ceilings the metrics do not expose (cores, bytes). */
  limits?: { cpu?: number; memory?: number };
}

/**
 * Saturation thresholds (docs/server-metrics.md "Rules"): the saturation points are core's SATURATION,
 * which the monitoring kit's resource alerts use too; the rest is about the shape of one run.
 */
export const RULES = {
  poolBusy: SATURATION.db_pool.usedOfLimit!,
  cpuBusy: SATURATION.cpu.usedOfLimit!,
  memoryNear: SATURATION.memory.usedOfLimit!,
  threadsBusy: SATURATION.thread_pool.usedOfLimit!,
  diskNear: SATURATION.disk.usedOfLimit!,
  cacheMemoryNear: SATURATION.cache.usedOfLimit!,
  lagSec: SATURATION.event_loop.lagSeconds!,
  queueGrowth: SATURATION.queue.queueGrowth!,
  hitDrop: 0.1,
  latencyRise: 1.5,
  memoryGrowth: 0.1,
} as const;

/** A group of series of one source and instance within one resource, by role. */
type Group = Partial<Record<ServerRole, ServerSeries>> & { source: string; instance?: string };

/**
 * Which resources saturated, first one first: each rule reads the aligned series (and the load
 * timeline for "while latency rises") and, when it fires, says when, with the values, and what to
 * change by how much. Pure: the capacity search calls it on each step's series.
 */
export function analyseBottlenecks(input: BottleneckInput): Bottleneck[] {
  const out: Bottleneck[] = [];
  const lat = latencyTrend(input.timeline);
  for (const g of groups(input.series, 'db_pool')) out.push(...pool(g, lat));
  const nodeSources = new Set(input.series.filter((s) => s.resource === 'event_loop').map((s) => s.source));
  for (const g of groups(input.series, 'cpu')) out.push(...cpu(g, input.limits?.cpu, nodeSources.has(g.source)));
  for (const g of groups(input.series, 'memory')) out.push(...memory(g, input.limits?.memory));
  for (const g of groups(input.series, 'cache')) out.push(...cache(g));
  for (const g of groups(input.series, 'event_loop')) out.push(...eventLoop(g));
  for (const g of groups(input.series, 'thread_pool')) out.push(...ceiling(g, 'thread_pool', RULES.threadsBusy, 'threads'));
  for (const g of groups(input.series, 'disk')) out.push(...ceiling(g, 'disk', RULES.diskNear, 'bytes'));
  for (const g of groups(input.series, 'queue')) out.push(...queue(g));
  if (input.generator?.bottleneck) {
    out.push({
      resource: 'generator',
      metric: 'generator self-check',
      at: null,
      severity: 'high',
      evidence: input.generator.reasons.join('; ') || 'the load generator limited the run',
      recommendation: `give the generator more room: --workers ${input.generator.workers + 1} or more cores, or split the load over machines; until then the server figures are a lower bound`,
    });
  }
  return out.sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1));
}

function groups(series: readonly ServerSeries[], resource: ServerResource): Group[] {
  const m = new Map<string, Group>();
  for (const s of series) {
    if (s.resource !== resource) continue;
    const id = `${s.source}\u0000${s.instance ?? ''}`;
    let g = m.get(id);
    if (!g) m.set(id, (g = { source: s.source, instance: s.instance }));
    g[s.role] = s;
  }
  return [...m.values()];
}

const at = (s: ServerSeries | undefined, t: number): number | undefined => s?.points.find((p) => p.t === t)?.v;
/** The value at t, or the latest one before it (a limit is scraped less reliably than it changes). */
const asOf = (s: ServerSeries | undefined, t: number): number | undefined => {
  let v: number | undefined;
  for (const p of s?.points ?? []) if (p.t <= t) v = p.v;
  return v ?? s?.points[0]?.v;
};
/**
 * The first point of a sustained crossing: at least two points cross (one when the series has fewer
 * than three), so a single stalled scrape on a busy machine is not called a bottleneck.
 */
function sustained<P extends { t: number; v: number }>(points: readonly P[], crosses: (p: P) => boolean): P | undefined {
  const over = points.filter(crosses);
  return over.length >= (points.length < 3 ? 1 : 2) ? over[0] : undefined;
}
const label = (g: Group, what: string) => (g.instance ? `${what} "${g.instance}"` : what);

interface LatencyTrend {
  /** Median p95 of the seconds with traffic before t; undefined when t is the run's first busy second. */
  before(t: number): number | undefined;
  /** p95 at t and after, the highest. */
  after(t: number): number;
  rose(t: number): boolean;
  /** "p95 18 ms before, 420 ms from then on", or what can be said without an unsaturated stretch. */
  text(t: number): string;
}

function latencyTrend(tl: readonly TimelinePoint[]): LatencyTrend {
  const busy = tl.filter((p) => p.requests > 0);
  const before = (t: number) => {
    const xs = busy.filter((p) => p.t < t).map((p) => p.p95).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor(xs.length / 2)] : undefined;
  };
  const after = (t: number) => Math.max(0, ...busy.filter((p) => p.t >= t).map((p) => p.p95));
  return {
    before,
    after,
    rose: (t) => {
      const b = before(t);
      return b !== undefined && after(t) >= b * RULES.latencyRise && after(t) - b >= 1;
    },
    text: (t) => {
      if (busy.length === 0) return '';
      const b = before(t);
      return b === undefined ? `; saturated from the first second, p95 up to ${round1(after(t))} ms` : `; p95 ${round1(b)} ms before, up to ${round1(after(t))} ms from then on`;
    },
  };
}

function pool(g: Group, lat: LatencyTrend): Bottleneck[] {
  const used = g.used;
  if (!used || !g.limit) return [];
  const hit = used.points.find((p) => {
    const lim = asOf(g.limit, p.t);
    return lim !== undefined && lim > 0 && p.v / lim >= RULES.poolBusy;
  });
  if (!hit) return [];
  const limit = asOf(g.limit, used.summary.peakAt) ?? asOf(g.limit, hit.t)!;
  const peakPending = g.pending?.summary.max ?? 0;
  const pendingAt = at(g.pending, hit.t);
  const waiting = g.pending ? peakPending > 0 : true;
  // Waiters are the direct evidence of a pool too small; the p95 before/after is quoted alongside.
  const high = waiting && (g.pending !== undefined || lat.rose(hit.t));
  const target = niceCeil(Math.max(limit * 1.5, used.summary.max + peakPending));
  const postgres = used.metric.startsWith('pg_');
  const what = label(g, postgres ? 'Postgres connections' : 'DB pool');
  const evidence =
    `${what} ${formatValue(hit.v)}/${formatValue(asOf(g.limit, hit.t)!)} in use${pendingAt !== undefined ? ` with ${formatValue(pendingAt)} waiting` : ''} at ${hit.t} s` +
    ` (peak ${formatValue(used.summary.max)}/${formatValue(limit)} at ${used.summary.peakAt} s${g.pending ? `, up to ${formatValue(peakPending)} waiting` : ''})` +
    lat.text(hit.t);
  const recommendation = postgres
    ? `raise max_connections from ${formatValue(limit)} to ${target}, or put a pooler (PgBouncer) in front`
    : `raise the pool from ${formatValue(limit)} to ${target} connections (check the database's max_connections allows it), or shorten the queries that hold connections`;
  return [{ resource: 'db_pool', metric: used.name, at: hit.t, severity: high ? 'high' : 'medium', evidence, recommendation, peak: { value: used.summary.max, limit, t: used.summary.peakAt, unit: used.unit } }];
}

function cpu(g: Group, configured: number | undefined, isNode: boolean): Bottleneck[] {
  const used = g.used;
  if (!used) return [];
  const fromSeries = g.limit ? g.limit.summary.max : undefined;
  const limit = fromSeries ?? configured ?? (isNode ? 1 : undefined);
  if (!limit || limit <= 0) return [];
  const hit = sustained(used.points, (p) => p.v / limit >= RULES.cpuBusy);
  if (!hit) return [];
  const peak = used.summary.max;
  const assumed = fromSeries === undefined && configured === undefined;
  const replicas = Math.max(2, Math.ceil(peak / (limit * 0.7)));
  const evidence = `CPU ${formatValue(hit.v)}/${formatValue(limit)} core${limit === 1 ? '' : 's'} (${pct(hit.v / limit)}) at ${hit.t} s; peak ${formatValue(peak)} cores at ${used.summary.peakAt} s${assumed ? ' (limit: one core, the Node.js main thread)' : ''}`;
  const recommendation = assumed
    ? `JavaScript runs on one core per process: run ${replicas} instances (node:cluster or replicas) or move CPU work to worker threads`
    : `add replicas (${replicas} at this load keeps each under 70%) or raise the CPU limit to ${niceCeil(peak / 0.7)} cores`;
  return [{ resource: 'cpu', metric: used.name, at: hit.t, severity: 'high', evidence, recommendation, peak: { value: peak, limit, t: used.summary.peakAt, unit: 'cores' } }];
}

function memory(g: Group, configured: number | undefined): Bottleneck[] {
  const used = g.used;
  if (!used) return [];
  const out: Bottleneck[] = [];
  const limit = g.limit?.summary.max ?? configured;
  const peak = used.summary.max;
  const hit = limit ? used.points.find((p) => p.v / limit >= RULES.memoryNear) : undefined;
  if (limit && hit) {
    out.push({
      resource: 'memory',
      metric: used.name,
      at: hit.t,
      severity: 'high',
      evidence: `memory ${formatBytes(hit.v)}/${formatBytes(limit)} (${pct(hit.v / limit)}) at ${hit.t} s; peak ${formatBytes(peak)} at ${used.summary.peakAt} s`,
      recommendation: `raise the memory limit to ${formatBytes(niceCeilBytes(peak / 0.75))} or cut the working set (caches, buffers)`,
      peak: { value: peak, limit, t: used.summary.peakAt, unit: 'bytes' },
    });
    return out;
  }
  const fit = linearFit(used.points);
  if (fit && used.points.length >= 10 && fit.r2 >= 0.7 && fit.slope > 0) {
    const first = fit.at(used.points[0]!.t);
    const last = fit.at(used.points[used.points.length - 1]!.t);
    if (first > 0 && (last - first) / first >= RULES.memoryGrowth) {
      const perMin = fit.slope * 60;
      const eta = limit ? Math.max(0, (limit - last) / perMin) : undefined;
      out.push({
        resource: 'memory',
        metric: used.name,
        at: null,
        severity: 'medium',
        evidence: `memory grew through the run from ${formatBytes(first)} to ${formatBytes(last)} (+${formatBytes(perMin)}/min, r² ${fit.r2.toFixed(2)})`,
        recommendation: eta !== undefined ? `at this rate the ${formatBytes(limit!)} limit is reached in ${Math.round(eta)} min: look for a leak (heap snapshot) before launch` : 'run the endurance profile to see whether it levels off; if not, look for a leak (heap snapshot)',
        peak: { value: peak, limit, t: used.summary.peakAt, unit: 'bytes' },
      });
    }
  }
  return out;
}

function cache(g: Group): Bottleneck[] {
  const out: Bottleneck[] = [];
  if (g.used && g.limit && g.limit.summary.max > 0) {
    const limit = g.limit.summary.max;
    const hit = g.used.points.find((p) => p.v / limit >= RULES.cacheMemoryNear);
    if (hit) {
      out.push({ resource: 'cache', metric: g.used.name, at: hit.t, severity: 'high', evidence: `${label(g, 'cache')} memory ${formatBytes(hit.v)}/${formatBytes(limit)} at ${hit.t} s (peak ${formatBytes(g.used.summary.max)})`, recommendation: `raise the cache's memory to ${formatBytes(niceCeilBytes(g.used.summary.max / 0.75))} or add a TTL so keys expire`, peak: { value: g.used.summary.max, limit, t: g.used.summary.peakAt, unit: 'bytes' } });
    }
  }
  const ratio = g.hit_ratio;
  if (ratio && ratio.points.length >= 4) {
    const q = Math.max(1, Math.floor(ratio.points.length / 4));
    const head = ratio.points.slice(0, q);
    const tail = ratio.points.slice(-q);
    const before = mean(head.map((p) => p.v));
    const after = mean(tail.map((p) => p.v));
    if (before - after >= RULES.hitDrop && after < 0.9) {
      const from = ratio.points.find((p) => p.v <= before - RULES.hitDrop) ?? tail[0]!;
      const missesBefore = g.misses ? mean(g.misses.points.slice(0, q).map((p) => p.v)) : undefined;
      const missesAfter = g.misses ? mean(g.misses.points.slice(-q).map((p) => p.v)) : undefined;
      out.push({
        resource: 'cache',
        metric: ratio.name,
        at: from.t,
        severity: after < 0.5 ? 'high' : 'medium',
        evidence: `${label(g, 'cache')} hit rate fell from ${pct(before)} (first ${q} s) to ${pct(after)} (last ${q} s), below ${pct(before - RULES.hitDrop)} from ${from.t} s${missesBefore !== undefined ? `; misses ${formatValue(missesBefore)}/s -> ${formatValue(missesAfter!)}/s` : ''}`,
        recommendation: `grow the cache so the working set fits (hit rate back to ${pct(before)}), or lengthen the TTL; every miss lands on the database`,
      });
    }
  }
  return out;
}

function eventLoop(g: Group): Bottleneck[] {
  const lag = g.lag;
  if (!lag) return [];
  const hit = sustained(lag.points, (p) => p.v >= RULES.lagSec);
  if (!hit) return [];
  return [{
    resource: 'event_loop',
    metric: lag.name,
    at: hit.t,
    severity: 'high',
    evidence: `event-loop lag ${formatValue(hit.v * 1000)} ms at ${hit.t} s (peak ${formatValue(lag.summary.max * 1000)} ms at ${lag.summary.peakAt} s): every request waited that long before it ran`,
    recommendation: `move synchronous CPU work off the main thread (worker_threads) or run ${Math.max(2, Math.ceil(lag.summary.max / RULES.lagSec))} instances behind the balancer to bring the lag under ${RULES.lagSec * 1000} ms`,
    peak: { value: lag.summary.max, t: lag.summary.peakAt, unit: 'seconds' },
  }];
}

function ceiling(g: Group, resource: 'thread_pool' | 'disk', share: number, unit: 'threads' | 'bytes'): Bottleneck[] {
  const used = g.used;
  if (!used || !g.limit) return [];
  const limit = g.limit.summary.max;
  const hit = limit > 0 ? used.points.find((p) => p.v / limit >= share) : undefined;
  if (!hit) return [];
  const f = unit === 'bytes' ? formatBytes : formatValue;
  const what = resource === 'disk' ? 'disk' : label(g, 'thread pool');
  return [{
    resource,
    metric: used.name,
    at: hit.t,
    severity: 'high',
    evidence: `${what} ${f(hit.v)}/${f(limit)} ${unit === 'threads' ? 'threads busy ' : 'used '}at ${hit.t} s (peak ${f(used.summary.max)} at ${used.summary.peakAt} s)`,
    recommendation: resource === 'disk' ? `free space or grow the volume to ${formatBytes(niceCeilBytes(used.summary.max / 0.7))}` : `raise the pool's max threads from ${f(limit)} to ${niceCeil(limit * 1.5)}, or make the blocking calls asynchronous`,
    peak: { value: used.summary.max, limit, t: used.summary.peakAt, unit },
  }];
}

function queue(g: Group): Bottleneck[] {
  const d = g.depth;
  if (!d || d.points.length < 3) return [];
  const first = d.summary.first;
  const last = d.summary.last;
  if (!(last - first >= RULES.queueGrowth.minItems && last >= RULES.queueGrowth.factor * Math.max(1, first))) return [];
  const start = d.points.find((p) => p.v >= first + (last - first) / 4) ?? d.points[0]!;
  const secs = Math.max(1, d.points[d.points.length - 1]!.t - d.points[0]!.t);
  const growth = (last - first) / secs;
  return [{
    resource: 'queue',
    metric: d.name,
    at: start.t,
    severity: 'medium',
    evidence: `${label(g, 'queue')} depth grew from ${formatValue(first)} to ${formatValue(last)} (+${formatValue(growth)}/s) through the run`,
    recommendation: `consumers fall behind by ${formatValue(growth)} items/s: add consumers (or batch) so they drain at least that much more`,
    peak: { value: d.summary.max, t: d.summary.peakAt, unit: 'items' },
  }];
}

function linearFit(points: readonly { t: number; v: number }[]): { slope: number; r2: number; at(t: number): number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const mt = mean(points.map((p) => p.t));
  const mv = mean(points.map((p) => p.v));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.t - mt) * (p.v - mv);
    sxx += (p.t - mt) ** 2;
    syy += (p.v - mv) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slope, r2, at: (t) => mv + slope * (t - mt) };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
