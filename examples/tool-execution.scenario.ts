// Tool execution: list the tools, then run them.
import { check, defineScenario, task } from 'gonogo';

export default defineScenario({
  name: 'tool-execution',
  executor: { type: 'constant-users', users: 10, duration: '30s' },
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
    http_reqs: ['rate>=100'],
    checks: ['rate>0.99'],
  },

  async userSetup(vu) {
    const res = await vu.http.post('/api/auth/login', { username: 'demo', password: 'demo-password' });
    vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
  },

  tasks: [
    task('list', 1, async (vu) => {
      const res = await vu.http.get('/api/tools');
      check(res, { 'list is 200': (r) => r.status === 200, 'has the calculator': (r) => r.json().tools.some((t: { name: string }) => t.name === 'calculator') });
    }),
    task('calculator', 2, async (vu) => {
      const res = await vu.http.post('/api/tools/calculator/run', { input: { expression: `${vu.iteration} * 2 + 1` } }, { name: '/api/tools/:name/run' });
      check(res, { 'calculated': (r) => r.json().output.value === vu.iteration * 2 + 1 });
    }),
    task('word count', 2, async (vu) => {
      const res = await vu.http.post('/api/tools/word_count/run', { input: { text: 'go or no go' } }, { name: '/api/tools/:name/run' });
      check(res, { 'counted': (r) => r.json().output.words === 4 });
    }),
  ],
});
