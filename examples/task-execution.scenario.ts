// Task execution: submit a task, poll its status until it is done, then fetch the result.
import { Trend, check, defineScenario } from 'gonogo';

// How long a task takes from submission to its result, as the user sees it.
const taskTime = new Trend('task_time', { time: true });

export default defineScenario({
  name: 'task-execution',
  executor: { type: 'constant-users', users: 10, duration: '30s' },
  thresholds: {
    http_req_duration: ['p(95)<500'],
    http_req_failed: ['rate<0.01'],
    http_reqs: ['rate>=100'],
    checks: ['rate>0.99'],
    task_time: ['p(95)<2000'],
  },

  async userSetup(vu) {
    const res = await vu.http.post('/api/auth/login', { username: 'demo', password: 'demo-password' });
    vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
  },

  async run(vu) {
    const started = Date.now();
    const submitted = await vu.http.post('/api/tasks', { kind: 'wordcount', input: 'is the service ready for production' });
    check(submitted, { 'accepted (202)': (r) => r.status === 202 });
    const id: string = submitted.json().id;

    let status = submitted.json().status;
    for (let polls = 0; status !== 'succeeded' && status !== 'failed' && polls < 100; polls++) {
      await vu.sleep(0.01);
      const res = await vu.http.get(`/api/tasks/${id}`, { name: '/api/tasks/:id' });
      status = res.json().status;
    }
    const result = await vu.http.get(`/api/tasks/${id}/result`, { name: '/api/tasks/:id/result' });
    check(result, { 'succeeded': (r) => r.json().status === 'succeeded', 'counted 6 words': (r) => r.json().result?.words === 6 });
    taskTime.add(Date.now() - started);
  },
});
