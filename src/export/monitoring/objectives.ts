/**
 * From the gate's thresholds to what production can watch. A threshold judged over a whole load run
 * becomes an objective over a sliding window of the service's own metrics, or is named with the
 * reason it cannot (never dropped silently):
 *
 *   http_req_duration p(N) < X   -> latency SLO: at most (100-N)% of requests slower than X (burn-rate alerts)
 *   http_req_duration avg < X    -> average latency above X over 5m and 1h (no error budget to burn)
 *   http_req_failed rate < X     -> error SLO: at most X of requests answered 5xx (burn-rate alerts)
 *   http_reqs rate < X           -> traffic above what the load test covered; rate > X: a panel only
 */
import type { Threshold } from '../../core/thresholds/index.js';
import { metricSafe } from './escape.js';

/** The requests a threshold is about, as the service's metrics label them. */
export interface RequestSelector {
  readonly method?: string;
  readonly route?: string;
}

interface Base {
  /** Unique, [a-z0-9_]: the `slo` label and part of record names. */
  readonly id: string;
  /** The threshold as written in the config, with its config path. */
  readonly source: string;
  readonly where: string;
  readonly selector: RequestSelector;
  /** "GET /api/items", or "all requests". */
  readonly scope: string;
}

export type Objective =
  | (Base & { readonly kind: 'latency'; readonly limitSeconds: number; readonly percentile: number; readonly budget: number })
  | (Base & { readonly kind: 'latency-avg'; readonly limitSeconds: number })
  | (Base & { readonly kind: 'errors'; readonly budget: number })
  | (Base & { readonly kind: 'throughput'; readonly rps: number; readonly direction: 'ceiling' | 'floor' });

export interface NotConverted {
  readonly source: string;
  readonly where: string;
  readonly reason: string;
}

const METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/;

/** `name:GET /api/items` -> method and route; a URL keeps its path. Undefined when the name is not "METHOD path". */
export function selectorFromName(name: string): RequestSelector | undefined {
  const [first, ...rest] = name.trim().split(/\s+/);
  const method = first !== undefined && METHOD.test(first) ? first : undefined;
  const target = (method ? rest.join(' ') : name).trim();
  let route = target;
  if (/^https?:\/\//i.test(target)) {
    try {
      route = new URL(target).pathname;
    } catch {
      return undefined;
    }
  }
  if (!route.startsWith('/')) return undefined;
  return { method, route: route.replace(/\?.*$/, '') };
}

function selectorOf(t: Threshold): RequestSelector | string {
  const entries = Object.entries(t.tags);
  if (entries.length === 0) return {};
  const [tag, value] = entries[0]!;
  if (tag === 'method') return METHOD.test(value) ? { method: value } : `method "${value}" is not an HTTP method the service's metrics label`;
  if (tag === 'name') return selectorFromName(value) ?? `name "${value}" is not "METHOD /path": the service's metrics label requests by method and route, not by a load-test name`;
  return `tag "${tag}" exists only inside the load generator; the service's metrics have no such label`;
}

const scopeOf = (s: RequestSelector): string => (s.method || s.route ? [s.method, s.route].filter(Boolean).join(' ') : 'all requests');

/** Objectives for the thresholds, and the ones that have none with the reason. Pure. */
export function objectivesFrom(thresholds: readonly Threshold[]): { objectives: Objective[]; notConverted: NotConverted[] } {
  const objectives: Objective[] = [];
  const notConverted: NotConverted[] = [];
  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}_${n}`;
    ids.add(id);
    return id;
  };
  for (const t of thresholds) {
    const source = t.source.trim();
    const skip = (reason: string) => notConverted.push({ source, where: t.where, reason });
    const selector = selectorOf(t);
    if (typeof selector === 'string') {
      skip(selector);
      continue;
    }
    const scope = scopeOf(selector);
    const suffix = selector.method || selector.route ? `_${metricSafe(scope)}` : '';
    const base = { source, where: t.where, selector, scope };
    const upper = t.op === '<' || t.op === '<=';
    const agg = t.aggregation;
    if (t.metric === 'http_req_duration') {
      if (!upper) skip(`a lower bound (${t.op}) on latency is not a production signal: fast responses are never a fault`);
      else if (agg.kind === 'p' || agg.kind === 'med') {
        const percentile = agg.kind === 'p' ? agg.p : 50;
        const budget = Math.round((100 - percentile) * 1e6) / 1e8;
        if (budget <= 0) skip(`p(${percentile}) leaves no error budget; burn-rate alerts need one (use p(99.9))`);
        else objectives.push({ ...base, kind: 'latency', limitSeconds: t.value / 1000, percentile, budget, id: uniqueId(`latency_p${metricSafe(String(percentile))}_${metricSafe(`${t.value}ms`)}${suffix}`) });
      } else if (agg.kind === 'avg') objectives.push({ ...base, kind: 'latency-avg', limitSeconds: t.value / 1000, id: uniqueId(`latency_avg_${metricSafe(`${t.value}ms`)}${suffix}`) });
      else if (agg.kind === 'max') skip('Prometheus histograms do not record the slowest request; bound a high percentile instead (p(99.9))');
      else if (agg.kind === 'min') skip('the fastest request says nothing about the service in production');
      else skip('a count of requests over a whole load run has no equivalent over a sliding window');
    } else if (t.metric === 'http_req_failed') {
      if (!upper) skip(`a lower bound (${t.op}) on the failure rate would alert on a healthy service`);
      else if (t.value <= 0) skip('rate<=0 leaves no error budget; burn-rate alerts need a budget above 0 (use e.g. rate<0.001)');
      else if (t.value >= 1) skip('a failure rate of 100% or more cannot be exceeded');
      else objectives.push({ ...base, kind: 'errors', budget: t.value, id: uniqueId(`errors_${metricSafe(String(t.value))}${suffix}`) });
    } else if (t.metric === 'http_reqs' && agg.kind === 'rate') {
      if (t.op === '==' || t.op === '!=') skip(`an exact request rate (${t.op}) is a load-test setting, not a production bound`);
      else objectives.push({ ...base, kind: 'throughput', rps: t.value, direction: upper ? 'ceiling' : 'floor', id: uniqueId(`throughput_${upper ? 'max' : 'min'}_${metricSafe(String(t.value))}${suffix}`) });
    } else if (t.metric === 'http_reqs') skip('a count of requests over a whole load run has no equivalent over a sliding window');
    else skip(`${t.metric} is measured by the load generator only; the service exposes no such series`);
  }
  return { objectives, notConverted };
}
