// Item search: each iteration runs one search query against the database (the demo's capacity search steps its rate).
import { check, defineScenario, step } from 'gonogo';

export default defineScenario({
  name: 'item-search',
  executor: { type: 'constant-arrival-rate', rate: 20, duration: '10s', maxUsers: 64 },
  thresholds: {
    http_req_duration: ['p(95)<250'],
    http_req_failed: ['rate<0.01'],
  },

  async userSetup(vu) {
    const res = await vu.http.post('/api/auth/login', { username: 'demo', password: 'demo-password' });
    check(res, { 'logged in': (r) => r.status === 200 });
    vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
  },

  journey: [
    step('search', async (vu) => {
      const res = await vu.http.get('/api/items', { query: { q: `lamp-${vu.iteration % 50}`, limit: 10 }, name: '/api/items?q=' });
      check(res, { 'search (200)': (r) => r.status === 200 });
    }),
  ],
});
