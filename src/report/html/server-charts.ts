import type { ServerReport, ServerSeries } from '../../core/server-metrics.js';
import { lineChart, type Series } from './charts.js';

const CLASSES = ['s1', 's2', 's3', 's4'];
const MAX_CHARTS = 6;

/** How a unit is drawn: bytes as MiB, seconds of lag as ms, ratios as %. */
const SCALE: Record<string, { unit: string; f: number }> = {
  bytes: { unit: 'MiB', f: 1 / (1024 * 1024) },
  bytes_per_s: { unit: 'MiB/s', f: 1 / (1024 * 1024) },
  seconds: { unit: 'ms', f: 1000 },
  ratio: { unit: '%', f: 100 },
};

/**
 * The server series of a run (result.server), one chart per resource and unit, on the same time
 * axis as the latency chart they sit under. Series names come from the target's metrics, so they
 * go through lineChart, which escapes every string.
 */
export function serverCharts(server: ServerReport | undefined): string[] {
  if (!server || server.series.length === 0) return [];
  const groups = new Map<string, ServerSeries[]>();
  for (const s of server.series) {
    const key = `${s.resource}\u0000${s.unit}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].slice(0, MAX_CHARTS).map((list) => {
    const first = list[0]!;
    const scale = SCALE[first.unit] ?? { unit: first.unit, f: 1 };
    const several = new Set(list.map((s) => s.source)).size > 1;
    const series: Series[] = list.slice(0, CLASSES.length).map((s, i) => ({
      name: several ? `${s.name} @${sourceLabel(s.source)}` : s.name,
      cls: CLASSES[i]!,
      points: s.points.map((p) => [p.t, p.v * scale.f] as [number, number]),
    }));
    return lineChart(`Server: ${first.resource.replace('_', ' ')}`, scale.unit, series);
  });
}

function sourceLabel(source: string): string {
  const m = /\/\/([^/]+)/.exec(source);
  return m ? m[1]! : source;
}
