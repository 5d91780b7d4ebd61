/**
 * Alerts on the service's own process and traffic (its Prometheus job): the well-known families every
 * client library exports (process_*, prom-client's nodejs_*) and the HTTP metrics the kit reads.
 */
import { promString } from './escape.js';
import { SATURATION as S, family, num, pct } from './families.js';
import type { AlertDef, InputSeries } from './rule-model.js';

const one = (series: string, values: string): InputSeries[] => [{ series, values }];

export function serviceAlerts(job: string, service: string): AlertDef[] {
  const J = `job=${promString(job)}`;
  const inst = { job, instance: 'app-1:8080' };
  const s = (name: string, extra = '') => `${name}{job=${promString(job)},instance="app-1:8080"${extra}}`;
  const requests = (status: string) => `sum(rate(http_requests_total{${J},status=~${promString(status)}}[5m])) / sum(rate(http_requests_total{${J}}[5m]))`;
  return [
    {
      alert: 'TargetDown',
      expr: `up{${J}} == 0`,
      for: '2m',
      severity: 'critical',
      labels: { family: 'availability' },
      summary: [`${service}: Prometheus cannot scrape `, { label: 'instance' }],
      description: [`The scrape of `, { label: 'instance' }, ` (job `, { label: 'job' }, `) has failed for 2 minutes: the instance is down, unreachable, or /metrics is broken.`],
      runbook: { meaning: 'Prometheus could not read /metrics from the instance for 2 minutes.', actions: ['Open the target page of Prometheus (Status > Targets): the scrape error says why.', 'Check the instance is running (`kubectl get pods`, `systemctl status`, `docker compose ps`) and its readiness probe.', 'If only /metrics fails, the service may still serve traffic: check the API dashboard.'] },
      test: { fire: one(s('up'), '0x20'), quiet: one(s('up'), '1x20'), firingLabels: inst, evalTime: '10m' },
    },
    {
      alert: 'ServiceRestarting',
      expr: `changes(process_start_time_seconds{${J}}[30m]) > 2`,
      severity: 'warning',
      labels: { family: 'restarts' },
      summary: [`${service}: `, { label: 'instance' }, ` restarted more than twice in 30 minutes`],
      description: ['The process start time of ', { label: 'instance' }, ' changed more than twice in 30 minutes: the process crashes or is killed (OOM, failing liveness probe).'],
      runbook: { meaning: 'The process keeps starting again.', actions: ['Read the logs of the previous run (`kubectl logs --previous`, `journalctl -u`).', 'Look for OOM kills (memory panel) and failing liveness probes.'] },
      test: { fire: one(s('process_start_time_seconds'), '100+60x40'), quiet: one(s('process_start_time_seconds'), '100x40'), firingLabels: inst, evalTime: '35m' },
    },
    {
      alert: 'ProcessCpuSaturated',
      expr: `rate(${family('process_cpu_seconds_total')}{${J}}[5m]) > ${num(S.cpu.usedOfLimit!)}`,
      for: '10m',
      severity: 'warning',
      labels: { family: 'cpu' },
      summary: [`${service}: `, { label: 'instance' }, ` uses more than ${pct(S.cpu.usedOfLimit!)} of a CPU core`],
      description: ['The process on ', { label: 'instance' }, ` has used more than ${num(S.cpu.usedOfLimit!)} CPU seconds per second for 10 minutes. A Node.js service runs JavaScript on one core, so it is saturated.`],
      runbook: { meaning: 'The process is CPU-bound; latency rises next.', actions: ['Add replicas (the HPA does so when CPU requests are set).', 'Profile the hot path (`node --cpu-prof`) if the load has not grown.'] },
      test: { fire: one(s('process_cpu_seconds_total'), '0+57x40'), quiet: one(s('process_cpu_seconds_total'), '0+30x40'), firingLabels: inst, evalTime: '30m' },
    },
    {
      alert: 'ProcessMemoryGrowing',
      expr: `predict_linear(${family('process_resident_memory_bytes')}{${J}}[1h], 4 * 3600) > 2 * process_resident_memory_bytes{${J}}`,
      for: '30m',
      severity: 'warning',
      labels: { family: 'memory' },
      summary: [`${service}: memory of `, { label: 'instance' }, ' on course to double within 4 hours'],
      description: ['The resident memory of ', { label: 'instance' }, ' has grown steadily for 30 minutes; at this pace it doubles within 4 hours (a leak, or a cache without a bound).'],
      runbook: { meaning: 'Memory grows without levelling off.', actions: ['Compare with the deploy history: did a release start it?', 'Take a heap snapshot (`node --heapsnapshot-signal=SIGUSR2`) and look for growing caches or listeners.'] },
      test: { fire: one(s('process_resident_memory_bytes'), '100000000+1000000x130'), quiet: one(s('process_resident_memory_bytes'), '100000000x130'), firingLabels: inst, evalTime: '2h' },
    },
    {
      alert: 'FileDescriptorsNearLimit',
      expr: `process_open_fds{${J}} / process_max_fds{${J}} > 0.9`,
      for: '10m',
      severity: 'warning',
      labels: { family: 'process' },
      summary: [`${service}: `, { label: 'instance' }, ' uses over 90% of its file descriptors'],
      description: ['Open file descriptors on ', { label: 'instance' }, ' are above 90% of the limit; new connections will fail with EMFILE.'],
      runbook: { meaning: 'Sockets or files are opened faster than closed, or the limit is low.', actions: ['Check for connection leaks (keep-alive pools, unclosed streams).', 'Raise LimitNOFILE (systemd) or the container ulimit.'] },
      test: { fire: [{ series: s('process_open_fds'), values: '950x20' }, { series: s('process_max_fds'), values: '1000x20' }], quiet: [{ series: s('process_open_fds'), values: '100x20' }, { series: s('process_max_fds'), values: '1000x20' }], firingLabels: inst, evalTime: '15m' },
    },
    {
      alert: 'EventLoopLagHigh',
      expr: `${family('nodejs_eventloop_lag_p99_seconds')}{${J}} > ${num(S.event_loop.lagSeconds!)}`,
      for: '5m',
      severity: 'warning',
      labels: { family: 'event_loop' },
      summary: [`${service}: event-loop lag on `, { label: 'instance' }, ` above ${S.event_loop.lagSeconds! * 1000} ms (p99)`],
      description: ['The Node.js event loop of ', { label: 'instance' }, ` was blocked for more than ${S.event_loop.lagSeconds! * 1000} ms at the 99th percentile for 5 minutes; every request waits that long.`],
      runbook: { meaning: 'Synchronous work (JSON of large bodies, crypto, regexes) blocks the loop.', actions: ['Profile with `node --cpu-prof` under load.', 'Move CPU-heavy work to worker threads; add replicas meanwhile.'] },
      test: { fire: one(s('nodejs_eventloop_lag_p99_seconds'), '0.2x20'), quiet: one(s('nodejs_eventloop_lag_p99_seconds'), '0.01x20'), firingLabels: inst, evalTime: '10m' },
    },
    {
      alert: 'EventLoopBlocked',
      expr: `nodejs_eventloop_lag_p99_seconds{${J}} > 0.5`,
      for: '2m',
      severity: 'critical',
      labels: { family: 'event_loop' },
      summary: [`${service}: event loop on `, { label: 'instance' }, ' blocked for over 500 ms (p99)'],
      description: ['The Node.js event loop of ', { label: 'instance' }, ' lags more than 500 ms at p99: requests time out and health checks fail.'],
      runbook: { meaning: 'The process is stuck in synchronous work.', actions: ['Restart the worst instance if it no longer answers.', 'Find the blocking code with a CPU profile; see EventLoopLagHigh.'] },
      test: { fire: one(s('nodejs_eventloop_lag_p99_seconds'), '0.8x20'), quiet: one(s('nodejs_eventloop_lag_p99_seconds'), '0.2x20'), firingLabels: inst, evalTime: '10m' },
    },
    {
      alert: 'ErrorSpike',
      expr: `(${requests('5..')}) > 0.05 and (${requests('5..')}) > 4 * (sum(rate(http_requests_total{${J},status=~"5.."}[1h])) / sum(rate(http_requests_total{${J}}[1h])))`,
      for: '2m',
      severity: 'critical',
      labels: { family: 'errors' },
      summary: [`${service}: sudden spike of 5xx responses`],
      description: ['Over 5% of requests in the last 5 minutes were answered 5xx, more than 4 times the share of the last hour.'],
      runbook: { meaning: 'Something changed a few minutes ago: a deploy, a dependency, a config.', actions: ['Check the deploy history and roll back if it lines up.', 'Open the API dashboard: which routes and statuses?'] },
      test: {
        fire: [{ series: `http_requests_total{job=${promString(job)},status="200"}`, values: '0+100x61' }, { series: `http_requests_total{job=${promString(job)},status="500"}`, values: '0x55 100+100x5' }],
        quiet: [{ series: `http_requests_total{job=${promString(job)},status="200"}`, values: '0+100x61' }, { series: `http_requests_total{job=${promString(job)},status="500"}`, values: '0+1x61' }],
        firingLabels: {},
        evalTime: '60m',
      },
    },
    {
      alert: 'RateLimitPressure',
      expr: `(${requests('429')}) > 0.05`,
      for: '10m',
      severity: 'warning',
      labels: { family: 'rate_limit' },
      summary: [`${service}: over 5% of requests are rate-limited (429)`],
      description: ['More than 5% of requests have been refused with 429 for 10 minutes: clients hit the limit (a bursty client, an attack, or a limit set too low for real traffic).'],
      runbook: { meaning: 'The rate limiter refuses a noticeable share of traffic.', actions: ['Find the clients behind the 429s (logs, by key or address).', 'Raise the limit for legitimate clients, or block the abusive one upstream.'] },
      test: {
        fire: [{ series: `http_requests_total{job=${promString(job)},status="200"}`, values: '0+90x40' }, { series: `http_requests_total{job=${promString(job)},status="429"}`, values: '0+10x40' }],
        quiet: [{ series: `http_requests_total{job=${promString(job)},status="200"}`, values: '0+90x40' }, { series: `http_requests_total{job=${promString(job)},status="429"}`, values: '0x40' }],
        firingLabels: {},
        evalTime: '30m',
      },
    },
  ];
}
