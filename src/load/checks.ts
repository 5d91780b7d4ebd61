import type { CheckResult } from '../core/result.js';
import type { LoadResult } from '../core/load-result.js';
import { loadVitalsChecks } from './vitals-checks.js';

/** Roll a load result up into CheckResults, the shape every reporter and the verdict read. */
export function loadChecks(r: LoadResult): CheckResult[] {
  const checks: CheckResult[] = r.thresholds.map((t) => ({
    id: `load.threshold:${t.metric}:${t.expression}`,
    role: 'threshold',
    title: `${t.metric} ${t.expression}`,
    category: 'Performance',
    status: t.ok ? 'pass' : 'fail',
    evidence: t.actual === null ? 'no data for this metric' : `actual ${roundActual(t.actual)}`,
    remediation: t.ok ? undefined : 'find the bottleneck (see the timeline and per-endpoint latencies) or revisit the SLA',
  }));
  const classes = Object.entries(r.errorClasses).map(([k, v]) => `${k}: ${v}`).join(', ');
  checks.push({
    id: 'load.errors',
    title: 'Requests without errors',
    category: 'Performance',
    status: r.totals.errors === 0 ? 'pass' : 'warn',
    evidence: `${r.totals.errors} of ${r.totals.requests} requests failed (${(r.totals.errorRate * 100).toFixed(2)}%)${classes ? `: ${classes}` : ''}`,
  });
  checks.push({
    id: 'load.generator',
    title: 'Load generator was not the bottleneck',
    category: 'Performance',
    status: r.generator.bottleneck ? 'warn' : 'pass',
    evidence: r.generator.reasons.length ? r.generator.reasons.join('; ') : `event-loop utilisation ${r.generator.eventLoopUtilization.join(', ')}; CPU ${r.generator.cpuPercent}%`,
  });
  if (r.vitals) checks.push(...loadVitalsChecks(r.vitals));
  if (r.aborted) checks.push({ id: 'load.completed', title: 'Run completed', category: 'Performance', status: 'fail', evidence: `aborted: ${r.aborted.reason}` });
  return checks;
}

/** Evidence is read by people: a few significant decimals, never 54.666666666666664. */
function roundActual(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(Math.max(4, Math.ceil(Math.log10(Math.abs(v) + 1)) + 2))));
}
