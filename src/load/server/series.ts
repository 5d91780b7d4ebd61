import type { SeriesKey, ServerPoint, ServerResource, ServerRole, ServerSeries } from '../../core/server-metrics.js';
import { catalogueRows, isCatalogued, isKnownFamily, rowRank, type CatalogueEntry } from './catalogue.js';
import type { Sample } from './exposition.js';

/** One successful scrape (or one Prometheus step): every sample, at epoch ms `at`. */
export interface Observation {
  source: string;
  at: number;
  samples: readonly Sample[];
}

/** A custom row from config: family -> resource.role (counter when its TYPE says so or it ends in _total). */
export function customRow(family: string, key: SeriesKey, counter: boolean): CatalogueEntry {
  const [resource, role] = key.split('.') as [ServerResource, ServerRole];
  return { family, resource, role, kind: counter ? 'counter' : 'gauge', unit: unitOf(resource, role, counter), from: 'config', combine: role === 'lag' ? 'max' : 'sum' };
}

interface Track {
  source: string;
  row: CatalogueEntry;
  instance: string | undefined;
  /** Per observation time: the combined raw value. */
  raw: Map<number, number>;
}

export interface BuiltSeries {
  series: ServerSeries[];
  unmapped: string[];
}

const MAX_UNMAPPED = 200;

/**
 * Aligned series from raw observations: samples matched to catalogue (or config) rows, label sets
 * combined per instance, counters turned into per-second rates between consecutive observations,
 * and each value placed on second `t` = floor((at - startAt) / 1000) of the load timeline (the last
 * value in a second wins). Observations before the start only serve as counter baselines.
 */
export function buildSeries(obs: readonly Observation[], startAt: number, lastT: number, map: Record<string, SeriesKey> = {}): BuiltSeries {
  const r = new SeriesReducer(map);
  for (const o of obs) r.add(o);
  return r.build(startAt, lastT);
}

/**
 * buildSeries one observation at a time: each scrape is reduced to one number per matched series
 * as it arrives, so a long run keeps a few numbers per second, not every sample it scraped.
 */
export class SeriesReducer {
  private readonly tracks = new Map<string, Track>();
  private readonly unmapped = new Set<string>();
  private readonly customRows = new Map<string, CatalogueEntry>();
  /** Sample names no row can match (most of a scrape: histogram buckets, heap spaces...), skipped at once. */
  private readonly skip = new Set<string>();

  constructor(private readonly map: Record<string, SeriesKey> = {}) {}

  add(o: Observation): void {
    const combined = new Map<string, { track: Track; values: number[] }>();
    for (const s of o.samples) {
      if (this.skip.has(s.name)) continue;
      const rows = rowsFor(s, this.map, this.customRows);
      if (rows.length === 0) {
        if (!isKnownFamily(s.name) && !isKnownFamily(s.family)) this.unmapped.add(s.family);
        if (!isCatalogued(s.name) && this.map[s.name] === undefined && this.map[s.family] === undefined) this.skip.add(s.name);
        continue;
      }
      if (!Number.isFinite(s.value)) continue;
      for (const row of rows) {
        const instance = row.instance ? s.labels[row.instance] : undefined;
        const id = `${o.source}\u0000${row.resource}.${row.role}\u0000${instance ?? ''}\u0000${rowRank(row)}\u0000${row.family}`;
        let t = this.tracks.get(id);
        if (!t) {
          t = { source: o.source, row, instance, raw: new Map() };
          this.tracks.set(id, t);
        }
        let c = combined.get(id);
        if (!c) combined.set(id, (c = { track: t, values: [] }));
        c.values.push(s.value);
      }
    }
    for (const { track, values } of combined.values()) {
      const how = track.row.combine ?? 'sum';
      const v = how === 'count' ? values.length : how === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0);
      if (track.row.zeroIsNone && v === 0) continue;
      track.raw.set(o.at, v);
    }
  }

  build(startAt: number, lastT: number): BuiltSeries {
    const series = pickPreferred([...this.tracks.values()]).map((t) => toSeries(t, startAt, lastT)).filter((s) => s.points.length > 0);
    series.push(...derived(series));
    const list = [...this.unmapped].sort();
    return { series: series.sort(bySeriesName), unmapped: list.length > MAX_UNMAPPED ? [...list.slice(0, MAX_UNMAPPED), `... and ${list.length - MAX_UNMAPPED} more`] : list };
  }
}

function rowsFor(s: Sample, map: Record<string, SeriesKey>, cache: Map<string, CatalogueEntry>): CatalogueEntry[] {
  const key = map[s.name] ?? map[s.family];
  if (key) {
    const id = `${s.name}\u0000${key}`;
    let row = cache.get(id);
    if (!row) cache.set(id, (row = customRow(s.name, key, s.type === 'counter' || s.name.endsWith('_total'))));
    return [row];
  }
  return catalogueRows(s.name, s.labels);
}

