// A full user journey, in order: log in, create an item, search for it, submit a task and wait for its
// result, ask the model about it, run a tool (then delete the item again).
import { check, defineScenario, step } from 'gonogo';

type State = { itemId: string; word: string; taskId: string };

export default defineScenario<State>({
  name: 'user-journey',
  executor: { type: 'constant-users', users: 20, duration: '30s' },
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
    http_reqs: ['rate>=100'],
    checks: ['rate>0.99'],
  },
  state: () => ({ itemId: '', word: '', taskId: '' }),

  journey: [
    step('log in', async (vu) => {
      const res = await vu.http.post('/api/auth/login', { username: 'demo', password: 'demo-password' });
      check(res, { 'logged in': (r) => r.status === 200 });
      vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
    }),
    step('create an item', async (vu) => {
      vu.state.word = `notebook-${vu.id}-${vu.iteration}-${Math.random().toString(36).slice(2, 8)}`;
      const res = await vu.http.post('/api/items', { name: vu.state.word, tags: ['journey'] });
      check(res, { 'item created': (r) => r.status === 201 });
      vu.state.itemId = res.json().id;
    }),
    step('search', async (vu) => {
      const res = await vu.http.get('/api/items', { query: { q: vu.state.word }, name: '/api/items?q=' });
      check(res, { 'item found': (r) => r.json().items.some((i: { id: string }) => i.id === vu.state.itemId) });
    }),
    step('submit a task', async (vu) => {
      const res = await vu.http.post('/api/tasks', { kind: 'sha256', input: vu.state.itemId });
      check(res, { 'task accepted': (r) => r.status === 202 });
      vu.state.taskId = res.json().id;
    }),
    step('wait for the result', async (vu) => {
      let status = 'queued';
      for (let polls = 0; status !== 'succeeded' && status !== 'failed' && polls < 100; polls++) {
        await vu.sleep(0.01);
        status = (await vu.http.get(`/api/tasks/${vu.state.taskId}`, { name: '/api/tasks/:id' })).json().status;
      }
      const res = await vu.http.get(`/api/tasks/${vu.state.taskId}/result`, { name: '/api/tasks/:id/result' });
      check(res, { 'task succeeded': (r) => r.json().status === 'succeeded' });
    }),
    step('ask the model', async (vu) => {
      const res = await vu.http.post('/api/model/chat', { messages: [{ role: 'user', content: `Describe item ${vu.state.word}` }], max_tokens: 16 });
      check(res, { 'model answered': (r) => r.status === 200 });
    }),
    step('run a tool', async (vu) => {
      const res = await vu.http.post('/api/tools/word_count/run', { input: { text: `A note about ${vu.state.word}` } }, { name: '/api/tools/:name/run' });
      check(res, { 'tool ran': (r) => r.json().output.words === 4 });
    }),
    // Not part of the journey proper: without it a long run piles up items and slows search down over time.
    step('clean up', async (vu) => {
      await vu.http.del(`/api/items/${vu.state.itemId}`, { name: '/api/items/:id' });
    }),
  ],
});
