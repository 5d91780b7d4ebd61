// API gateway: liveness, readiness, Prometheus metrics and service info. No login needed.
import { check, defineScenario, task } from 'gonogo';

export default defineScenario({
  name: 'api-gateway',
  executor: { type: 'constant-users', users: 10, duration: '30s' },
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
    http_reqs: ['rate>=100'],
    checks: ['rate>0.99'],
  },
  tasks: [
    task('live', 5, async (vu) => {
      const res = await vu.http.get('/health/live');
      check(res, { 'live is 200': (r) => r.status === 200 });
    }),
    task('ready', 2, async (vu) => {
      const res = await vu.http.get('/health/ready');
      check(res, { 'ready is 200': (r) => r.status === 200, 'says ready': (r) => r.json().status === 'ready' });
    }),
    task('metrics', 1, async (vu) => {
      const res = await vu.http.get('/metrics');
      check(res, { 'metrics is 200': (r) => r.status === 200, 'has request counts': (r) => r.body.includes('http_requests_total') });
    }),
    task('info', 2, async (vu) => {
      const res = await vu.http.get('/api/info');
      check(res, { 'info is 200': (r) => r.status === 200, 'lists endpoints': (r) => r.json().endpoints.length > 0 });
    }),
  ],
});
