import type { LoadResult } from '../../src/core/load-result.js';

const lat = { min: 0.101, mean: 0.962, p50: 0.853, p90: 1.41, p95: 1.73, p99: 2.91, p999: 7.1, max: 21.3 };

/** A fixed open-model result with errors, a failed threshold and generator warnings, for golden files. */
export function sampleLoadResult(): LoadResult {
  return {
    schema: 'gonogo/load-result@1',
    target: 'http://127.0.0.1:8080/api/items?page=2',
    model: 'open',
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 3000.25,
    options: { method: 'GET', connections: 20, rate: 1000, workers: 2, timeoutMs: 10000, durationMs: 3000 },
    totals: { requests: 2996, errors: 4, rps: 998.583, errorRate: 0.001335, bytesReceived: 479360, late: 12, dropped: 4, interrupted: 0 },
    latencyMs: lat,
    latencyHdr: 'HISTFAAAADN4nJNpmSzMwMAgxMDAwMjAwMDMAAGMEKr+P4y/kpfpOgfTXxam69xMf0WYWiWZAKuoCBA=',
    statusCodes: { '200': 2993, '503': 1 },
    errorClasses: { http_5xx: 1, timeout: 2, reset: 1 },
    endpoints: [
      { name: 'GET /api/items', requests: 2996, errors: 4, errorRate: 0.001335, rps: 998.583, latencyMs: lat, latencyHdr: 'HISTFAAAADN4nJNpmSzMwMAgxMDAwMjAwMDMAAGMEKr+P4y/kpfpOgfTXxam69xMf0WYWiWZAKuoCBA=', statusCodes: { '200': 2993, '503': 1 }, errorClasses: { http_5xx: 1, timeout: 2, reset: 1 }, bytesReceived: 479360 },
    ],
    timeline: [
      { t: 0, requests: 998, errors: 1, rps: 998, p50: 0.85, p95: 1.7, p99: 2.9, bytes: 159680 },
      { t: 1, requests: 1000, errors: 2, rps: 1000, p50: 0.86, p95: 1.75, p99: 2.95, bytes: 160000 },
      { t: 2, requests: 998, errors: 1, rps: 998, p50: 0.84, p95: 1.72, p99: 2.88, bytes: 159680 },
    ],
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(95)<500', actual: 1.73, ok: true, abortOnFail: false },
      { metric: 'http_req_failed', expression: 'rate<0.001', actual: 0.001335, ok: false, abortOnFail: false },
    ],
    passed: false,
    aborted: null,
    generator: {
      workers: 2, connections: 20, cpuPercent: 31.5, eventLoopUtilization: [0.21, 0.19], eventLoopDelayP99Ms: 11.2, eventLoopDelayMaxMs: 14.9,
      late: 12, lateNoConnection: 12, dropped: 4, maxSendLagMs: 35.2, interrupted: 0, connectionsOpened: 21, bottleneck: false,
      reasons: ['4 scheduled requests were never sent before the end of the run (dropped)'],
    },
  };
}
