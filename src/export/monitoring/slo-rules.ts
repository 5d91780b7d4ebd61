/**
 * Recording rules and alerts for the objectives, by the SRE workbook's multi-window, multi-burn-rate
 * method (chapter "Alerting on SLOs"): an alert fires when the error budget burns `factor` times faster
 * than the objective allows over a long window AND still does over a short one (so it resets quickly
 * once fixed). Two tiers page (2% of a 30-day budget in 1h; 5% in 6h), two open a ticket (10% in 1d, 3d).
 */
import type { Objective } from './objectives.js';
import { promRegexLiteral, promString } from './escape.js';
import type { AlertDef, InputSeries, RecordDef, RuleGroup, Severity, TextPart } from './rule-model.js';

export interface BurnTier {
  readonly name: string;
  /** promtool test sample spacing: five samples in the short window, sixty in the long one. */
  readonly testInterval: string;
  readonly long: string;
  readonly short: string;
  readonly factor: number;
  readonly severity: Severity;
}

export const BURN_TIERS: readonly BurnTier[] = [
  { name: 'FastBurn', testInterval: '1m', long: '1h', short: '5m', factor: 14.4, severity: 'critical' },
  { name: 'MediumBurn', testInterval: '6m', long: '6h', short: '30m', factor: 6, severity: 'critical' },
  { name: 'SlowBurn', testInterval: '24m', long: '1d', short: '2h', factor: 3, severity: 'warning' },
  { name: 'BudgetBurn', testInterval: '72m', long: '3d', short: '6h', factor: 1, severity: 'warning' },
];

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export const BAD_RATIO = (w: string) => `gonogo_slo:bad_ratio:rate${w}`;
export const LATENCY_AVG = (w: string) => `gonogo_slo:latency_avg_seconds:rate${w}`;
export const REQUEST_RATE = 'gonogo_slo:requests:rate5m';

/** `{job="...",method="GET",route="/x"}` plus any extra matchers. */
export function matchers(job: string, o: Pick<Objective, 'selector'>, extra: readonly string[] = []): string {
  const m = [`job=${promString(job)}`];
  if (o.selector.method) m.push(`method=${promString(o.selector.method)}`);
  if (o.selector.route) m.push(`route=${promString(o.selector.route)}`);
  return `{${[...m, ...extra].join(',')}}`;
}

/** Matches the bucket boundary however the client formats it (0.5, 0.50, 1, 1.0). */
export function leMatcher(seconds: number): string {
  const text = String(seconds);
  const re = text.includes('.') ? `${promRegexLiteral(text)}0*` : `${text}(\\.0*)?`;
  return `le=~${promString(re)}`;
}

/** The bad-request ratio over a window, as PromQL. */
export function badRatioExpr(job: string, o: Objective, w: string): string {
  if (o.kind === 'latency') {
    const fast = `sum(rate(http_request_duration_seconds_bucket${matchers(job, o, [leMatcher(o.limitSeconds)])}[${w}]))`;
    return `1 - (${fast} / sum(rate(http_request_duration_seconds_count${matchers(job, o)}[${w}])))`;
  }
  return `sum(rate(http_requests_total${matchers(job, o, ['status=~"5.."'])}[${w}])) / sum(rate(http_requests_total${matchers(job, o)}[${w}]))`;
}

export function avgLatencyExpr(job: string, o: Objective, w: string): string {
  return `sum(rate(http_request_duration_seconds_sum${matchers(job, o)}[${w}])) / sum(rate(http_request_duration_seconds_count${matchers(job, o)}[${w}]))`;
}

/** `latency_p95_500ms_get_api_items` -> `LatencyP95_500msGetApiItems` (a valid alert name). */
export function alertBase(id: string): string {
  let out = '';
  for (const part of id.split('_')) {
    if (/^\d/.test(part) && /\d$/.test(out)) out += '_';
    out += part.charAt(0).toUpperCase() + part.slice(1);
  }
  return out;
}

const fmtPct = (f: number) => `${Math.round(f * 1e6) / 1e4}%`;
const fmtSeconds = (s: number) => (s < 1 ? `${Math.round(s * 1e6) / 1e3}ms` : `${s}s`);

/** Tiers whose burn threshold stays below 100% bad requests; the others could never fire. */
export function possibleTiers(budget: number): { tiers: BurnTier[]; impossible: BurnTier[] } {
  const tiers = BURN_TIERS.filter((t) => t.factor * budget < 1);
  return { tiers, impossible: BURN_TIERS.filter((t) => !tiers.includes(t)) };
}

