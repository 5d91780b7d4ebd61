// Model gateway: chat completions (some streamed) and text generation.
import { check, defineScenario, task } from 'gonogo';

export default defineScenario({
  name: 'model-gateway',
  executor: { type: 'constant-users', users: 30, duration: '30s' },
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
    http_reqs: ['rate>=100'],
    checks: ['rate>0.99'],
    // What a user of the streamed chat feels: time to the first token, and no long stall between tokens.
    'stream:first_event{name:POST /api/model/chat (stream)}': ['p(95)<300'],
    'stream:event_gap{name:POST /api/model/chat (stream)}': ['p(99)<100'],
  },

  async userSetup(vu) {
    const res = await vu.http.post('/api/auth/login', { username: 'demo', password: 'demo-password' });
    vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
  },

  tasks: [
    task('chat', 3, async (vu) => {
      const res = await vu.http.post('/api/model/chat', { messages: [{ role: 'user', content: 'Summarise the launch checklist.' }], max_tokens: 16 });
      check(res, { 'chat is 200': (r) => r.status === 200, 'has an answer': (r) => r.json().choices[0].message.content.length > 0 });
    }),
    task('chat (streamed)', 1, async (vu) => {
      const res = await vu.http.post('/api/model/chat', { messages: [{ role: 'user', content: 'Stream it.' }], max_tokens: 16, stream: true }, { name: '/api/model/chat (stream)', stream: 'sse' });
      check(res, { 'stream is 200': (r) => r.status === 200, 'stream ends with [DONE]': (r) => r.body.trimEnd().endsWith('data: [DONE]') });
    }),
    task('generate', 2, async (vu) => {
      const res = await vu.http.post('/api/model/generate', { prompt: 'Release notes for version 2:', max_tokens: 16 });
      check(res, { 'generate is 200': (r) => r.status === 200, 'used 16 tokens': (r) => r.json().usage.completion_tokens === 16 });
    }),
  ],
});
