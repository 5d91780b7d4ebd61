import { showControls } from '../../core/show-controls.js';
import type { ScenarioLoadResult } from '../scenario/result.js';

export type ProfileStatus = 'pass' | 'fail' | 'aborted' | 'skipped';

export interface BaselineRow {
  profile: string;
  description: string;
  users: number | null;
  /** Requests per second over the run. */
  throughput: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Percent of requests that failed. */
  errorPct: number | null;
  status: ProfileStatus;
  /** Thresholds that failed ("metric expression (actual)"), or why the profile did not run. */
  notes: string[];
  durationMs: number | null;
  /** Spike profile: seconds to recover to the pre-spike latency (null: did not recover). */
  recoverySec?: number | null;
}

export interface BaselineReport {
  schema: 'gonogo/baseline@1';
  target: string;
  health: { url: string; status: number; ms: number };
  profiles: BaselineRow[];
  passed: boolean;
  /** The profile whose failure stopped the suite, when it stopped early. */
  stoppedAt: string | null;
  /** Full load results by profile. */
  results: Record<string, ScenarioLoadResult>;
}

/** One summary row from a profile's result. Pure. */
export function rowFromResult(profile: string, description: string, r: ScenarioLoadResult): BaselineRow {
  const failed = r.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression} (actual ${t.actual ?? 'no data'})`);
  const row: BaselineRow = {
    profile,
    description,
    users: r.scenarios.reduce((a, s) => a + s.peakUsers, 0),
    throughput: r.totals.rps,
    p50: r.latencyMs.p50,
    p95: r.latencyMs.p95,
    p99: r.latencyMs.p99,
    errorPct: Math.round(r.totals.errorRate * 1e4) / 100,
    status: r.aborted ? 'aborted' : r.passed ? 'pass' : 'fail',
    notes: r.aborted ? [`aborted: ${r.aborted.reason}`, ...failed] : failed,
    durationMs: r.durationMs,
  };
  if (r.recovery) row.recoverySec = r.recovery.timeToRecoverMs === null ? null : r.recovery.timeToRecoverMs / 1000;
  return row;
}

export function skippedRow(profile: string, description: string, why: string): BaselineRow {
  return { profile, description, users: null, throughput: null, p50: null, p95: null, p99: null, errorPct: null, status: 'skipped', notes: [why], durationMs: null };
}

const HEAD = ['profile', 'users', 'throughput', 'p50', 'p95', 'p99', 'error %', 'status'];

function cells(r: BaselineRow): string[] {
  const ms = (v: number | null) => (v === null ? '-' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ms`);
  return [
    r.profile,
    r.users === null ? '-' : r.users.toLocaleString('en-US'),
    r.throughput === null ? '-' : `${r.throughput.toLocaleString('en-US', { maximumFractionDigits: 1 })} req/s`,
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    r.errorPct === null ? '-' : `${r.errorPct.toFixed(2)}%`,
    r.status.toUpperCase(),
  ];
}

/** Plain-text table for the terminal. */
export function renderBaselineTable(rep: BaselineReport, color = false): string {
  const rows = rep.profiles.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const paint = (s: string, status: string) => (!color ? s : status === 'PASS' ? `\x1b[32m${s}\x1b[0m` : status === 'SKIPPED' ? `\x1b[2m${s}\x1b[0m` : `\x1b[31m${s}\x1b[0m`);
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [`gonogo baseline  ${rep.target}  health ${rep.health.status} in ${rep.health.ms} ms`, '', line(HEAD), widths.map((w) => '-'.repeat(w)).join('  ')];
  rep.profiles.forEach((p, i) => {
    out.push(paint(line(rows[i]!), rows[i]![7]!));
    for (const n of p.notes) out.push(`    ${showControls(n)}`);
    if (p.recoverySec !== undefined) out.push(`    spike recovery: ${p.recoverySec === null ? 'did not recover to the pre-spike latency' : `${p.recoverySec.toFixed(1)} s to the pre-spike latency`}`);
  });
  out.push('', rep.passed ? 'PASSED' : rep.stoppedAt ? `FAILED (stopped after ${rep.stoppedAt}; --continue runs the rest)` : 'FAILED');
  return out.join('\n') + '\n';
}

/** GitHub-flavoured Markdown, for PR comments and job summaries. */
export function renderBaselineMarkdown(rep: BaselineReport): string {
  const esc = (s: string) => s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  const out = [`## Baseline: ${esc(rep.target)}`, '', `Health check: ${rep.health.status} in ${rep.health.ms} ms`, '', `| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i === 0 || i === HEAD.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const p of rep.profiles) out.push(`| ${cells(p).map(esc).join(' | ')} |`);
  const notes = rep.profiles.filter((p) => p.notes.length || p.recoverySec !== undefined);
  if (notes.length) {
    out.push('');
    for (const p of notes) {
      for (const n of p.notes) out.push(`- **${esc(p.profile)}**: ${esc(n)}`);
      if (p.recoverySec !== undefined) out.push(`- **${esc(p.profile)}**: spike recovery ${p.recoverySec === null ? 'not reached' : `${p.recoverySec.toFixed(1)} s`}`);
    }
  }
  out.push('', `**${rep.passed ? 'PASSED' : 'FAILED'}**${rep.stoppedAt ? ` (stopped after ${esc(rep.stoppedAt)})` : ''}`);
  return out.join('\n') + '\n';
}
