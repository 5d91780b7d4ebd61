import type { AreaCoverage } from '../../core/coverage.js';
import { severityRank, type CheckResult, type CheckStatus, type Report, type Severity } from '../../core/result.js';
import { summariseEncodedMs } from '../../core/hdr.js';
import { kneeText, type BreakingPoint } from '../../core/breaking-point.js';
import type { LoadResult } from '../../core/load-result.js';
import { isRunReport, type PartStatus } from '../../core/run-report.js';
import type { VerdictResult } from '../../core/verdict.js';
import { computeVerdict } from '../verdict.js';
import { complianceFor } from './compliance.js';

/**
 * Everything a launch report shows, computed once from a Report (pure), so the Markdown and HTML
 * reporters render the same facts. A plain Report (from `scan` or `probe`) gets the default policy.
 */
export interface LaunchModel {
  verdict: VerdictResult;
  strict: boolean;
  target?: string;
  parts: PartStatus[];
  /** A run's areas as passed, failed or not covered; empty for a single scan or probe. */
  coverage: AreaCoverage[];
  performance: PerfRow[];
  security: SecurityRow[];
  /** Server-side findings first (with their recommendation), then what the load figures alone show. */
  bottlenecks: { title: string; evidence: string; recommendation?: string }[];
  recommendations: { priority: 'critical' | 'high' | 'medium'; title: string; action: string }[];
  compliance: { id: string; title: string; status: CheckStatus; owasp: string[]; soc2: string[]; iso27001: string[] }[];
  /** Only for a run whose verdict allows deploying. */
  deployment?: { stages: { traffic: string; hold: string }[]; successMetrics: string[]; rollback: string[] };
  loads: { name: string; result: LoadResult }[];
  /** The capacity part's search (docs/capacity.md#in-gonogo-run). */
  breakingPoint?: BreakingPoint;
}

export interface PerfRow {
  scenario: string;
  endpoint?: string;
  users: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errorPct: number;
  status: 'pass' | 'fail';
}

export interface SecurityRow {
  category: string;
  tests: number;
  passed: number;
  failed: number;
  warned: number;
  status: CheckStatus;
}

const WORST: CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];

export function launchModel(report: Report): LaunchModel {
  const run = isRunReport(report) ? report : undefined;
  const verdict = run?.verdict ?? computeVerdict({ checks: report.checks, today: report.finishedAt.slice(0, 10) });
  const loads = run?.loads ?? [];
  const m: LaunchModel = {
    verdict,
    strict: run?.strict ?? false,
    ...(run?.target ? { target: run.target } : {}),
    parts: run?.parts ?? [],
    coverage: run?.coverage ?? [],
    performance: performanceRows(loads),
    security: securityRows(report.checks),
    bottlenecks: [...kneeBottlenecks(run?.breakingPoint), ...bottlenecks(loads, report.checks)],
    recommendations: recommendations(report.checks, verdict, loads, run?.breakingPoint),
    compliance: report.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, ...complianceFor(c) })),
    loads,
    ...(run?.breakingPoint ? { breakingPoint: run.breakingPoint } : {}),
  };
  // A rollout plan answers a launch question, so only a run (not a single scan or probe) gets one.
  if (run && verdict.verdict !== 'NOT_READY') m.deployment = deployment(loads);
  return m;
}

function users(r: LoadResult): string {
  return r.model === 'open' ? `${r.options.rate ?? 0} req/s` : String(r.options.connections);
}

/** What scripted runs add to a load result that the performance table reads (older results lack it). */
interface ScenarioView {
  name: string;
  requests: number;
  errors: number;
  peakUsers: number;
}

function performanceRows(loads: { name: string; result: LoadResult }[]): PerfRow[] {
  return loads.flatMap(({ name, result: r }) => {
    const scenarios = (r as { scenarios?: ScenarioView[] }).scenarios ?? [];
    if (scenarios.length > 0) return scenarioRows(name, r, scenarios);
    const status = r.passed ? ('pass' as const) : ('fail' as const);
    const row: PerfRow = { scenario: name, users: users(r), rps: r.totals.rps, p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99, errorPct: r.totals.errorRate * 100, status };
    // Endpoint rows only add information when there is more than one endpoint; thresholds belong to the
    // scenario, so an endpoint row fails only on its own error rate (1% or more).
    const eps = r.endpoints.length > 1 ? r.endpoints : [];
    return [row, ...eps.map((e) => ({ scenario: name, endpoint: e.name, users: users(r), rps: e.rps, p50: e.latencyMs.p50, p95: e.latencyMs.p95, p99: e.latencyMs.p99, errorPct: e.errorRate * 100, status: e.errorRate >= 0.01 ? ('fail' as const) : ('pass' as const) }))];
  });
}

/**
 * A scripted run: one row for the whole load, then per scenario its own users, throughput, latency (its endpoints'
 * histograms added exactly) and status (its scoped thresholds), with its endpoints beneath it.
 */