// Test data: 65 samples, so the longest window a test looks at (60 steps) is full at eval time. Evaluating
// 3 days of rules at 1m over minute samples took promtool minutes; each tier gets its own spacing instead.
const STEPS = 65;
const EVAL = '1h';
const counter = (perMinute: number) => `0+${Math.round(perMinute * 1e6) / 1e6}x${STEPS}`;

function series(name: string, job: string, o: Objective, labels: Record<string, string> = {}): string {
  const all: Record<string, string> = { job, ...(o.selector.method ? { method: o.selector.method } : {}), ...(o.selector.route ? { route: o.selector.route } : {}), ...labels };
  return `${name}{${Object.entries(all).map(([k, v]) => `${k}=${promString(v)}`).join(',')}}`;
}

/** Input series for one objective: `bad` of every 100 requests a minute are slow / failed. */
function inputFor(job: string, o: Objective, bad: number): InputSeries[] {
  if (o.kind === 'latency') {
    return [
      { series: series('http_request_duration_seconds_count', job, o), values: counter(100) },
      { series: series('http_request_duration_seconds_bucket', job, o, { le: String(o.limitSeconds) }), values: counter(100 - bad) },
    ];
  }
  if (o.kind === 'errors') {
    return [
      { series: series('http_requests_total', job, o, { status: '200' }), values: counter(100 - bad) },
      { series: series('http_requests_total', job, o, { status: '500' }), values: counter(bad) },
    ];
  }
  if (o.kind === 'latency-avg') {
    // sum grows by 100 requests x (2x or half the limit) seconds a minute
    const each = bad > 0 ? o.limitSeconds * 2 : o.limitSeconds / 2;
    return [
      { series: series('http_request_duration_seconds_count', job, o), values: counter(100) },
      { series: series('http_request_duration_seconds_sum', job, o), values: counter(100 * each) },
    ];
  }
  // throughput: a 60 req/s ceiling is broken at 2x and kept at half; a floor the other way round
  const perMinute = Math.max(1, Math.round(o.rps * 60 * ((bad > 0) === (o.direction === 'ceiling') ? 2 : 0.5)));
  return [{ series: series('http_requests_total', job, o, { status: '200' }), values: counter(perMinute) }];
}

