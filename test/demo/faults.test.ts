import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, KnobsError, injectedLatencyMs, mergeKnobs } from '../../src/demo/knobs.js';
import { closeAll, login, raw, startTarget } from './helpers.js';

afterAll(closeAll);

async function timed(p: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await p();
  return performance.now() - t0;
}

describe('knobs (pure)', () => {
  it('validates every field and names each problem', () => {
    expect(() => mergeKnobs({ ...DEFAULT_KNOBS }, { errorRate: 2, latencyMs: -1, bogus: 1 })).toThrow(KnobsError);
    try {
      mergeKnobs({ ...DEFAULT_KNOBS }, { errorRate: 2, errorStatus: 404 });
    } catch (e) {
      expect((e as KnobsError).problems.join('\n')).toMatch(/errorRate[\s\S]*errorStatus/);
    }
    expect(mergeKnobs({ ...DEFAULT_KNOBS }, { latencyMs: 5 }).latencyMs).toBe(5);
  });

  it('adds the longest matching route latency to the fixed latency', () => {
    const k = { ...DEFAULT_KNOBS, latencyMs: 10, routeLatencyMs: { '/api/items': 100, '/api/items/:id': 300, '/api/it': 999 } };
    expect(injectedLatencyMs(k, '/api/items/:id')).toBe(310);
    expect(injectedLatencyMs(k, '/api/items')).toBe(110);
    expect(injectedLatencyMs(k, '/api/tasks')).toBe(10); // a prefix matches whole segments only
  });
});

describe('fault injection (system)', () => {
  it('fixed and per-route latency slow the answers measurably', async () => {
    const t = await startTarget();
    const base = await timed(() => raw(t.url, 'GET', '/api/info'));
    t.setKnobs({ latencyMs: 150 });
    expect(await timed(() => raw(t.url, 'GET', '/api/info'))).toBeGreaterThanOrEqual(145);
    expect(await timed(() => raw(t.url, 'GET', '/metrics'))).toBeLessThan(145); // metrics stay fast
    t.setKnobs({ latencyMs: 0, routeLatencyMs: { '/health/ready': 200 } });
    expect(await timed(() => raw(t.url, 'GET', '/health/ready'))).toBeGreaterThanOrEqual(195);
    expect(await timed(() => raw(t.url, 'GET', '/health/live'))).toBeLessThan(base + 150);
  });

  it('an error rate answers that fraction with the chosen status', async () => {
    const t = await startTarget({ knobs: { errorRate: 0.5, errorStatus: 503 } });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => raw(t.url, 'GET', '/health/live').then((r) => r.status)));
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(60); // binomial(200, 0.5): 100 ± 35 is beyond 4 sigma
    expect(failed).toBeLessThan(140);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    t.setKnobs({ errorRate: 1, errorStatus: 500 });
    expect((await raw(t.url, 'GET', '/health/live')).status).toBe(500);
    t.setKnobs({ errorRate: 0 });
    expect((await raw(t.url, 'GET', '/health/live')).status).toBe(200);
  });

  it('token latency sets the model gateway time per token', async () => {
    const t = await startTarget({ knobs: { tokenLatencyMs: 10 } });
    const token = await login(t);
    const ms = await timed(() => raw(t.url, 'POST', '/api/model/generate', { token, body: { prompt: 'x', max_tokens: 20 } }));
    expect(ms).toBeGreaterThanOrEqual(195);
    t.setKnobs({ tokenLatencyMs: 0 });
    expect(await timed(() => raw(t.url, 'POST', '/api/model/generate', { token, body: { prompt: 'x', max_tokens: 20 } }))).toBeLessThan(150);
  });

  it('the admin endpoint reads and changes knobs, and refuses bad values', async () => {
    const t = await startTarget();
    const admin = await login(t, 'admin');
    expect((await raw(t.url, 'GET', '/api/admin/knobs', { token: admin })).json()).toEqual(DEFAULT_KNOBS);
    const r = await raw(t.url, 'PATCH', '/api/admin/knobs', { token: admin, body: { latencyMs: 120 } });
    expect(r.json().latencyMs).toBe(120);
    expect(t.knobs().latencyMs).toBe(120);
    expect(await timed(() => raw(t.url, 'GET', '/api/info'))).toBeGreaterThanOrEqual(115);
    const bad = await raw(t.url, 'PATCH', '/api/admin/knobs', { token: admin, body: { errorRate: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.json().issues[0]).toMatch(/^errorRate/);
    // Injected errors never block the way back: the admin route is exempt.
    t.setKnobs({ errorRate: 1 });
    expect((await raw(t.url, 'PATCH', '/api/admin/knobs', { token: admin, body: { errorRate: 0, latencyMs: 0 } })).status).toBe(200);
    expect((await raw(t.url, 'GET', '/api/info')).status).toBe(200);
  });
});
