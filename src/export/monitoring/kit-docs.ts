/** runbooks.md (one section per alert) and README.md (what the kit holds, what it assumes, what it left out). */
import type { NotConverted, Objective } from './objectives.js';
import type { RuleGroup } from './rule-model.js';

const md = (s: string) => s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
const flat = (parts: readonly (string | { label: string })[]) => parts.map((p) => (typeof p === 'string' ? p : `<${p.label}>`)).join('');

export function runbooks(service: string, groups: readonly RuleGroup[]): string {
  const out = [`# Runbooks: ${md(service)}`, '', 'One section per alert of the monitoring kit gonogo exported. The heading is the alert name; each alert\'s `runbook_url` points here.', ''];
  for (const g of groups) {
    for (const a of g.alerts) {
      out.push(`## ${a.alert}`, '', `Severity: **${a.severity}**. ${md(flat(a.summary))}.`, '', md(flat(a.description)), '', `What it means: ${md(a.runbook.meaning)}`, '', 'What to do:', '');
      for (const step of a.runbook.actions) out.push(`1. ${step}`);
      out.push('', `Expression: ${code(a.expr)}${a.for ? `, for ${a.for}` : ''}.`, '');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export function readme(opts: { service: string; job: string; target: string; objectives: readonly Objective[]; notConverted: readonly NotConverted[]; notes: readonly string[]; groups: readonly RuleGroup[]; files: readonly string[] }): string {
  const alerts = opts.groups.flatMap((g) => g.alerts);
  const buckets = [...new Set(opts.objectives.flatMap((o) => (o.kind === 'latency' ? [o.limitSeconds] : [])))];
  const lines = [
    `# Monitoring kit: ${md(opts.service)}`,
    '',
    `Written by \`gonogo export monitoring\` from the gonogo config: the service ${code(opts.service)} (Prometheus job ${code(opts.job)}) at ${code(opts.target)}, and the thresholds the gate enforces. Regenerate it after changing the config rather than editing it.`,
    '',
    '## What is here',
    '',
    ...opts.files.map((f) => `- \`${f}\``),
    '',
    `${alerts.length} alerts (${alerts.filter((a) => a.severity === 'critical').length} critical, ${alerts.filter((a) => a.severity === 'warning').length} warning), each with \`severity\`, \`summary\`, \`description\` and \`runbook_url\` ([runbooks.md](runbooks.md)).`,
    '',
    '## Check it',
    '',
    '```bash',
    'promtool check config prometheus/prometheus.yml',
    'promtool test rules prometheus/tests/*.yml',
    'amtool check-config alertmanager/alertmanager.yml',
    '```',
    '',
    'To see the dashboards, start Grafana with `GF_PATHS_PROVISIONING` set to `grafana/provisioning` (the dashboard provider reads `grafana/dashboards`).',
    '',
    '## What the service must expose',
    '',
    '- `http_requests_total` (counter) and `http_request_duration_seconds` (histogram), labelled `route` (the route pattern), `method` and `status`: the names prom-client examples, the OpenTelemetry Prometheus exporter and most frameworks use. Rename them in the rules if yours differ.',
    buckets.length ? `- A histogram bucket at each latency threshold: \`le\` = ${buckets.map((b) => `\`${b}\``).join(', ')} (seconds). Without it the latency objective has no data and never alerts.` : '- No latency objective, so no bucket boundary is required.',
    '- A threshold on `{name:METHOD /path}` is watched on `method` and `route`; `route` must equal the path as written (a pattern such as `/api/items/:id` for parameterised routes).',
    '- Errors are 5xx answers. The load test also counted 4xx and refused connections; in production a 4xx is the client\'s fault.',
    '',
    '## Thresholds',
    '',
    '| threshold | where | becomes |',
    '| --- | --- | --- |',
    ...opts.objectives.map((o) => `| ${code(o.source)} | ${code(o.where)} | ${kindText(o)} |`),
    ...opts.notConverted.map((n) => `| ${code(n.source)} | ${code(n.where)} | not converted: ${md(n.reason)} |`),
    '',
  ];
  if (opts.notes.length) lines.push('## Notes', '', ...opts.notes.map((n) => `- ${md(n)}`), '');
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function kindText(o: Objective): string {
  if (o.kind === 'latency') return `latency SLO on ${md(o.scope)}: multi-window burn-rate alerts, a dashboard panel`;
  if (o.kind === 'errors') return `error SLO on ${md(o.scope)}: multi-window burn-rate alerts, a dashboard panel`;
  if (o.kind === 'latency-avg') return `average-latency alert (1h and 5m windows), a dashboard panel`;
  return o.direction === 'ceiling' ? 'traffic-above-tested-rate alert, a dashboard panel' : 'a dashboard panel only (real traffic may fall below a load-test floor without a fault)';
}
