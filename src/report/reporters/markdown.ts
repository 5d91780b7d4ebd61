import { allFindings } from '../../core/result.js';
import { locationText } from '../location-text.js';
import { escapeMarkdown as md } from '../escape.js';
import { breakingPointLines, launchModel } from '../launch/model.js';
import type { Reporter } from '../reporter.js';
import { summarize, summaryLine } from '../summarize.js';
import { verdictLabel } from '../verdict.js';
import { reportVitals } from '../report-vitals.js';
import { bandText, vitalsNotes, vitalsRows, vitalValue } from '../vitals-model.js';

const ICON = { READY: '✅', READY_WITH_WARNINGS: '⚠️', NOT_READY: '❌' } as const;
const STATUS = { pass: 'pass', warn: '**warn**', fail: '**FAIL**', skip: 'skip' } as const;
const COVERAGE = { passed: 'passed', failed: '**FAILED**', 'not-covered': '**not covered**' } as const;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** A launch report for a pull request comment: GitHub-flavoured Markdown, every untrusted string escaped. */
export const markdown: Reporter = (report) => {
  const m = launchModel(report);
  const out: string[] = [];
  const table = (head: string[], rows: (string | number)[][]) => {
    if (rows.length === 0) return;
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
    for (const r of rows) out.push(`| ${r.join(' | ')} |`);
    out.push('');
  };

  out.push(`# ${ICON[m.verdict.verdict]} ${verdictLabel(m.verdict.verdict)}`, '');
  out.push(`${md(report.tool.name)} ${md(report.tool.version)} · \`${md(report.command)}\`${m.target ? ` · target ${md(m.target)}` : ''} · ${md(report.startedAt)}${m.strict ? ' · strict' : ''}`, '');
  out.push('## Executive summary', '');
  out.push(summaryLine(summarize(report)), '');
  for (const r of m.verdict.reasons) out.push(`- **${r.level}** ${md(r.message)}`);
  if (m.verdict.reasons.length === 0) out.push('- Every check passed under the policy.');
  out.push('');

  if (m.coverage.length > 0) {
    out.push('## Coverage', '');
    table(['area', 'status', 'detail'], m.coverage.map((a) => [md(a.title), COVERAGE[a.status], md(a.detail)]));
  }

  if (m.parts.length > 0) {
    out.push('## Parts', '');
    table(['part', 'status', 'detail'], m.parts.map((p) => [md(p.title), p.status, md(p.reason ?? (p.durationMs !== undefined ? `${fmt(p.durationMs / 1000)} s` : ''))]));
  }

  if (m.performance.length > 0) {
    out.push('## Performance', '');
    table(
      ['scenario', 'users', 'throughput (req/s)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'error %', 'status'],
      m.performance.map((r) => [md(r.endpoint ? `${r.scenario} › ${r.endpoint}` : r.scenario), md(r.users), fmt(r.rps), fmt(r.p50, 2), fmt(r.p95, 2), fmt(r.p99, 2), fmt(r.errorPct, 2), STATUS[r.status]]),
    );
  }

  const vitals = reportVitals(report);
  if (vitals) {
    out.push('## Web Vitals', '');
    out.push(...vitalsNotes(vitals).map((n) => `- ${md(n)}`), '');
    const under = vitals.underLoad ? ['p50 under load', 'p75 under load', 'p95 under load', 'band under load'] : [];
    table(
      ['page', 'mode', 'vital', 'p50', 'p75', 'p95', 'band', ...under],
      vitalsRows(vitals).map((r) => [
        md(r.page), r.mode, r.vital.toUpperCase(), vitalValue(r.vital, r.idle?.p50 ?? null), vitalValue(r.vital, r.idle?.p75 ?? null), vitalValue(r.vital, r.idle?.p95 ?? null), bandText(r.idle),
        ...(vitals.underLoad ? [vitalValue(r.vital, r.underLoad?.p50 ?? null), vitalValue(r.vital, r.underLoad?.p75 ?? null), vitalValue(r.vital, r.underLoad?.p95 ?? null), bandText(r.underLoad)] : []),
      ]),
    );
  }

  if (m.security.length > 0) {
    out.push('## Security', '');
    table(['category', 'tests', 'passed', 'failed', 'status'], m.security.map((s) => [md(s.category), s.tests, s.passed, s.failed, STATUS[s.status]]));
  }

  out.push('## Checks', '');
  table(['status', 'id', 'category', 'title', 'evidence'], report.checks.map((c) => [STATUS[c.status], md(c.id), md(c.category), md(c.title), md(c.evidence)]));

  const findings = report.checks.flatMap((c) => (c.findings ?? []).map((f) => ({ c, f })));
  if (findings.length > 0) {
    out.push('## Findings', '');
    table(['severity', 'rule', 'location', 'message', 'fingerprint'], findings.map(({ f }) => [f.severity, md(f.ruleId), md(locationText(f.location)), md(f.message), md(f.fingerprint)]));
  }

  const bp = m.breakingPoint;
  if (bp) {
    out.push('## Breaking point', '');
    out.push(...breakingPointLines(bp).map(([k, v]) => `- **${k}:** ${md(v)}`), '');
    table(['rate (req/s)', 'achieved (req/s)', 'p95 (ms)', 'error %', 'status'], bp.steps.map((s) => [fmt(s.rate), fmt(s.achievedRps), fmt(s.latencyMs.p95, 2), fmt(s.errorRate * 100, 2), s.passed ? STATUS.pass : STATUS.fail]));
  }

  if (m.bottlenecks.length > 0) {
    out.push('## Bottlenecks identified', '');
    for (const b of m.bottlenecks) out.push(`- **${md(b.title)}** — ${md(b.evidence)}${b.recommendation ? ` → ${md(b.recommendation)}` : ''}`);
    out.push('');
  }

  if (m.recommendations.length > 0) {
    out.push('## Recommendations', '');
    for (const r of m.recommendations) out.push(`- **${r.priority}** ${md(r.title)} — ${md(r.action)}`);
    out.push('');
  }

  out.push('## Compliance mapping', '');
  table(['check', 'status', 'OWASP Top 10 2021', 'SOC 2', 'ISO 27001'], m.compliance.map((c) => [md(c.id), c.status, md(c.owasp.join(', ') || '—'), md(c.soc2.join(', ') || '—'), md(c.iso27001.join(', ') || '—')]));

  if (m.deployment) {
    out.push('## Deployment recommendation', '');
    out.push(`Staged rollout: ${m.deployment.stages.map((s) => `${s.traffic} (${s.hold})`).join(' → ')}.`, '');
    out.push('Success metrics:', '', ...m.deployment.successMetrics.map((s) => `- ${md(s)}`), '');
    out.push('Roll back when:', '', ...m.deployment.rollback.map((s) => `- ${md(s)}`), '');
  } else if (m.verdict.verdict === 'NOT_READY') {
    out.push('## Deployment recommendation', '', 'Do not deploy: resolve the blockers above and run the gate again.', '');
  }
  if (allFindings(report).length === 0 && report.checks.length === 0) out.push('No checks ran.', '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
};