export function sloGroup(job: string, service: string, objectives: readonly Objective[]): RuleGroup {
  const records: RecordDef[] = [];
  const alerts: AlertDef[] = [];
  for (const o of objectives) {
    const labels = { slo: o.id, service };
    const fire = inputFor(job, o, 100);
    const quiet = inputFor(job, o, 0);
    const test = { fire, quiet, evalTime: EVAL, firingLabels: labels };
    const threshold: TextPart[] = [`gonogo threshold "${o.source}" (${o.where}), for ${o.scope} of ${service}`];
    const runbookWhat = `The objective comes from the gate's threshold \`${o.source}\`: the same limit the load test enforced before launch.`;
    if (o.kind === 'latency' || o.kind === 'errors') {
      for (const w of WINDOWS) records.push({ record: BAD_RATIO(w), expr: badRatioExpr(job, o, w), labels });
      const what = o.kind === 'latency' ? `slower than ${fmtSeconds(o.limitSeconds)}` : 'answered 5xx';
      for (const tier of possibleTiers(o.budget).tiers) {
        const limit = Math.round(tier.factor * o.budget * 1e9) / 1e9;
        alerts.push({
          alert: `${alertBase(o.id)}${tier.name}`,
          expr: `${BAD_RATIO(tier.long)}{slo=${promString(o.id)}} > ${limit} and ${BAD_RATIO(tier.short)}{slo=${promString(o.id)}} > ${limit}`,
          severity: tier.severity,
          labels: { ...labels, window: `${tier.long}/${tier.short}` },
          summary: [`${service}: requests ${what} burn the error budget ${tier.factor}x too fast (${tier.long} and ${tier.short})`],
          description: [`More than ${fmtPct(limit)} of ${o.scope} were ${what} over the last ${tier.long} and ${tier.short}; the objective allows ${fmtPct(o.budget)}. `, ...threshold],
          runbook: {
            meaning: `${runbookWhat} At ${tier.factor}x the budget of 30 days is gone in ${Math.round((30 / tier.factor) * 10) / 10} days.`,
            actions: o.kind === 'latency'
              ? ['Open the API performance dashboard: which routes are slow, since when?', 'Check the infrastructure dashboard for a saturated resource (CPU, pool, memory).', 'Roll back a recent deploy, or add replicas; a slow dependency shows on the model/LLM dashboard.']
              : ['Open the API performance dashboard: which routes fail, which status?', 'Read the service logs for the failing requests; check recent deploys and dependencies.', 'Roll back, or fail over the failing dependency.'],
          },
          test: { ...test, evalTime: tier.long, interval: tier.testInterval, firingLabels: { ...labels, window: `${tier.long}/${tier.short}` } },
        });
      }
      if (o.kind === 'latency') alerts.push(bucketMissing(job, service, o, labels));
    } else if (o.kind === 'latency-avg') {
      for (const w of ['5m', '1h']) records.push({ record: LATENCY_AVG(w), expr: avgLatencyExpr(job, o, w), labels });
      alerts.push({
        alert: `${alertBase(o.id)}Exceeded`,
        expr: `${LATENCY_AVG('1h')}{slo=${promString(o.id)}} > ${o.limitSeconds} and ${LATENCY_AVG('5m')}{slo=${promString(o.id)}} > ${o.limitSeconds}`,
        severity: 'warning',
        labels,
        summary: [`${service}: average latency above ${fmtSeconds(o.limitSeconds)} (1h and 5m)`],
        description: [`The mean response time of ${o.scope} has been above ${fmtSeconds(o.limitSeconds)} over the last hour and still is. `, ...threshold],
        runbook: { meaning: `${runbookWhat} A mean has no error budget, so this alert compares both windows with the limit itself.`, actions: ['Open the API performance dashboard and compare p50 with p99: a few very slow requests or all of them?', 'Check the infrastructure dashboard for saturation.'] },
        test,
      });
    } else {
      records.push({ record: REQUEST_RATE, expr: `sum(rate(http_requests_total${matchers(job, o)}[5m]))`, labels });
      if (o.direction === 'ceiling') {
        alerts.push({
          alert: `${alertBase(o.id)}Exceeded`,
          expr: `${REQUEST_RATE}{slo=${promString(o.id)}} > ${o.rps}`,
          for: '10m',
          severity: 'warning',
          labels,
          summary: [`${service}: traffic above the ${o.rps} req/s the load test covered`],
          description: [`${o.scope} arrive faster than ${o.rps} req/s, the most the gate tested. `, ...threshold],
          runbook: { meaning: `${runbookWhat} Beyond it the service runs where no test has shown it holds.`, actions: ['Watch the latency and error panels; scale out before they move.', 'Run `gonogo capacity` at the new rate and raise the threshold once it passes.'] },
          test: { ...test, evalTime: '30m' },
        });
      }
    }
  }
  return { name: `${service} SLOs (gonogo thresholds)`, file: 'slo', records, alerts };
}

/** A latency SLO reads one histogram bucket; without it the SLO has no data and would never alert. */
function bucketMissing(job: string, service: string, o: Objective & { kind: 'latency' }, labels: Record<string, string>): AlertDef {
  const le = leMatcher(o.limitSeconds);
  const count = (extra: Record<string, string> = {}) => series('http_request_duration_seconds_count', job, o, extra);
  const bucket = (at: string) => series('http_request_duration_seconds_bucket', job, o, { le: at });
  return {
    alert: `${alertBase(o.id)}BucketMissing`,
    expr: `sum(rate(http_request_duration_seconds_count${matchers(job, o)}[15m])) > 0 unless sum(rate(http_request_duration_seconds_bucket${matchers(job, o, [le])}[15m]))`,
    for: '15m',
    severity: 'warning',
    labels,
    summary: [`${service}: no histogram bucket at ${fmtSeconds(o.limitSeconds)}; the latency SLO is blind`],
    description: [`${o.scope} are counted, but http_request_duration_seconds has no bucket le="${o.limitSeconds}", so the objective of gonogo threshold "${o.source}" (${o.where}) has no data and its burn-rate alerts can never fire.`],
    runbook: { meaning: 'The service\'s latency histogram has no bucket boundary at the threshold.', actions: [`Add ${o.limitSeconds} (seconds) to the buckets of http_request_duration_seconds in the service.`, 'Or change the threshold to a boundary the histogram has, and export the kit again.'] },
    test: {
      fire: [{ series: count(), values: counter(100) }, { series: bucket('+Inf'), values: counter(100) }],
      quiet: [{ series: count(), values: counter(100) }, { series: bucket(String(o.limitSeconds)), values: counter(90) }],
      firingLabels: labels,
      evalTime: '40m',
    },
  };
}
