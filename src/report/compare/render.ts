import { escapeMarkdown as md } from '../escape.js';
import { sanitizeForTerminal as clean } from '../sanitize-terminal.js';
import { VITALS, type Vital } from '../../core/vitals.js';
import { vitalValue } from '../vitals-model.js';
import { METRICS, type CompareResult, type Metric, type MetricDelta } from './compare.js';
import type { VitalDelta } from './vitals.js';

const HEAD: Record<Metric, string> = { rps: 'req/s', p50: 'p50 ms', p95: 'p95 ms', p99: 'p99 ms', errorRate: 'error %' };

function value(m: Metric, v: number): string {
  return m === 'errorRate' ? (v * 100).toFixed(2) : m === 'rps' ? v.toFixed(1) : v.toFixed(2);
}

/** "12.1 → 14.0 (+15.7%) REGRESSION" with the mark only when the change is beyond the noise margin; one shape for
 * endpoint metrics and Web Vitals ("-" for a vital without samples). */
function deltaCell<T>(d: { baseline: T; actual: T; change: number | null; regression: boolean; improvement: boolean }, fmt: (x: T) => string): string {
  const pct = d.change === null ? '' : ` (${d.change >= 0 ? '+' : ''}${(d.change * 100).toFixed(1)}%)`;
  const mark = d.regression ? ' REGRESSION' : d.improvement ? ' better' : '';
  return `${fmt(d.baseline)} → ${fmt(d.actual)}${pct}${mark}`;
}

const cell = (m: Metric, d: MetricDelta) => deltaCell(d, (x) => value(m, x));
const vitalCell = (v: Vital, d: VitalDelta) => deltaCell(d, (x) => vitalValue(v, x));

function verdicts(r: CompareResult): string {
  return `${r.baseline.verdict ?? '-'} → ${r.actual.verdict ?? '-'}`;
}

export function renderCompareTerminal(r: CompareResult): string {
  const lines = [`baseline ${clean(r.baseline.label)} (${r.baseline.startedAt ?? '?'})`, `actual   ${clean(r.actual.label)} (${r.actual.startedAt ?? '?'})`, `verdict  ${verdicts(r)}; noise margin ${r.noisePct}%`, ''];
  for (const row of r.rows) {
    lines.push(`${clean(row.scenario)} › ${clean(row.endpoint)}`);
    for (const m of METRICS) lines.push(`  ${HEAD[m].padEnd(8)} ${cell(m, row.metrics[m])}`);
  }
  for (const row of r.vitals) {
    lines.push(`pages › ${row.condition} › ${clean(row.page)} › ${row.mode} (Web Vitals p75)`);
    for (const v of VITALS) lines.push(`  ${v.toUpperCase().padEnd(8)} ${vitalCell(v, row.vitals[v])}`);
  }
  if (r.rows.length === 0 && r.vitals.length === 0) lines.push('No scenario, endpoint or page appears in both runs.');
  for (const k of r.onlyInBaseline) lines.push(`only in baseline: ${clean(k)}`);
  for (const k of r.onlyInActual) lines.push(`only in actual:   ${clean(k)}`);
  lines.push('', `findings: ${r.findings.new.length} new, ${r.findings.fixed.length} fixed, ${r.findings.unchanged} unchanged`);
  for (const f of r.findings.new) lines.push(`  + [${f.severity}] ${clean(f.ruleId)}: ${clean(f.message)} (${clean(f.fingerprint)})`);
  for (const f of r.findings.fixed) lines.push(`  - [${f.severity}] ${clean(f.ruleId)}: ${clean(f.message)} (${clean(f.fingerprint)})`);
  lines.push('', r.regressions === 0 ? 'No regressions beyond the noise margin.' : `${r.regressions} regression${r.regressions === 1 ? '' : 's'} beyond the noise margin.`);
  return `${lines.join('\n')}\n`;
}

export function renderCompareMarkdown(r: CompareResult): string {
  const lines = ['# gonogo compare', '', `Baseline ${md(r.baseline.label)} → actual ${md(r.actual.label)} · verdict ${md(verdicts(r))} · noise margin ${r.noisePct}%`, ''];
  if (r.rows.length > 0) {
    lines.push(`| scenario | endpoint | ${METRICS.map((m) => HEAD[m]).join(' | ')} |`, `|${' --- |'.repeat(2 + METRICS.length)}`);
    for (const row of r.rows) {
      const cells = METRICS.map((m) => {
        const c = md(cell(m, row.metrics[m]));
        return row.metrics[m].regression ? `**${c}**` : c;
      });
      lines.push(`| ${md(row.scenario)} | ${md(row.endpoint)} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (r.vitals.length > 0) {
    lines.push('## Web Vitals (p75)', '', `| condition | page | mode | ${VITALS.map((v) => v.toUpperCase()).join(' | ')} |`, `|${' --- |'.repeat(3 + VITALS.length)}`);
    for (const row of r.vitals) {
      const cells = VITALS.map((v) => {
        const c = md(vitalCell(v, row.vitals[v]));
        return row.vitals[v].regression ? `**${c}**` : c;
      });
      lines.push(`| ${row.condition} | ${md(row.page)} | ${row.mode} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  for (const k of r.onlyInBaseline) lines.push(`- only in baseline: ${md(k)}`);
  for (const k of r.onlyInActual) lines.push(`- only in actual: ${md(k)}`);
  lines.push(`## Findings: ${r.findings.new.length} new, ${r.findings.fixed.length} fixed, ${r.findings.unchanged} unchanged`, '');
  for (const f of r.findings.new) lines.push(`- new **${f.severity}** ${md(f.ruleId)}: ${md(f.message)} (\`${md(f.fingerprint)}\`)`);
  for (const f of r.findings.fixed) lines.push(`- fixed ${f.severity} ${md(f.ruleId)}: ${md(f.message)} (\`${md(f.fingerprint)}\`)`);
  lines.push('', r.regressions === 0 ? 'No regressions beyond the noise margin.' : `**${r.regressions} regression${r.regressions === 1 ? '' : 's'}** beyond the noise margin.`);
  return `${lines.join('\n')}\n`;
}
