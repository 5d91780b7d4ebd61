import { compareVitals, type PageVitalsFigures, type VitalsCompareRow } from './vitals.js';

/**
 * Baseline vs actual for two runs (pure): per scenario and endpoint, throughput, p50/p95/p99 and
 * error rate with the relative change; a change for the worse beyond the noise margin is a
 * regression. The same for the p75 of each Web Vital per page (vitals.ts). Findings are matched by
 * fingerprint: new in the actual run, or fixed since the baseline.
 */

export const COMPARE_SCHEMA = 'gonogo/compare@1';

/** What compare needs from a run: report.json of `gonogo run`, or a `gonogo load --out` result. */
export interface RunSnapshot {
  label: string;
  startedAt: string | null;
  verdict: string | null;
  loads: { name: string; endpoints: EndpointFigures[] }[];
  /** Web Vitals p75 per condition, page and mode (a `gonogo vitals` result, or the vitals of a load or run). */
  pages: PageVitalsFigures[];
  findings: { ruleId: string; severity: string; message: string; fingerprint: string }[];
}

export interface EndpointFigures {
  /** "all" for the scenario totals. */
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
}

export const METRICS = ['rps', 'p50', 'p95', 'p99', 'errorRate'] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricDelta {
  baseline: number;
  actual: number;
  /** Relative change, actual/baseline - 1; null when the baseline is 0. */
  change: number | null;
  regression: boolean;
  improvement: boolean;
}

export interface CompareRow {
  scenario: string;
  endpoint: string;
  metrics: Record<Metric, MetricDelta>;
}

export interface CompareResult {
  schema: typeof COMPARE_SCHEMA;
  noisePct: number;
  baseline: { label: string; startedAt: string | null; verdict: string | null };
  actual: { label: string; startedAt: string | null; verdict: string | null };
  rows: CompareRow[];
  /** Web Vitals per condition, page and mode present in both. */
  vitals: VitalsCompareRow[];
  /** Scenario/endpoint pairs (and `pages › condition › page › mode`) present in only one of the runs. */
  onlyInBaseline: string[];
  onlyInActual: string[];
  findings: { new: RunSnapshot['findings']; fixed: RunSnapshot['findings']; unchanged: number };
  regressions: number;
}

export interface CompareOptions {
  /** Changes smaller than this (percent) are noise (default 10). */
  noisePct: number;
  /** Latency changes smaller than this many ms are noise, whatever the percentage (default 1). */
  minLatencyMs: number;
  /** Error-rate increases smaller than this (absolute, 0.001 = 0.1 points) are noise. */
  minErrorRate: number;
  /** CLS increases smaller than this (unitless) are noise, as minLatencyMs is for the timed vitals. */
  minCls: number;
}

export const DEFAULT_COMPARE: CompareOptions = { noisePct: 10, minLatencyMs: 1, minErrorRate: 0.001, minCls: 0.01 };

export function compareRuns(a: RunSnapshot, b: RunSnapshot, opts: CompareOptions = DEFAULT_COMPARE): CompareResult {
  const key = (s: string, e: string) => `${s} › ${e}`;
  const index = (snap: RunSnapshot) => new Map(snap.loads.flatMap((l) => l.endpoints.map((e) => [key(l.name, e.name), { scenario: l.name, e }] as const)));
  const ia = index(a);
  const ib = index(b);
  const rows: CompareRow[] = [];
  for (const [k, { scenario, e }] of ib) {
    const base = ia.get(k);
    if (!base) continue;
    const metrics = Object.fromEntries(METRICS.map((m) => [m, delta(m, base.e[m], e[m], opts)])) as Record<Metric, MetricDelta>;
    rows.push({ scenario, endpoint: e.name, metrics });
  }
  const fa = new Map(a.findings.map((f) => [f.fingerprint, f]));
  const fb = new Map(b.findings.map((f) => [f.fingerprint, f]));
  const newFindings = [...fb.values()].filter((f) => !fa.has(f.fingerprint));
  // A vital is judged as latency is: higher is worse, beyond the noise margin and an absolute floor.
  const vitals = compareVitals(a.pages, b.pages, (x, y, floor) => delta('p75', x, y, { ...opts, minLatencyMs: floor }), opts);
  const fixed = [...fa.values()].filter((f) => !fb.has(f.fingerprint));
  return {
    schema: COMPARE_SCHEMA,
    noisePct: opts.noisePct,
    baseline: { label: a.label, startedAt: a.startedAt, verdict: a.verdict },
    actual: { label: b.label, startedAt: b.startedAt, verdict: b.verdict },
    rows,
    vitals: vitals.rows,
    onlyInBaseline: [...[...ia.keys()].filter((k) => !ib.has(k)), ...vitals.onlyInBaseline],
    onlyInActual: [...[...ib.keys()].filter((k) => !ia.has(k)), ...vitals.onlyInActual],
    findings: { new: newFindings, fixed, unchanged: [...fb.keys()].filter((k) => fa.has(k)).length },
    regressions: rows.reduce((n, r) => n + METRICS.filter((m) => r.metrics[m].regression).length, 0) + vitals.regressions,
  };
}

function delta(metric: Metric | 'p75', baseline: number, actual: number, o: CompareOptions): MetricDelta {
  const change = baseline === 0 ? null : actual / baseline - 1;
  const noise = o.noisePct / 100;
  const beyond = (worse: number) => (change === null ? worse > 0 : Math.abs(change) > noise);
  let regression = false;
  let improvement = false;
  if (metric === 'rps') {
    regression = actual < baseline && beyond(baseline - actual);
    improvement = actual > baseline && beyond(actual - baseline);
  } else if (metric === 'errorRate') {
    regression = actual - baseline > o.minErrorRate && beyond(actual - baseline);
    improvement = baseline - actual > o.minErrorRate && beyond(baseline - actual);
  } else {
    regression = actual - baseline > o.minLatencyMs && beyond(actual - baseline);
    improvement = baseline - actual > o.minLatencyMs && beyond(baseline - actual);
  }
  return { baseline, actual, change: change === null ? null : Math.round(change * 10000) / 10000, regression, improvement };
}
