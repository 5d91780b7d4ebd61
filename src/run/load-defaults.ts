import { decodeHistogram } from '../core/hdr.js';
import type { LoadResult } from '../core/load-result.js';
import type { PartOutcome } from '../core/part.js';
import type { CheckResult } from '../core/result.js';
import { evaluateThresholds, parseThresholds, type MetricsView } from '../core/thresholds/index.js';
import { loadChecks } from '../load/checks.js';

/**
 * The launch defaults a load test without thresholds is judged by (docs/verdict.md): 95% of requests
 * under 500 ms and under 1% failed. Without them a run with 100% errors would only warn.
 */
export const LAUNCH_DEFAULT_THRESHOLDS = ['p(95)<500', 'rate<0.01'] as const;

export const DEFAULTS_NOTE = 'no thresholds configured; launch defaults applied';

/**
 * Each load result that carries no thresholds gets the launch defaults, evaluated on its final
 * figures, as threshold checks whose evidence says they are defaults. Results that have thresholds
 * (from the config, a profile or a scenario file) are left as they are. Pure.
 */
export function withLaunchDefaults(outcome: PartOutcome): PartOutcome {
  const loads = outcome.loads ?? [];
  if (!loads.some((l) => l.result.thresholds.length === 0)) return outcome;
  const added: CheckResult[] = [];
  const out = loads.map((l) => {
    if (l.result.thresholds.length > 0) return l;
    const ts = parseThresholds(LAUNCH_DEFAULT_THRESHOLDS.map((input, i) => ({ input, where: `launch default ${i + 1}` })));
    const thresholds = evaluateThresholds(ts, finalView(l.result));
    const result: LoadResult = { ...l.result, thresholds, passed: l.result.passed && thresholds.every((t) => t.ok) };
    for (const c of loadChecks(result).filter((x) => x.role === 'threshold')) {
      added.push({ ...c, evidence: `${c.evidence} (${DEFAULTS_NOTE})` });
    }
    return { name: l.name, result };
  });
  return { ...outcome, checks: [...added, ...outcome.checks], loads: out };
}

/** The two metrics the defaults read, from a finished result: overall latency (exact, from its histogram) and failures. */
function finalView(r: LoadResult): MetricsView {
  const untagged = (tags: Record<string, string>) => Object.keys(tags).length === 0;
  return {
    trend(metric, tags) {
      // No histogram (an old or hand-made result): no latency data, which fails the default rather than passing it.
      if (metric !== 'http_req_duration' || !untagged(tags) || r.latencyHdr === '') return undefined;
      const h = decodeHistogram(r.latencyHdr);
      // Microseconds in the histogram, milliseconds in thresholds.
      return { count: h.totalCount, min: r.latencyMs.min, max: r.latencyMs.max, mean: r.latencyMs.mean, percentile: (p) => h.getValueAtPercentile(p) / 1000 };
    },
    rate(metric, tags) {
      if (metric !== 'http_req_failed' || !untagged(tags)) return undefined;
      return { passes: r.totals.errors, total: r.totals.requests };
    },
    counter: () => undefined,
  };
}
