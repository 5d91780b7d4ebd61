// Data layer: each iteration creates an item, reads it, updates it, finds it by search and deletes it.
import { check, defineScenario, step } from 'gonogo';

type State = { id: string; word: string };

export default defineScenario<State>({
  name: 'data-layer',
  executor: { type: 'constant-users', users: 10, duration: '30s' },
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
    http_reqs: ['rate>=100'],
    checks: ['rate>0.99'],
  },
  state: () => ({ id: '', word: '' }),

  async userSetup(vu) {
    const res = await vu.http.post('/api/auth/login', { username: 'demo', password: 'demo-password' });
    check(res, { 'logged in': (r) => r.status === 200 });
    vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
  },

  journey: [
    step('create', async (vu) => {
      vu.state.word = `lamp-${vu.id}-${vu.iteration}-${Math.random().toString(36).slice(2, 8)}`;
      const res = await vu.http.post('/api/items', { name: `Desk ${vu.state.word}`, description: 'A lamp for the desk', tags: ['lighting'] });
      check(res, { 'created (201)': (r) => r.status === 201 });
      vu.state.id = res.json().id;
    }),
    step('read', async (vu) => {
      const res = await vu.http.get(`/api/items/${vu.state.id}`, { name: '/api/items/:id' });
      check(res, { 'read (200)': (r) => r.status === 200 });
    }),
    step('update', async (vu) => {
      const res = await vu.http.patch(`/api/items/${vu.state.id}`, { description: 'A brighter lamp' }, { name: '/api/items/:id' });
      check(res, { 'updated (200)': (r) => r.status === 200, 'has the new text': (r) => r.json().description === 'A brighter lamp' });
    }),
    step('search', async (vu) => {
      const res = await vu.http.get('/api/items', { query: { q: vu.state.word, limit: 10 }, name: '/api/items?q=' });
      check(res, { 'search (200)': (r) => r.status === 200, 'finds the item': (r) => r.json().items.some((i: { id: string }) => i.id === vu.state.id) });
    }),
    step('delete', async (vu) => {
      const res = await vu.http.del(`/api/items/${vu.state.id}`, { name: '/api/items/:id' });
      check(res, { 'deleted (200)': (r) => r.status === 200 });
    }),
  ],
});