function scenarioRows(name: string, r: LoadResult, scenarios: ScenarioView[]): PerfRow[] {
  const seconds = Math.max(r.durationMs / 1000, 1e-3);
  const totalUsers = scenarios.reduce((a, s) => a + s.peakUsers, 0);
  const rows: PerfRow[] = [{ scenario: name, users: String(totalUsers), rps: r.totals.rps, p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99, errorPct: r.totals.errorRate * 100, status: r.passed ? 'pass' : 'fail' }];
  for (const s of scenarios) {
    const eps = r.endpoints.filter((e) => (e as { scenario?: string }).scenario === s.name);
    const lat = summariseEncodedMs(eps.map((e) => e.latencyHdr).filter((h): h is string => typeof h === 'string' && h.length > 0));
    const failed = r.thresholds.some((t) => !t.ok && t.metric.includes(`scenario:${s.name}`));
    rows.push({ scenario: s.name, users: String(s.peakUsers), rps: s.requests / seconds, p50: lat.p50, p95: lat.p95, p99: lat.p99, errorPct: s.requests ? (s.errors / s.requests) * 100 : 0, status: failed ? 'fail' : 'pass' });
    for (const e of eps) rows.push({ scenario: s.name, endpoint: e.name, users: String(s.peakUsers), rps: e.rps, p50: e.latencyMs.p50, p95: e.latencyMs.p95, p99: e.latencyMs.p99, errorPct: e.errorRate * 100, status: e.errorRate >= 0.01 ? 'fail' : 'pass' });
  }
  return rows;
}

/** Security checks grouped by what tested them: the first segment of the check id (secrets, deps, headers, ...). */
function securityRows(checks: CheckResult[]): SecurityRow[] {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) {
    if (c.category.toLowerCase() !== 'security' || c.role === 'checklist') continue;
    const key = c.id.split(/[.:]/)[0] ?? c.id;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].map(([category, cs]) => ({
    category,
    tests: cs.length,
    passed: cs.filter((c) => c.status === 'pass').length,
    failed: cs.filter((c) => c.status === 'fail').length,
    warned: cs.filter((c) => c.status === 'warn').length,
    status: WORST.find((s) => cs.some((c) => c.status === s)) ?? 'skip',
  }));
}

const ms = (x: number) => `${x.toFixed(x >= 100 ? 0 : 1)} ms`;

const RESOURCE_TITLES: Record<string, string> = { cpu: 'CPU', memory: 'memory', event_loop: 'event loop', db_pool: 'database connections', cache: 'cache', thread_pool: 'thread pool', queue: 'queue', disk: 'disk', network: 'network', generator: 'the load generator' };

/** The server-side bottlenecks of one load (result.server), as report lines. */
function serverBottlenecks(name: string, r: LoadResult): LaunchModel['bottlenecks'] {
  return (r.server?.bottlenecks ?? []).map((b) => ({
    title: `${name}: ${RESOURCE_TITLES[b.resource] ?? b.resource}${b.at !== null ? ` saturated at ${b.at} s` : ''}`,
    evidence: b.evidence,
    recommendation: b.recommendation,
  }));
}

/** What saturated at the capacity search's knee, first: the breaking point is the strongest evidence. */
function kneeBottlenecks(b: BreakingPoint | undefined): LaunchModel['bottlenecks'] {
  return (b?.bottlenecks ?? []).map((x) => ({ title: `Breaking point: ${RESOURCE_TITLES[x.resource] ?? x.resource} at the knee (${kneeText(b!)})`, evidence: `${x.metric}: ${x.evidence}`, recommendation: x.recommendation }));
}

function bottlenecks(loads: { name: string; result: LoadResult }[], checks: CheckResult[]): LaunchModel['bottlenecks'] {
  const out: LaunchModel['bottlenecks'] = [];
  for (const { name, result: r } of loads) out.push(...serverBottlenecks(name, r));
  for (const { name, result: r } of loads) {
    const slow = [...r.endpoints].filter((e) => e.requests > 0).sort((a, b) => b.latencyMs.p95 - a.latencyMs.p95);
    const top = slow[0];
    if (top && r.endpoints.length > 1 && top.latencyMs.p95 > 1.5 * r.latencyMs.p50) {
      out.push({ title: `${name}: slowest endpoint ${top.name}`, evidence: `p95 ${ms(top.latencyMs.p95)}, p99 ${ms(top.latencyMs.p99)} over ${top.requests} requests (scenario p50 ${ms(r.latencyMs.p50)})` });
    }
    for (const e of r.endpoints.filter((x) => x.errorRate >= 0.01)) {
      const codes = Object.entries({ ...e.statusCodes, ...e.errorClasses }).filter(([k]) => !/^[23]\d\d$/.test(k)).map(([k, v]) => `${k}: ${v}`).join(', ');
      out.push({ title: `${name}: errors on ${e.name}`, evidence: `${(e.errorRate * 100).toFixed(2)}% of ${e.requests} requests failed${codes ? ` (${codes})` : ''}` });
    }
    const tl = r.timeline.filter((p) => p.requests > 0);
    if (tl.length >= 6) {
      const third = Math.floor(tl.length / 3);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const first = median(tl.slice(0, third).map((p) => p.p95));
      const last = median(tl.slice(-third).map((p) => p.p95));
      if (first > 0 && last > 1.5 * first) out.push({ title: `${name}: latency grew during the run`, evidence: `median p95 rose from ${ms(first)} in the first third to ${ms(last)} in the last third` });
    }
    // With server metrics the generator's finding is among the server bottlenecks already.
    if (r.generator.bottleneck && !r.server) out.push({ title: `${name}: the load generator was saturated`, evidence: r.generator.reasons.join('; ') });
  }
  for (const c of checks.filter((x) => x.role === 'threshold' && x.status === 'fail')) out.push({ title: `Threshold not met: ${c.title}`, evidence: c.evidence });
  return out;
}

