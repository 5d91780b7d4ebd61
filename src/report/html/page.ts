import { createHash } from 'node:crypto';
import type { Report } from '../../core/result.js';
import type { LoadResult } from '../../core/load-result.js';
import { locationText } from '../location-text.js';
import { escapeHtml as h } from '../escape.js';
import { breakingPointLines, launchModel, type LaunchModel } from '../launch/model.js';
import { summarize } from '../summarize.js';
import { verdictLabel } from '../verdict.js';
import type { ReportVitals } from '../../core/vitals.js';
import { reportVitals } from '../report-vitals.js';
import { bandText, vitalsNotes, vitalsRows, vitalValue } from '../vitals-model.js';
import { lineChart } from './charts.js';
import { serverCharts } from './server-charts.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
/**
 * Only our own style and script (by hash) may run: even if a string slipped past escaping, an
 * injected <script> or onerror handler would be refused, and nothing is ever fetched.
 */
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

type Cell = { text: string | number; num?: boolean; sort?: string | number; cls?: string; raw?: string };

/** A table whose headers sort it (script.ts); every cell's text is escaped here and nowhere else. */
function table(id: string, head: string[], rows: Cell[][], numeric: number[] = []): string {
  if (rows.length === 0) return '<p class="meta">None.</p>';
  const th = head.map((t) => `<th scope="col"><button type="button">${h(t)}</button></th>`).join('');
  const tr = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) => {
            const cls = [numeric.includes(i) || c.num ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
            return `<td${cls ? ` class="${cls}"` : ''}${c.sort !== undefined ? ` data-sort="${h(c.sort)}"` : ''}>${c.raw ?? h(c.text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table class="sortable" id="${id}"><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

const status = (s: string): Cell => ({ text: s, raw: `<span class="st st-${h(s)}">${h(s)}</span>` });
const num = (n: number, digits: number): Cell => ({ text: n.toFixed(digits), sort: n, num: true });

export function renderHtml(report: Report): string {
  const m = launchModel(report);
  const s = summarize(report);
  const v = m.verdict.verdict;
  const body: string[] = [];

  body.push(`<header><h1>Launch readiness</h1><div class="meta">${h(report.tool.name)} ${h(report.tool.version)} · ${h(report.command)}${m.target ? ` · target <span class="mono">${h(m.target)}</span>` : ''} · ${h(report.startedAt)} → ${h(report.finishedAt)}${m.strict ? ' · strict' : ''}</div>`);
  body.push(`<div id="verdict" class="verdict v-${v}" data-verdict="${v}">${h(verdictLabel(v))}</div></header>`);

  body.push('<section id="summary"><h2>Executive summary</h2>');
  body.push(`<div class="cards">${[
    ['checks', s.checks.total],
    ['failed', s.checks.fail],
    ['warnings', s.checks.warn],
    ['passed', s.checks.pass],
    ['findings', s.findings.total],
    ['critical', s.findings.critical],
    ['high', s.findings.high],
  ]
    .map(([k, n]) => `<div class="card"><b>${h(n!)}</b>${h(k!)}</div>`)
    .join('')}</div>`);
  body.push(m.verdict.reasons.length ? `<ul>${m.verdict.reasons.map((r) => `<li><span class="lvl-${r.level}">${h(r.level)}</span> ${h(r.message)}</li>`).join('')}</ul>` : '<p>Every check passed under the policy.</p>');
  if (m.coverage.length > 0) body.push(table('coverage', ['area', 'coverage', 'detail'], m.coverage.map((a) => [{ text: a.title }, status(a.status), { text: a.detail }])));
  if (m.parts.length > 0) body.push(table('parts', ['part', 'status', 'detail'], m.parts.map((p) => [{ text: p.title }, status(p.status), { text: p.reason ?? (p.durationMs !== undefined ? `${(p.durationMs / 1000).toFixed(1)} s` : '') }])));
  body.push('</section>');

  body.push('<section id="performance"><h2>Performance</h2>');
  body.push(
    table(
      'perf-table',
      ['scenario', 'endpoint', 'users', 'throughput (req/s)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'error %', 'status'],
      m.performance.map((r) => [{ text: r.scenario }, { text: r.endpoint ?? 'all', cls: 'mono' }, { text: r.users }, num(r.rps, 1), num(r.p50, 2), num(r.p95, 2), num(r.p99, 2), num(r.errorPct, 2), status(r.status)]),
    ),
  );
  for (const l of m.loads) body.push(charts(l.name, l.result));
  body.push('</section>');

  const vitals = reportVitals(report);
  if (vitals) body.push(vitalsSection(vitals));

  body.push('<section id="security"><h2>Security</h2>');
  body.push(table('security-table', ['category', 'tests', 'passed', 'failed', 'warnings', 'status'], m.security.map((r) => [{ text: r.category }, num(r.tests, 0), num(r.passed, 0), num(r.failed, 0), num(r.warned, 0), status(r.status)])));
  body.push('</section>');

  body.push('<section id="checks"><h2>All checks</h2>');
  body.push(table('checks-table', ['status', 'id', 'category', 'title', 'evidence'], report.checks.map((c) => [status(c.status), { text: c.id, cls: 'mono' }, { text: c.category }, { text: c.title }, { text: c.evidence, cls: 'evidence' }])));
  const findings = report.checks.flatMap((c) => c.findings ?? []);
  const sevRank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  body.push('<h2>Findings</h2>');
  body.push(table('findings-table', ['severity', 'rule', 'location', 'message', 'fingerprint'], findings.map((f) => [{ text: f.severity, sort: sevRank[f.severity] }, { text: f.ruleId, cls: 'mono' }, { text: locationText(f.location), cls: 'mono' }, { text: f.message, cls: 'evidence' }, { text: f.fingerprint, cls: 'mono' }])));
  body.push('</section>');

  if (m.breakingPoint) {
    const bp = m.breakingPoint;
    body.push('<section id="breaking-point"><h2>Breaking point</h2>');
    body.push(`<dl>${breakingPointLines(bp).map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`);
    body.push(table('capacity-table', ['rate (req/s)', 'achieved (req/s)', 'p95 (ms)', 'error %', 'status'], bp.steps.map((s) => [num(s.rate, 1), num(s.achievedRps, 1), num(s.latencyMs.p95, 2), num(s.errorRate * 100, 2), status(s.passed ? 'pass' : 'fail')])));
    body.push('</section>');
  }

  body.push('<section id="bottlenecks"><h2>Bottlenecks identified</h2>');
  body.push(m.bottlenecks.length ? `<ul>${m.bottlenecks.map((b) => `<li><b>${h(b.title)}</b><div class="evidence">${h(b.evidence)}</div>${b.recommendation ? `<div class="meta">→ ${h(b.recommendation)}</div>` : ''}</li>`).join('')}</ul>` : '<p class="meta">None found in the measurements.</p>');
  body.push('</section>');

  body.push('<section id="recommendations"><h2>Recommendations</h2>');
  body.push(m.recommendations.length ? `<ol>${m.recommendations.map((r) => `<li><span class="pr-${r.priority}">${h(r.priority)}</span> ${h(r.title)}<div class="meta">${h(r.action)}</div></li>`).join('')}</ol>` : '<p class="meta">Nothing to do.</p>');
  body.push('</section>');

  body.push('<section id="compliance"><h2>Compliance mapping</h2>');
  body.push(table('compliance-table', ['check', 'status', 'OWASP Top 10 2021', 'SOC 2', 'ISO 27001'], m.compliance.map((c) => [{ text: c.id, cls: 'mono' }, status(c.status), { text: c.owasp.join(', ') || '—' }, { text: c.soc2.join(', ') || '—' }, { text: c.iso27001.join(', ') || '—' }])));
  body.push('</section>');

  body.push(deployment(m));

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(`${verdictLabel(v)} — gonogo ${report.command}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function charts(name: string, r: LoadResult): string {
  const tl = r.timeline;
  const pick = (f: (p: (typeof tl)[number]) => number) => tl.map((p) => [p.t, f(p)] as [number, number]);
  // Scripted runs record users per second for each scenario (summed here); quick mode's closed model holds its
  // connections constant, and its open model its arrival rate.
  const perScenario = (r as { scenarios?: { usersTimeline?: number[] }[] }).scenarios?.map((s) => s.usersTimeline ?? []).filter((u) => u.length > 0) ?? [];
  const usersOf = (p: (typeof tl)[number], i: number) =>
    perScenario.length > 0 ? perScenario.reduce((a, u) => a + (u[i] ?? 0), 0) : r.model === 'open' ? (r.options.rate ?? 0) : r.options.connections;
  const pickI = (f: (p: (typeof tl)[number], i: number) => number) => tl.map((p, i) => [p.t, f(p, i)] as [number, number]);
  return `<h3>${h(name)}: timeline</h3><div class="charts" data-load="${h(name)}">${[
    lineChart('Latency percentiles', 'ms', [
      { name: 'p50', cls: 's1', points: pick((p) => p.p50) },
      { name: 'p95', cls: 's2', points: pick((p) => p.p95) },
      { name: 'p99', cls: 's3', points: pick((p) => p.p99) },
    ]),
    ...serverCharts(r.server),
    lineChart('Throughput', 'req/s', [{ name: 'req/s', cls: 's1', points: pick((p) => p.rps) }]),
    lineChart('Errors', 'per second', [{ name: 'errors', cls: 's3', points: pick((p) => p.errors) }]),
    lineChart(r.model === 'open' && perScenario.length === 0 ? 'Arrival rate' : 'Users', r.model === 'open' && perScenario.length === 0 ? 'req/s' : 'virtual users', [{ name: 'users', cls: 's4', points: pickI(usersOf) }]),
  ].join('')}</div>`;
}

/** Web Vitals per page and mode, idle and (pages.duringLoad, load --vitals) under load side by side; bands as classes for colour. */
function vitalsSection(v: ReportVitals): string {
  const band = (s: Parameters<typeof bandText>[0]): Cell => ({ text: bandText(s), cls: s?.band ? `band-${s.band}` : '' });
  const val = (r: ReturnType<typeof vitalsRows>[number], x: number | null): Cell => ({ text: vitalValue(r.vital, x), sort: x ?? -1, num: true });
  const under = v.underLoad ? ['p50 under load', 'p75 under load', 'p95 under load', 'band under load'] : [];
  const rows = vitalsRows(v).map((r) => [
    { text: r.page, cls: 'mono' }, { text: r.mode }, { text: r.vital.toUpperCase() }, val(r, r.idle?.p50 ?? null), val(r, r.idle?.p75 ?? null), val(r, r.idle?.p95 ?? null), band(r.idle),
    ...(v.underLoad ? [val(r, r.underLoad?.p50 ?? null), val(r, r.underLoad?.p75 ?? null), val(r, r.underLoad?.p95 ?? null), band(r.underLoad)] : []),
  ]);
  return `<section id="web-vitals"><h2>Web Vitals</h2><ul>${vitalsNotes(v).map((n) => `<li>${h(n)}</li>`).join('')}</ul>${table('vitals-table', ['page', 'mode', 'vital', 'p50', 'p75', 'p95', 'band', ...under], rows)}</section>`;
}

function deployment(m: LaunchModel): string {
  if (!m.deployment && m.verdict.verdict !== 'NOT_READY') return '';
  if (!m.deployment) return '<section id="deployment"><h2>Deployment recommendation</h2><p><b>Do not deploy.</b> Resolve the blockers in the summary and run the gate again.</p></section>';
  const d = m.deployment;
  return `<section id="deployment"><h2>Deployment recommendation</h2>
<p>Staged rollout:</p><ol class="stages">${d.stages.map((s) => `<li>${h(s.traffic)} — hold ${h(s.hold)}</li>`).join('')}</ol>
<p>Success metrics (from the thresholds):</p><ul>${d.successMetrics.map((x) => `<li class="mono">${h(x)}</li>`).join('')}</ul>
<p>Roll back when:</p><ul>${d.rollback.map((x) => `<li>${h(x)}</li>`).join('')}</ul></section>`;
}
