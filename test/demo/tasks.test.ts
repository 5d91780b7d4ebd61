import { afterAll, describe, expect, it } from 'vitest';
import { TaskQueue } from '../../src/demo/tasks/task-queue.js';
import { closeAll, login, raw, startTarget } from './helpers.js';

afterAll(closeAll);

describe('task queue', () => {
  it('never runs more than the concurrency limit and keeps FIFO order', async () => {
    const q = new TaskQueue({ concurrency: 3, maxQueued: 100, keepFinished: 100 });
    const tasks = Array.from({ length: 12 }, (_, i) => q.submit('reverse', `t${i}`, 'demo', 20)!);
    expect(q.active).toBe(3);
    expect(q.depth).toBe(9);
    while (tasks.some((t) => t.status !== 'succeeded')) {
      expect(q.active).toBeLessThanOrEqual(3);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(q.peakRunning).toBe(3);
    const starts = tasks.map((t) => Date.parse(t.startedAt!));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(tasks[0]!.result).toEqual({ text: '0t' });
  });

  it('refuses work past maxQueued and fails queued work on close', () => {
    const q = new TaskQueue({ concurrency: 1, maxQueued: 2, keepFinished: 10 });
    const running = q.submit('uppercase', 'a', 'demo', 1000)!;
    const queued = [q.submit('uppercase', 'b', 'demo', 0)!, q.submit('uppercase', 'c', 'demo', 0)!];
    expect(q.submit('uppercase', 'd', 'demo', 0)).toBeUndefined();
    q.close();
    expect(queued.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(running.status).toBe('running');
  });
});

describe('task execution (system)', () => {
  it('holds the concurrency limit under a burst of submissions', async () => {
    const t = await startTarget({ taskConcurrency: 2, knobs: { taskDurationMs: 30 } });
    const token = await login(t);
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => raw(t.url, 'POST', '/api/tasks', { token, body: { kind: 'sha256', input: String(i) } }).then((r) => r.json().id as string)));
    const ready = (await raw(t.url, 'GET', '/health/ready')).json();
    expect(ready.checks.queue.running).toBeLessThanOrEqual(2);
    expect(ready.checks.queue.depth + ready.checks.queue.running).toBeGreaterThan(2);
    const metrics = (await raw(t.url, 'GET', '/metrics')).body;
    expect(Number(/^demo_task_queue_depth (\d+)$/m.exec(metrics)![1])).toBeGreaterThan(0);
    for (const id of ids) {
      let r = await raw(t.url, 'GET', `/api/tasks/${id}/result`, { token });
      for (let i = 0; i < 200 && r.status === 409; i++) {
        await new Promise((res) => setTimeout(res, 10));
        r = await raw(t.url, 'GET', `/api/tasks/${id}/result`, { token });
      }
      expect(r.json().status).toBe('succeeded');
    }
    expect(t.peakTasksRunning()).toBe(2);
  });
});