function recommendations(checks: CheckResult[], verdict: VerdictResult, loads: { name: string; result: LoadResult }[] = [], knee?: BreakingPoint): LaunchModel['recommendations'] {
  const out: LaunchModel['recommendations'] = [];
  const seen = new Set<string>();
  const push = (priority: 'critical' | 'high' | 'medium', title: string, action: string) => {
    const key = `${priority}|${title}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ priority, title, action });
    }
  };
  for (const c of checks) {
    for (const f of c.findings ?? []) {
      const p = priorityOf(f.severity);
      if (p) push(p, `${f.ruleId}: ${f.message}`, f.remediation ?? c.remediation ?? 'fix the finding, or accept it with an owner and an expiry date in policy.accept');
    }
    if ((c.findings ?? []).length === 0 && (c.status === 'fail' || c.status === 'warn')) {
      push(c.status === 'fail' ? 'high' : 'medium', `${c.id}: ${c.title}`, c.remediation ?? c.evidence);
    }
  }
  // Each server bottleneck's concrete change ("raise the pool from 400 to 600"), high when it saturated with waiters or at a limit.
  for (const { name, result: r } of loads) {
    for (const b of r.server?.bottlenecks ?? []) push(b.severity === 'high' ? 'high' : 'medium', `${name}: ${RESOURCE_TITLES[b.resource] ?? b.resource} — ${b.evidence}`, b.recommendation);
  }
  for (const b of knee?.bottlenecks ?? []) push('high', `Breaking point ${kneeText(knee!)}: ${RESOURCE_TITLES[b.resource] ?? b.resource} — ${b.evidence}`, b.recommendation);
  if (verdict.reasons.some((r) => r.code === 'critical-findings' || r.code === 'exposed-secrets')) {
    // Ranked first by the sort below; a leaked secret stays leaked after the commit is removed.
    push('critical', 'Rotate every exposed credential', 'revoke and reissue the secrets found, then load them from the environment or a secrets manager');
  }
  const rank = { critical: 0, high: 1, medium: 2 };
  return out.sort((a, b) => rank[a.priority] - rank[b.priority]);
}

function priorityOf(s: Severity): 'critical' | 'high' | 'medium' | undefined {
  if (s === 'critical') return 'critical';
  if (s === 'high') return 'high';
  return severityRank(s) >= severityRank('medium') ? 'medium' : undefined;
}

function deployment(loads: { name: string; result: LoadResult }[]): NonNullable<LaunchModel['deployment']> {
  const metrics: string[] = [];
  const rollback: string[] = [];
  for (const { name, result: r } of loads) {
    for (const t of r.thresholds) metrics.push(`${name}: ${t.metric} ${t.expression}${t.actual === null ? '' : ` (measured ${round(t.actual)})`}`);
    rollback.push(`${name}: p95 above ${ms(Math.max(r.latencyMs.p95 * 1.5, r.latencyMs.p95 + 50))} or error rate above ${Math.max(1, r.totals.errorRate * 200).toFixed(2)}% for 5 minutes`);
  }
  if (metrics.length === 0) metrics.push('error rate below 1%', 'p95 latency within 20% of the pre-launch measurement');
  rollback.push('any success metric breached for 5 consecutive minutes, or a new critical finding or incident');
  return {
    stages: [
      { traffic: 'canary 5%', hold: '48 h' },
      { traffic: '50%', hold: '24 h' },
      { traffic: '100%', hold: 'after the 50% stage meets every success metric' },
    ],
    successMetrics: metrics,
    rollback,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The breaking point as label/value lines, the same in Markdown and HTML (values come from the target: escape them). */
export function breakingPointLines(b: BreakingPoint): [string, string][] {
  const at = b.bottlenecks[0];
  return [
    ['Max rate that passed', b.maxRate === null ? 'none: even the start rate failed' : `${b.maxRate} req/s`],
    ['Threshold that broke above it', b.limitedBy ? `${b.limitedBy.metric} ${b.limitedBy.expression} at ${b.limitedBy.rate} req/s (measured ${b.limitedBy.actual ?? 'n/a'})` : 'none (no rate tried failed)'],
    ['Knee', kneeText(b)],
    ['Bottleneck at the knee', at ? `${RESOURCE_TITLES[at.resource] ?? at.resource} (${at.metric}): ${at.evidence}` : 'none identified (scrape the service\'s metrics with load.metrics to name one)'],
    ['Recommendation', at ? at.recommendation : '—'],
    ['Search', `${b.steps.length} steps, stopped: ${b.stoppedBy}`],
  ];
}