/** Within a source, resource.role and instance, the highest-ranked row that gave any value. */
function pickPreferred(tracks: Track[]): Track[] {
  const best = new Map<string, Track>();
  for (const t of tracks) {
    if (t.raw.size === 0) continue;
    const id = `${t.source}\u0000${t.row.resource}.${t.row.role}\u0000${t.instance ?? ''}`;
    const cur = best.get(id);
    if (!cur || (t.row.from === 'config' && cur.row.from !== 'config') || (cur.row.from !== 'config' && rowRank(t.row) < rowRank(cur.row))) best.set(id, t);
  }
  return [...best.values()];
}

function toSeries(t: Track, startAt: number, lastT: number): ServerSeries {
  const times = [...t.raw.keys()].sort((a, b) => a - b);
  const byT = new Map<number, number>();
  for (let i = 0; i < times.length; i++) {
    const at = times[i]!;
    const sec = Math.floor((at - startAt) / 1000);
    if (sec < 0 || sec > lastT) continue;
    let v = t.raw.get(at)!;
    if (t.row.kind === 'counter') {
      if (i === 0) continue;
      const prevAt = times[i - 1]!;
      const prev = t.raw.get(prevAt)!;
      const dt = (at - prevAt) / 1000;
      if (dt <= 0) continue;
      // A counter that went down was reset (a restart): the new value is what accrued since.
      v = (v >= prev ? v - prev : v) / dt;
    }
    byT.set(sec, v);
  }
  const points = [...byT].map(([sec, v]) => ({ t: sec, v: round(v) }));
  return makeSeries({ resource: t.row.resource, role: t.row.role, metric: t.row.family, source: t.source, instance: t.instance, unit: t.row.unit }, points);
}

export function makeSeries(head: Omit<ServerSeries, 'points' | 'summary' | 'name'>, points: ServerPoint[]): ServerSeries {
  const name = `${head.resource}.${head.role}${head.instance !== undefined ? `{${head.instance}}` : ''}`;
  return { name, ...stripUndefined(head), points, summary: summarise(points) };
}

/** used = limit - available (node_exporter memory and disk); cache hit ratio = hits / (hits + misses). */
function derived(series: ServerSeries[]): ServerSeries[] {
  const out: ServerSeries[] = [];
  const find = (s: ServerSeries, role: ServerRole) => series.find((x) => x.source === s.source && x.resource === s.resource && x.instance === s.instance && x.role === role);
  for (const s of series) {
    if (s.role === 'available' && !find(s, 'used')) {
      const limit = find(s, 'limit');
      if (limit) out.push(makeSeries({ ...head(s), role: 'used', metric: `${limit.metric} - ${s.metric}` }, join(limit, s, (l, a) => l - a)));
    }
    if (s.role === 'hits' && !find(s, 'hit_ratio')) {
      const misses = find(s, 'misses');
      if (misses) out.push(makeSeries({ ...head(s), role: 'hit_ratio', unit: 'ratio', metric: `${s.metric} / (${s.metric} + ${misses.metric})` }, join(s, misses, (h, m) => (h + m > 0 ? h / (h + m) : NaN)).filter((p) => Number.isFinite(p.v))));
    }
  }
  return out.filter((s) => s.points.length > 0);
}

function head(s: ServerSeries): Omit<ServerSeries, 'points' | 'summary' | 'name'> {
  return { resource: s.resource, role: s.role, metric: s.metric, source: s.source, instance: s.instance, unit: s.unit };
}

function join(a: ServerSeries, b: ServerSeries, f: (x: number, y: number) => number): ServerPoint[] {
  const bv = new Map(b.points.map((p) => [p.t, p.v]));
  return a.points.filter((p) => bv.has(p.t)).map((p) => ({ t: p.t, v: round(f(p.v, bv.get(p.t)!)) }));
}

export function summarise(points: readonly ServerPoint[]): ServerSeries['summary'] {
  if (points.length === 0) return { min: 0, max: 0, mean: 0, first: 0, last: 0, peakAt: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let peakAt = points[0]!.t;
  for (const p of points) {
    if (p.v < min) min = p.v;
    if (p.v > max) {
      max = p.v;
      peakAt = p.t;
    }
    sum += p.v;
  }
  return { min, max, mean: round(sum / points.length), first: points[0]!.v, last: points[points.length - 1]!.v, peakAt };
}

function unitOf(resource: ServerResource, role: ServerRole, counter: boolean): string {
  if (role === 'hit_ratio') return 'ratio';
  if (role === 'lag') return 'seconds';
  if (resource === 'cpu') return 'cores';
  if (resource === 'memory' || resource === 'disk') return 'bytes';
  if (resource === 'db_pool') return 'connections';
  if (resource === 'thread_pool') return 'threads';
  return counter ? 'per_s' : 'items';
}

function bySeriesName(a: ServerSeries, b: ServerSeries): number {
  return a.name.localeCompare(b.name) || a.source.localeCompare(b.source);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}
