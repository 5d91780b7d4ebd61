/** API performance: traffic, latency, errors by route, and one panel per gonogo threshold. */
import type { Objective } from '../objectives.js';
import { BAD_RATIO, leMatcher, possibleTiers } from '../slo-rules.js';
import { grafanaPromString, promString } from '../escape.js';
import { dashboard, over, under, type Item, type PanelSpec } from './panels.js';

const SEL = 'job="$job",instance=~"$instance",route=~"$route"';

/** The objective's own matchers, on the dashboard's job variable. */
function objectiveMatchers(o: Objective, extra: readonly string[] = []): string {
  const m = ['job="$job"', 'instance=~"$instance"'];
  if (o.selector.method) m.push(`method=${grafanaPromString(o.selector.method)}`);
  if (o.selector.route) m.push(`route=${grafanaPromString(o.selector.route)}`);
  return `{${[...m, ...extra].join(',')}}`;
}

const fmtMs = (s: number) => (s < 1 ? `${Math.round(s * 1e6) / 1e3}ms` : `${s}s`);

/** The panel that shows one threshold, its limit as the red threshold step. */
export function thresholdPanel(o: Objective): PanelSpec {
  const named = `gonogo threshold \`${o.source}\` (${o.where}) for ${o.scope}.`;
  if (o.kind === 'latency') {
    const q = o.percentile / 100;
    return {
      title: `p(${o.percentile}) < ${fmtMs(o.limitSeconds)}: ${o.scope}`,
      description: `${named} The limit is the red line; the objective allows ${Math.round(o.budget * 1e6) / 1e4}% of requests above it.`,
      queries: [{ expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket${objectiveMatchers(o)}[$__rate_interval])))`, legend: `p(${o.percentile})` }],
      unit: 's',
      min: 0,
      steps: under(o.limitSeconds),
    };
  }
  if (o.kind === 'latency-avg') {
    return {
      title: `avg < ${fmtMs(o.limitSeconds)}: ${o.scope}`,
      description: `${named} Mean response time; the limit is the red line.`,
      queries: [{ expr: `sum(rate(http_request_duration_seconds_sum${objectiveMatchers(o)}[$__rate_interval])) / sum(rate(http_request_duration_seconds_count${objectiveMatchers(o)}[$__rate_interval]))`, legend: 'avg' }],
      unit: 's',
      min: 0,
      steps: under(o.limitSeconds),
    };
  }
  if (o.kind === 'errors') {
    return {
      title: `failed (5xx) rate < ${Math.round(o.budget * 1e6) / 1e4}%: ${o.scope}`,
      description: `${named} Share of requests answered 5xx; the limit is the red line.`,
      queries: [{ expr: `sum(rate(http_requests_total${objectiveMatchers(o, ['status=~"5.."'])}[$__rate_interval])) / sum(rate(http_requests_total${objectiveMatchers(o)}[$__rate_interval]))`, legend: '5xx share' }],
      unit: 'percentunit',
      min: 0,
      steps: under(o.budget),
    };
  }
  return {
    title: `requests ${o.direction === 'ceiling' ? '<' : '>'} ${o.rps}/s: ${o.scope}`,
    description: `${named} ${o.direction === 'ceiling' ? 'Above the line the service runs beyond what the load test covered.' : 'The rate the load test had to sustain; real traffic may be lower without a fault (no alert).'}`,
    queries: [{ expr: `sum(rate(http_requests_total${objectiveMatchers(o)}[$__rate_interval]))`, legend: 'req/s' }],
    unit: 'reqps',
    min: 0,
    steps: o.direction === 'ceiling' ? under(o.rps) : over(o.rps),
  };
}

function burnPanel(o: Objective & { budget: number }): PanelSpec {
  const tiers = possibleTiers(o.budget).tiers;
  return {
    title: `Error budget burn rate: ${o.id}`,
    description: `How fast the budget of gonogo threshold \`${o.source}\` burns (1 = exactly the budget over 30 days). Pages at ${tiers.filter((t) => t.severity === 'critical').map((t) => `${t.factor}x`).join(' / ') || 'no tier'}.`,
    queries: [
      { expr: `${BAD_RATIO('1h')}{slo=${promString(o.id)}} / ${o.budget}`, legend: '1h' },
      { expr: `${BAD_RATIO('6h')}{slo=${promString(o.id)}} / ${o.budget}`, legend: '6h' },
    ],
    unit: 'short',
    min: 0,
    steps: [{ value: null, color: 'green' }, { value: 1, color: 'yellow' }, { value: 6, color: 'orange' }, { value: 14.4, color: 'red' }],
  };
}

export function apiDashboard(opts: { uid: string; service: string; job: string; objectives: readonly Objective[] }): Record<string, unknown> {
  const thresholdItems: Item[] = opts.objectives.map(thresholdPanel);
  const burn: Item[] = opts.objectives.flatMap((o) => (o.kind === 'latency' || o.kind === 'errors' ? [burnPanel(o)] : []));
  const le = (ms: number) => leMatcher(ms / 1000);
  return dashboard({
    uid: opts.uid,
    title: `${opts.service}: API performance`,
    tags: ['api'],
    description: `Traffic, latency and errors of ${opts.service}, and the thresholds gonogo enforced before launch.`,
    variables: [
      { name: 'job', label: 'Job', query: 'label_values(up, job)', current: opts.job },
      { name: 'instance', label: 'Instance', query: 'label_values(up{job="$job"}, instance)', multi: true },
      { name: 'route', label: 'Route', query: 'label_values(http_requests_total{job="$job"}, route)', multi: true },
    ],
    items: [
      { row: 'gonogo thresholds' },
      ...thresholdItems,
      ...(burn.length ? [{ row: 'Error budgets' }, ...burn] : []),
      { row: 'Traffic and latency' },
      { title: 'Request rate by route', queries: [{ expr: `sum by (route) (rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: '{{route}}' }], unit: 'reqps', min: 0 },
      {
        title: 'Latency percentiles',
        queries: [50, 95, 99].map((p) => ({ expr: `histogram_quantile(${p / 100}, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[$__rate_interval])))`, legend: `p${p}` })),
        unit: 's',
        min: 0,
      },
      { title: 'p95 latency by route', queries: [{ expr: `histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{${SEL}}[$__rate_interval])))`, legend: '{{route}}' }], unit: 's', min: 0 },
      { title: 'Requests slower than 500 ms', queries: [{ expr: `1 - sum(rate(http_request_duration_seconds_bucket{${SEL},${le(500)}}[$__rate_interval])) / sum(rate(http_request_duration_seconds_count{${SEL}}[$__rate_interval]))`, legend: 'share > 500ms' }], unit: 'percentunit', min: 0 },
      { row: 'Errors' },
      { title: 'Responses by status class', queries: [{ expr: `sum by (status) (label_replace(rate(http_requests_total{${SEL}}[$__rate_interval]), "status", "\${1}xx", "status", "(.).."))`, legend: '{{status}}' }], unit: 'reqps', min: 0 },
      { title: 'Error share by route (5xx)', queries: [{ expr: `sum by (route) (rate(http_requests_total{${SEL},status=~"5.."}[$__rate_interval])) / sum by (route) (rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: '{{route}}' }], unit: 'percentunit', min: 0 },
      { title: 'Rate-limited (429) share', queries: [{ expr: `sum(rate(http_requests_total{${SEL},status="429"}[$__rate_interval])) / sum(rate(http_requests_total{${SEL}}[$__rate_interval]))`, legend: '429 share' }], unit: 'percentunit', min: 0, steps: under(0.05) },
    ],
  });
}
