import type { CheckResult, CheckStatus, Finding, Report } from '../core/result.js';
import type { PlanLine } from '../probe/budget-plan.js';
import { sanitizeForTerminal as clean } from '../report/sanitize-terminal.js';
import { summarize, summaryLine } from '../report/summarize.js';

/** Findings listed per check by default; the rest are counted (--verbose lists them all). */
const FINDINGS_SHOWN = 10;
const STATUS_STYLE: Record<CheckStatus, string> = { fail: '1;31', warn: '33', pass: '32', skip: '2' };
const RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };

export interface ProbeSummaryOptions {
  color: boolean;
  width: number;
  verbose: boolean;
  /** The run's budget plan, for the coverage lines. */
  plan: readonly PlanLine[];
  requests: number;
  maxRequests: number;
  durationMs: number;
}

/**
 * `gonogo probe`'s terminal output: checks grouped by family (tls, headers, waf, …) with counts, one line per
 * check; failing and warning checks show their evidence in full, passing ones one line. Findings: the first
 * ten per check (checks order theirs so these are the most telling), every one with --verbose. Then what the
 * budget could not cover.
 */
export function renderProbeSummary(report: Report, target: string, o: ProbeSummaryOptions): string {
  const paint = (style: string, text: string) => (o.color ? `\x1b[${style}m${text}\x1b[0m` : text);
  const lines = [paint('1', `gonogo probe  ${clean(target)}  ${report.checks.length} checks, ${o.requests} of ${o.maxRequests} requests, ${(o.durationMs / 1000).toFixed(1)} s`), ''];
  const idWidth = Math.min(32, Math.max(0, ...report.checks.map((c) => c.id.length)));
  for (const [family, checks] of groupByFamily(report.checks)) {
    const counts = (['fail', 'warn', 'pass', 'skip'] as const).filter((s) => checks.some((c) => c.status === s)).map((s) => `${checks.filter((c) => c.status === s).length} ${s}`);
    const findings = checks.reduce((n, c) => n + (c.findings?.length ?? 0), 0);
    lines.push(paint('1', `${family}`) + paint('2', `  ${checks.length} check${checks.length === 1 ? '' : 's'}: ${counts.join(', ')}${findings ? `; ${findings} finding${findings === 1 ? '' : 's'}` : ''}`));
    for (const c of [...checks].sort((a, b) => RANK[a.status] - RANK[b.status])) lines.push(...checkLines(c, idWidth, o, paint));
  }
  const uncovered = o.plan.filter((p) => p.uncovered);
  if (uncovered.length) {
    lines.push('', paint('1', 'not covered within the budget') + paint('2', ` (--max-requests ${o.maxRequests}; raise it to cover more)`));
    for (const p of uncovered) lines.push(`  ${p.check}: ${clean(p.uncovered!)} (it had ${p.allowance} requests, used ${p.spent})`);
  }
  lines.push('', summaryLine(summarize(report)));
  return `${lines.join('\n')}\n`;
}

function checkLines(c: CheckResult, idWidth: number, o: ProbeSummaryOptions, paint: (s: string, t: string) => string): string[] {
  const head = `  ${paint(STATUS_STYLE[c.status], c.status.toUpperCase().padEnd(4))}  ${c.id.padEnd(idWidth)}  `;
  const full = o.verbose || c.status === 'fail' || c.status === 'warn';
  const room = Math.max(20, o.width - (8 + idWidth));
  const evidence = clean(c.evidence);
  // Long evidence in full reads better one clause a line (checks separate clauses with "; ").
  const clauses = full && evidence.length > room ? evidence.split('; ') : [full ? evidence : truncate(evidence, room)];
  const out = [`${head}${clauses[0]}`, ...clauses.slice(1).map((l) => `${' '.repeat(10 + idWidth)}${l}`)];
  const findings = c.findings ?? [];
  if (findings.length === 0) return out;
  const shown = o.verbose ? findings : findings.slice(0, FINDINGS_SHOWN);
  const indent = ' '.repeat(8);
  for (const f of shown) out.push(`${indent}${severity(f, paint)} ${clean(f.message)}`);
  if (shown.length < findings.length) out.push(paint('2', `${indent}… ${findings.length - shown.length} more finding(s) (--verbose lists every one; --format json or sarif has them all)`));
  return out;
}

function severity(f: Finding, paint: (s: string, t: string) => string): string {
  const style = f.severity === 'critical' || f.severity === 'high' ? '31' : f.severity === 'medium' ? '33' : '36';
  return paint(style, f.severity.padEnd(6));
}

/** "headers.hsts" belongs to "headers"; checks keep the order of their first member. */
function groupByFamily(checks: readonly CheckResult[]): Map<string, CheckResult[]> {
  const m = new Map<string, CheckResult[]>();
  for (const c of checks) {
    const family = c.id.split('.')[0]!;
    m.set(family, [...(m.get(family) ?? []), c]);
  }
  return m;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
