import { PHASES, type LoadResult } from '../core/load-result.js';
import type { ScenarioLoadResult } from '../load/scenario/result.js';
import { formatBytes, formatCount, formatMs, pad } from './format.js';
import { renderScenarioSection } from './load-scenario-summary.js';
import { renderLoadVitals } from './load-vitals-summary.js';
import { sanitizeForTerminal as clean } from '../report/sanitize-terminal.js';

/** The end-of-run summary table printed to the terminal. */
export function renderLoadSummary(r: LoadResult, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const ok = c('32', '✓');
  const bad = c('31', '✗');
  const o = r.options;
  const lines: string[] = [];
  lines.push(
    (r as Partial<ScenarioLoadResult>).mode === 'scenario'
      ? `gonogo load  scenario ${r.target}  ${r.model} model, up to ${o.connections} users, ${o.workers} worker${o.workers === 1 ? '' : 's'}, ${(r.durationMs / 1000).toFixed(1)} s`
      : `gonogo load  ${o.method} ${r.target}  ${r.model} model, ${o.connections} connections${o.rate !== null ? `, ${formatCount(o.rate)} req/s target` : ''}, ${o.workers} worker${o.workers === 1 ? '' : 's'}, ${(r.durationMs / 1000).toFixed(1)} s`,
  );
  if (r.execution && r.execution.segment !== '0:1') lines.push(`execution segment ${r.execution.segment}${r.execution.sequence ? ` of ${r.execution.sequence}` : ''}: this is one part of a split run (merge the parts with gonogo merge)`);
  if (r.execution?.startAt) lines.push(`start at ${r.execution.startAt}${r.execution.lateStartMs > 0 ? `, started ${r.execution.lateStartMs} ms late` : ''}`);
  if (r.aborted) lines.push(c('33', `aborted: ${r.aborted.reason}`));
  if (r.segments?.length) {
    lines.push('', `merged from ${r.segments.length} segment${r.segments.length === 1 ? '' : 's'}`);
    for (const sg of r.segments) lines.push(`  ${pad(sg.segment, 12)} ${pad(formatCount(sg.requests), 10, true)} req  ${sg.generator.bottleneck ? c('33', 'generator SATURATED') : 'generator ok'}${sg.lateStartMs > 250 ? `, started ${sg.lateStartMs} ms late` : ''}  ${sg.file}`);
  }
  lines.push('');
  const cols = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean'] as const;
  const l = r.latencyMs;
  const vals = [l.p50, l.p90, l.p95, l.p99, l.p999, l.max, l.mean].map(formatMs);
  lines.push(pad('', 10) + cols.map((h, i) => pad(h, Math.max(9, vals[i]!.length + 1), true)).join(''));
  lines.push(pad('latency', 10) + vals.map((v) => pad(v, 9, true)).join(''));
  lines.push(...renderPhases(r));
  if (r.stream) {
    const st = r.stream;
    const row = (label: string, f: typeof st.firstEventMs) => pad(`  ${label}`, 14) + [f.p50, f.p95, f.p99, f.max].map((v) => pad(formatMs(v), 9, true)).join('');
    lines.push('', `${pad('stream', 14)}${formatCount(st.events)} events in ${formatCount(st.streams)} streams`);
    lines.push(pad('', 14) + ['p50', 'p95', 'p99', 'max'].map((h) => pad(h, 9, true)).join(''));
    lines.push(row('first event', st.firstEventMs), row('event gap', st.eventGapMs));
  }
  lines.push('');
  const t = r.totals;
  lines.push(`${pad('requests', 10)}${formatCount(t.requests)} total, ${t.rps.toLocaleString('en-US', { maximumFractionDigits: 1 })} req/s, ${formatBytes(t.bytesReceived)} received`);
  lines.push(`${pad('errors', 10)}${formatCount(t.errors)} (${(t.errorRate * 100).toFixed(2)}%)${Object.keys(r.errorClasses).length ? '  ' + Object.entries(r.errorClasses).map(([k, v]) => `${k}: ${formatCount(v)}`).join(', ') : ''}`);
  lines.push(`${pad('status', 10)}${Object.entries(r.statusCodes).map(([k, v]) => `${k}: ${formatCount(v)}`).join(', ') || '-'}`);
  if (r.model === 'open') lines.push(`${pad('schedule', 10)}${formatCount(t.late)} late, ${formatCount(t.dropped)} dropped, max send lag ${formatMs(r.generator.maxSendLagMs)}`);
  if (t.interrupted) lines.push(`${pad('', 10)}${formatCount(t.interrupted)} requests still in flight at the end were abandoned`);
  if (r.endpoints.length > 1) {
    lines.push('', 'endpoints');
    for (const e of r.endpoints) lines.push(`  ${pad(e.name, 40)} ${pad(formatCount(e.requests), 10, true)} req ${pad(formatMs(e.latencyMs.p95), 10, true)} p95 ${pad(formatCount(e.errors), 8, true)} errors`);
  }
  if ((r as Partial<ScenarioLoadResult>).mode === 'scenario') lines.push(renderScenarioSection(r as ScenarioLoadResult, color));
  if (r.thresholds.length) {
    lines.push('', 'thresholds');
    for (const th of r.thresholds) lines.push(`  ${th.ok ? ok : bad} ${th.metric}: ${th.expression}  (actual ${th.actual === null ? 'no data' : th.actual})`);
  }
  if (r.vitals) lines.push(...renderLoadVitals(r.vitals, c));
  if (r.server) lines.push(...serverLines(r.server, c));
  lines.push('');
  if (r.generator.bottleneck || r.generator.reasons.length) {
    for (const reason of r.generator.reasons) lines.push(c('33', `generator: ${reason}`));
  } else {
    lines.push(`generator: ok (event loop busy ${r.generator.eventLoopUtilization.map((u) => `${Math.round(u * 100)}%`).join(', ')}, CPU ${r.generator.cpuPercent}%)`);
  }
  lines.push(r.passed ? c('32', 'PASSED') : c('31', r.aborted && r.thresholds.every((x) => x.ok) ? 'ABORTED' : 'FAILED'));
  return lines.join('\n') + '\n';
}

