import type { LoadResult } from '../../src/core/load-result.js';
import { computeVerdict } from '../../src/report/verdict.js';
import type { AreaCoverage } from '../../src/core/coverage.js';
import type { RunReport } from '../../src/core/run-report.js';
import { sampleReport } from './sample-report.js';

/** What a hostile target can put into a report: an endpoint name (from a URL path) and a response body. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

const lat = (p50: number, p95: number, p99: number) => ({ min: p50 / 4, mean: p50 * 1.1, p50, p90: (p50 + p95) / 2, p95, p99, p999: p99 * 1.5, max: p99 * 2 });

/** A closed-model load with two endpoints (one named by the target), a timeline whose latency grows, and a failed threshold. */
export function sampleRunLoad(): LoadResult {
  const timeline = Array.from({ length: 9 }, (_, t) => ({ t, requests: 400 + 10 * t, errors: t === 6 ? 3 : 0, rps: 400 + 10 * t, p50: 4 + t, p95: 10 + 6 * t, p99: 20 + 9 * t, bytes: 64_000 }));
  return {
    schema: 'gonogo/load-result@1',
    target: 'http://127.0.0.1:8080/',
    model: 'closed',
    startedAt: '2025-03-01T12:00:01.000Z',
    durationMs: 9000,
    options: { method: 'GET', connections: 25, rate: null, workers: 2, timeoutMs: 10000, durationMs: 9000 },
    totals: { requests: 3960, errors: 3, rps: 440, errorRate: 0.000758, bytesReceived: 576_000, late: 0, dropped: 0, interrupted: 0 },
    latencyMs: lat(7.5, 41.2, 88.4),
    latencyHdr: 'HISTFAAAADN4nJNpmSzMwMAgxMDAwMjAwMDMAAGMEKr+P4y/kpfpOgfTXxam69xMf0WYWiWZAKuoCBA=',
    statusCodes: { '200': 3957, '500': 3 },
    errorClasses: { http_5xx: 3 },
    endpoints: [
      { name: 'GET /api/items', requests: 3000, errors: 0, errorRate: 0, rps: 333.333, latencyMs: lat(6.1, 30.5, 60.2), latencyHdr: '', statusCodes: { '200': 3000 }, errorClasses: {}, bytesReceived: 400_000 },
      { name: `GET /search/${HOSTILE}`, requests: 960, errors: 3, errorRate: 0.003125, rps: 106.667, latencyMs: lat(12.4, 95.1, 140.7), latencyHdr: '', statusCodes: { '200': 957, '500': 3 }, errorClasses: { http_5xx: 3 }, bytesReceived: 176_000 },
    ],
    timeline,
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(95)<500', actual: 41.2, ok: true, abortOnFail: false },
      { metric: 'http_req_duration', expression: 'p(99)<80', actual: 88.4, ok: false, abortOnFail: false },
    ],
    passed: false,
    aborted: null,
    generator: { workers: 2, connections: 25, cpuPercent: 40.1, eventLoopUtilization: [0.3, 0.28], eventLoopDelayP99Ms: 8.1, eventLoopDelayMaxMs: 12, late: 0, lateNoConnection: 0, dropped: 0, maxSendLagMs: 0, interrupted: 0, connectionsOpened: 25, bottleneck: false, reasons: [] },
  };
}

/** A fixed run: the sample checks (every status, hostile finding text), a load with a hostile endpoint, skipped parts. */
export function sampleRunReport(opts: { strict?: boolean } = {}): RunReport {
  const base = sampleReport();
  const checks = [
    ...base.checks,
    {
      id: 'probe.body',
      title: 'Error pages do not leak internals',
      category: 'Security',
      status: 'warn' as const,
      evidence: `GET /oops answered 500 with body: ${HOSTILE}<script>alert(2)</script>`,
    },
    { id: 'checklist.monitoring.alerts', title: 'Alerts page the on-call engineer', category: 'Monitoring', status: 'warn' as const, evidence: 'manual: not attested', role: 'checklist' as const },
  ];
  const coverage: AreaCoverage[] = [
    { area: 'performance', title: 'performance', part: 'load', status: 'failed', detail: 'load ran 2 checks: 1 passed, 1 failed' },
    { area: 'secrets', title: 'secret scan', part: 'secrets', status: 'passed', detail: 'secrets ran 3 checks: 2 passed, 1 warned' },
    { area: 'live-security', title: 'live security', part: 'probe', status: 'passed', detail: 'probe ran 2 checks: 0 passed, 1 warned, 1 skipped' },
    { area: 'dependencies', title: 'dependency scan', part: 'deps', status: 'not-covered', detail: 'deps skipped: no lockfile under scan.path' },
    { area: 'docs', title: 'docs', part: 'docs', status: 'not-covered', detail: 'docs skipped: not available in this build' },
  ];
  const verdict = computeVerdict({ checks, strict: opts.strict, today: '2025-03-01', skippedParts: ['deps', 'docs'], coverage });
  return {
    ...base,
    target: 'http://127.0.0.1:8080/',
    strict: opts.strict ?? false,
    verdict,
    parts: [
      { name: 'load', title: 'Load test', status: 'ran', durationMs: 9120 },
      { name: 'secrets', title: 'Secrets scan', status: 'ran', durationMs: 310 },
      { name: 'probe', title: 'Security probes', status: 'ran', durationMs: 2100 },
      { name: 'deps', title: 'Dependency scan', status: 'skipped', reason: 'no lockfile under scan.path' },
      { name: 'docs', title: 'docs', status: 'skipped', reason: 'not available in this build' },
    ],
    coverage,
    checks,
    loads: [{ name: 'journey', result: sampleRunLoad() }],
  };
}

/** A run that passes: the load meets its thresholds and nothing else ran, so the deployment plan is shown. */
export function readyRunReport(): RunReport {
  const load = sampleRunLoad();
  load.thresholds = [load.thresholds[0]!];
  load.passed = true;
  const checks = [{ id: 'load.threshold:http_req_duration:p(95)<500', title: 'http_req_duration p(95)<500', category: 'Performance', status: 'pass' as const, evidence: 'actual 41.2', role: 'threshold' as const }];
  // A slice of a run with one part: its one area is covered, so nothing is missing from this report.
  const coverage: AreaCoverage[] = [{ area: 'performance', title: 'performance', part: 'load', status: 'passed', detail: 'load ran 1 check: 1 passed' }];
  return {
    tool: { name: 'gonogo', version: '0.1.0' },
    command: 'run',
    startedAt: '2025-03-01T12:00:00.000Z',
    finishedAt: '2025-03-01T12:00:10.000Z',
    target: 'http://127.0.0.1:8080/',
    strict: false,
    verdict: computeVerdict({ checks, today: '2025-03-01', coverage }),
    parts: [{ name: 'load', title: 'Load test', status: 'ran', durationMs: 9120 }],
    coverage,
    checks,
    loads: [{ name: 'journey', result: load }],
  };
}
