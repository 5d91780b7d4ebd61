import type { CapacityResult, CapacityStep } from '../load/capacity/result.js';
import { formatMs, pad } from './format.js';

/** One line per finished step (stderr, while the search runs). */
export function stepLine(s: CapacityStep, index: number): string {
  const verdict = s.passed ? 'pass' : `FAIL ${s.failed.map((f) => `${f.expression} (${actual(f.actual, f.metric)})`).join(', ')}`;
  return `step ${index + 1} (${s.phase}) ${s.rate} req/s: ${s.achievedRps} req/s answered, p95 ${formatMs(s.latencyMs.p95)}, ${(s.errorRate * 100).toFixed(1)}% errors -> ${verdict}${s.generatorLimited ? ' [generator-limited]' : ''}`;
}

/** The table of steps, the knee, the threshold that broke and the bottleneck at the knee. */
export function renderCapacity(r: CapacityResult): string {
  const out: string[] = [`capacity of ${r.target}`, ''];
  const head = ['#', 'phase', 'rate', 'answered', 'p50', 'p95', 'p99', 'errors', 'result'];
  const rows = r.steps.map((s, i) => [
    String(i + 1), s.phase, `${s.rate}/s`, `${s.achievedRps}/s`, formatMs(s.latencyMs.p50), formatMs(s.latencyMs.p95), formatMs(s.latencyMs.p99),
    `${(s.errorRate * 100).toFixed(1)}%`, s.passed ? 'pass' : `fail: ${s.failed.map((f) => f.expression).join(', ')}`,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => pad(cell, widths[c]!, c >= 2 && c <= 7)).join('  ').trimEnd();
  out.push(line(head), ...rows.map(line), '');
  if (r.maxRate === null) out.push(`capacity: none found — even ${r.settings.startRate} req/s failed`);
  // No failing rate: either every rate up to --max-rate passed, or the search stopped (time limit, Ctrl-C) below it.
  else if (r.failedAt === null && r.maxRate >= r.settings.maxRate) out.push(`capacity: at least ${r.maxRate} req/s (every rate up to --max-rate ${r.settings.maxRate} passed)`);
  else if (r.failedAt === null) out.push(`capacity: at least ${r.maxRate} req/s (no rate failed before the search stopped; the knee is above it)`);
  else out.push(`capacity: ${r.maxRate} req/s (knee between ${r.maxRate} and ${r.failedAt} req/s)`);
  if (r.limitedBy) out.push(`limited by: ${r.limitedBy.metric} ${r.limitedBy.expression} — ${actual(r.limitedBy.actual, r.limitedBy.metric)} at ${r.limitedBy.rate} req/s`);
  if (r.stoppedBy === 'time-limit') out.push(`stopped by --time-limit (${r.settings.timeLimitMs / 1000} s) after ${r.steps.length} steps: the knee is bracketed less tightly`);
  if (r.stoppedBy === 'interrupted') out.push('interrupted: the figures cover the steps that ran');
  if (r.bottlenecks.length > 0) {
    out.push('', 'bottlenecks at the knee:');
    for (const b of r.bottlenecks) out.push(`  ${b.resource} (${b.metric}): ${b.evidence}`, `    -> ${b.recommendation}`);
  } else if (r.failedAt !== null) {
    out.push('', 'bottleneck at the knee: unknown — give --metrics <url> (the target\'s Prometheus endpoint) to see which resource saturated');
  }
  return out.join('\n') + '\n';
}

function actual(v: number | null, metric: string): string {
  if (v === null) return 'nothing measured';
  return metric.startsWith('http_req_duration') || metric.endsWith('_duration') ? formatMs(v) : Number.isInteger(v) ? String(v) : v < 1 ? `${(v * 100).toFixed(2)}%` : v.toFixed(2);
}
