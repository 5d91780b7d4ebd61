import { SEVERITIES, allFindings, type CheckStatus, type Report, type Severity } from '../core/result.js';

/** Counts the table and JSON reporters both print; every key is always present so the JSON shape is stable. */
export interface ReportSummary {
  checks: { total: number } & Record<CheckStatus, number>;
  findings: { total: number } & Record<Severity, number>;
}

/** Worst first: the order the one-line summary reads in. */
export const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];
export const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();

export function summarize(report: Report): ReportSummary {
  const checks = { total: report.checks.length, fail: 0, warn: 0, pass: 0, skip: 0 };
  for (const c of report.checks) checks[c.status]++;
  const findings = allFindings(report);
  const bySeverity = { total: findings.length, critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  return { checks, findings: bySeverity };
}

/** "3 checks: 1 fail, 1 warn, 1 pass; 4 findings: 1 high, 3 low" (zero counts left out). */
export function summaryLine(s: ReportSummary): string {
  const part = (n: number, noun: string, counts: string[]): string =>
    `${n} ${noun}${n === 1 ? '' : 's'}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}`;
  const statuses = STATUS_ORDER.filter((k) => s.checks[k] > 0).map((k) => `${s.checks[k]} ${k}`);
  const severities = SEVERITY_ORDER.filter((k) => s.findings[k] > 0).map((k) => `${s.findings[k]} ${k}`);
  return `${part(s.checks.total, 'check', statuses)}; ${part(s.findings.total, 'finding', severities)}`;
}
