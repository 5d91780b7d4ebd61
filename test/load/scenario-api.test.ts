import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpServer, serverPool } from '../helpers/servers.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';

const servers = serverPool(afterEach);

describe('scenario API end to end (one worker, in process)', () => {
  it('runs a journey in order, records checks and request names', async () => {
    const seen: string[] = [];
    const srv = await servers.track(
      httpServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, url: req.url }));
      }),
    );
    const dir = scenarioDir({
      'j.ts': `
        import { defineScenario, step, check } from 'gonogo';
        export default defineScenario({
          name: 'journey',
          executor: { type: 'constant-users', users: 2, duration: '1s' },
          thresholds: { checks: ['rate>0.99'] },
          journey: [
            step('one', async (vu) => { check(await vu.http.get('/a/' + vu.id, { name: '/a/:id' }), { 'is 200': (r) => r.status === 200 }); }),
            step('two', async (vu) => { const r = await vu.http.post('/b', { n: vu.iteration }); check(r, { 'json ok': (x) => x.json().ok === true }); }),
            step('three', (vu) => vu.http.del('/c')),
          ],
        });`,
    });
    const r = await runScenario(path.join(dir, 'j.ts'), srv.url);
    expect(r.schema).toBe('gonogo/load-result@1');
    expect(r.totals.requests).toBeGreaterThan(30);
    expect(r.endpoints.map((e) => e.name).sort()).toEqual(['DELETE /c', 'GET /a/:id', 'POST /b']);
    expect(r.checks.fails).toBe(0);
    expect(r.checks.passes).toBeGreaterThan(20);
    expect(r.thresholds[0]).toMatchObject({ metric: 'checks', ok: true });
    expect(r.passed).toBe(true);
    // Per connection the order is one, two, three, one, ...: check on the server's sequence per user.
    const order = seen.map((s) => (s.startsWith('GET') ? 1 : s.startsWith('POST') ? 2 : 3));
    expect(order.filter((x) => x === 1).length).toBeGreaterThanOrEqual(order.filter((x) => x === 3).length);
  });
});
