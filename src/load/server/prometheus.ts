import { Agent } from 'undici';
import type { SeriesKey, ServerResource, ServerRole } from '../../core/server-metrics.js';
import { catalogueFamilies } from './catalogue.js';
import type { Sample } from './exposition.js';
import { promApiGet } from './prometheus-api.js';
import { SERVER_METRICS_DEFAULTS, type PrometheusOptions } from './options.js';
import { displayUrl } from './scrape.js';
import { makeSeries, type Observation } from './series.js';
import type { ServerSeries } from '../../core/server-metrics.js';

interface Matrix {
  metric: Record<string, string>;
  values: [number, string][];
}

export interface PrometheusOutcome {
  /** The catalogue query's raw values as observations (fed through the same series builder as scrapes). */
  observations: Observation[];
  /** One series per configured query (already in its unit: the query does the rates). */
  series: ServerSeries[];
  warnings: string[];
}

const MAX_BODY = 20 * 1024 * 1024;

/**
 * query_range over the run's window [startMs, endMs] after the run: every catalogued family (one
 * query, optionally narrowed by `selector`) and each configured query. A query that fails is a
 * warning; nothing here throws.
 */
export async function queryPrometheus(o: PrometheusOptions, w: { startMs: number; endMs: number; stepSec: number; runStartAt: number }): Promise<PrometheusOutcome> {
  const timeout = o.timeoutMs ?? SERVER_METRICS_DEFAULTS.prometheusTimeoutMs;
  const agent = new Agent({ connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout, connections: 2 });
  const out: PrometheusOutcome = { observations: [], series: [], warnings: [] };
  const source = `prometheus ${displayUrl(o.url)}`;
  try {
    const selector = o.selector ? `,${o.selector}` : '';
    const catalogue = `{__name__=~"${catalogueFamilies().join('|')}"${selector}}`;
    const run = async (query: string) => queryRange(o.url, query, w, agent, timeout);
    // All at once: however many queries, the run's end waits one timeout at most.
    const queries = Object.entries(o.queries ?? {});
    const [cat, ...answers] = await Promise.all([run(catalogue), ...queries.map(([, q]) => run(q))]);
    if (typeof cat === 'string') out.warnings.push(`Prometheus catalogue query failed: ${cat}`);
    else out.observations.push(...toObservations(cat!, source));
    for (const [i, [key, query]] of queries.entries()) {
      const r = answers[i]!;
      if (typeof r === 'string') {
        out.warnings.push(`Prometheus query ${key} failed: ${r}`);
        continue;
      }
      const [resource, role] = key.split('.') as [ServerResource, ServerRole];
      for (const m of r) {
        const points = new Map<number, number>();
        for (const [ts, v] of m.values) {
          const t = Math.floor((ts * 1000 - w.runStartAt) / 1000);
          const n = Number(v);
          if (t >= 0 && Number.isFinite(n)) points.set(t, n);
        }
        const labels = Object.entries(m.metric).map(([k, v]) => `${k}="${v}"`).join(',');
        out.series.push(makeSeries({ resource, role, metric: query, source, instance: r.length > 1 ? labels : undefined, unit: unitFor(key as SeriesKey) }, [...points].map(([t, v]) => ({ t, v }))));
      }
    }
  } finally {
    await agent.destroy().catch(() => {});
  }
  return out;
}

async function queryRange(base: string, query: string, w: { startMs: number; endMs: number; stepSec: number }, agent: Agent, timeout: number): Promise<Matrix[] | string> {
  const params = { query, start: (w.startMs / 1000).toFixed(3), end: (w.endMs / 1000).toFixed(3), step: `${w.stepSec}s` };
  const data = await promApiGet(base, 'query_range', params, { agent, timeoutMs: timeout, maxBody: MAX_BODY });
  if (typeof data === 'string') return data;
  if (data.resultType !== 'matrix' || !Array.isArray(data.result)) return 'the answer is not a range vector';
  return (data.result as Matrix[]).filter((m) => m && typeof m.metric === 'object' && Array.isArray(m.values));
}

/** Raw range values regrouped per timestamp, as if each step were one scrape of all series. */
function toObservations(result: Matrix[], source: string): Observation[] {
  const byAt = new Map<number, Sample[]>();
  for (const m of result) {
    const { __name__: name, ...labels } = m.metric;
    if (!name) continue;
    for (const [ts, v] of m.values) {
      const at = Math.round(ts * 1000);
      let list = byAt.get(at);
      if (!list) byAt.set(at, (list = []));
      list.push({ name, family: name, type: name.endsWith('_total') ? 'counter' : 'gauge', labels, value: Number(v) });
    }
  }
  return [...byAt].sort((a, b) => a[0] - b[0]).map(([at, samples]) => ({ source, at, samples }));
}

export function unitFor(key: SeriesKey): string {
  const [resource, role] = key.split('.');
  if (role === 'hit_ratio') return 'ratio';
  if (role === 'lag') return 'seconds';
  return resource === 'cpu' ? 'cores' : resource === 'memory' || resource === 'disk' ? 'bytes' : resource === 'db_pool' ? 'connections' : 'items';
}