/** Server metrics: what was scraped, then each bottleneck (first saturation first) with its recommendation. */
function serverLines(s: NonNullable<LoadResult['server']>, c: (code: string, s: string) => string): string[] {
  const out = ['', 'server'];
  for (const src of s.sources) out.push(`  ${clean(src.source)}: ${src.ok}/${src.scrapes} scrapes`);
  if (s.series.length) out.push(`  series: ${s.series.map((x) => clean(x.name)).join(', ')}`);
  if (s.unmapped.length) out.push(`  unmapped families: ${s.unmapped.slice(0, 8).map(clean).join(', ')}${s.unmapped.length > 8 ? `, ... (${s.unmapped.length} in all; map them with load.metricsMap)` : ''}`);
  for (const w of s.warnings) out.push(c('33', `  warning: ${clean(w)}`));
  if (s.bottlenecks.length === 0) out.push('  bottlenecks: none found');
  for (const b of s.bottlenecks) out.push(c(b.severity === 'high' ? '31' : '33', `  bottleneck ${b.resource}: ${clean(b.evidence)}`), `    -> ${clean(b.recommendation)}`);
  return out;
}

/** One row per phase with samples: p50 / p95 / p99 / max, and how many samples (connection phases: new connections). */
function renderPhases(r: LoadResult): string[] {
  const ph = r.phasesMs;
  if (!ph) return [];
  const rows = PHASES.filter((p) => ph[p].count > 0);
  if (rows.length === 0) return [];
  const out = ['', pad('phases', 10) + ['p50', 'p95', 'p99', 'max'].map((h) => pad(h, 9, true)).join('') + pad('samples', 11, true)];
  for (const p of rows) {
    const f = ph[p];
    out.push(pad(`  ${p}`, 10) + [f.p50, f.p95, f.p99, f.max].map((v) => pad(formatMs(v), 9, true)).join('') + pad(formatCount(f.count), 11, true));
  }
  return out;
}
