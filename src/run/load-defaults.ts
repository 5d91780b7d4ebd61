import { decodeHistogram } from '../core/hdr.js';
import type { LoadResult } from '../core/load-result.js';
import type { PartOutcome } from '../core/part.js';
import type { CheckResult } from '../core/result.js';
import { evaluateThresholds, parseThresholds, type MetricsView } from '../core/thresholds/index.js';
import { loadChecks } from '../load/checks.js';
import { LAUNCH_DEFAULT_THRESHOLDS } from '../core/thresholds/launch-defaults.js';

// Without the launch defaults a run with 100% errors would only warn.
export { LAUNCH_DEFAULT_THRESHOLDS };

export const DEFAULTS_NOTE = 'no thresholds configured; launch defaults applied';

/** The metric each launch default judges, in the order of LAUNCH_DEFAULT_THRESHOLDS. */
const DEFAULT_METRICS = ['http_req_duration', 'http_req_failed'] as const;

/**
 * Each load result gets the launch default of every metric it sets no overall threshold on (latency:
 * p(95)<500; failures: rate<0.01), evaluated on its final figures, as threshold checks whose evidence
 * says they are defaults. A profile that brings only rate<0.01 still gets the latency default; a result
 * with its own thresholds on both metrics (from the config, a profile or a scenario file) is left as it is. Pure.
 */
export function withLaunchDefaults(outcome: PartOutcome): PartOutcome {
  const loads = outcome.loads ?? [];
  const missing = (r: LoadResult) => LAUNCH_DEFAULT_THRESHOLDS.filter((_, i) => !r.thresholds.some((t) => t.metric === DEFAULT_METRICS[i]));
  if (!loads.some((l) => missing(l.result).length > 0)) return outcome;
  const added: CheckResult[] = [];
  const own = new Set(outcome.checks.map((c) => c.id));
  const out = loads.map((l) => {
    const inputs = missing(l.result);
    if (inputs.length === 0) return l;
    const ts = parseThresholds(inputs.map((input, i) => ({ input, where: `launch default ${i + 1}` })));
    const defaults = evaluateThresholds(ts, finalView(l.result));
    const result: LoadResult = { ...l.result, thresholds: [...l.result.thresholds, ...defaults], passed: l.result.passed && defaults.every((t) => t.ok) };
    for (const c of loadChecks({ ...result, thresholds: defaults }).filter((x) => x.role === 'threshold' && !own.has(x.id))) {
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
