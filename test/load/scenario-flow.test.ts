import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpServer, serverPool } from '../helpers/servers.js';
import { runScenario, scenarioDir } from './scenario-helpers.js';
import { resolveSplitRun } from '../../src/load/segment/run-identity.js';

const servers = serverPool(afterEach);
const ok = () => servers.track(httpServer((_req, res) => res.end('ok')));

/** A server that remembers, per user (x-user header), the paths in the order they arrived. */
async function recorder() {
  const byUser = new Map<string, { path: string; at: number; cookie?: string; row?: string }[]>();
  const srv = await servers.track(
    httpServer((req, res) => {
      const u = String(req.headers['x-user'] ?? '?');
      const list = byUser.get(u) ?? [];
      list.push({ path: req.url!, at: performance.now(), cookie: req.headers.cookie, row: req.headers['x-row'] as string | undefined });
      byUser.set(u, list);
      if (req.url === '/login') res.setHeader('set-cookie', `sid=s${u}-${Math.random().toString(36).slice(2)}; Path=/; HttpOnly`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ token: `t-${u}` }));
    }),
  );
  return { srv, byUser };
}

const file = (dir: string) => path.join(dir, 's.ts');

describe('scripted scenarios', () => {
  it('takes task weights exactly: each user within one pick of its share, however many iterations it ran', async () => {
    const srv = await ok();
    const dir = scenarioDir({
      's.ts': `import { defineScenario, task } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 4, duration: '600ms' },
          tasks: [task('heavy', 3, () => {}), task('light', 1, async () => {}), task('never', 0, (vu) => vu.http.get('/n'))] });`,
    });
    const r = await runScenario(file(dir), srv.url);
    const heavy = r.scenarios[0]!.tasks.heavy!;
    const light = r.scenarios[0]!.tasks.light!;
    // many iterations (these tasks send nothing)
    expect(heavy + light).toBeGreaterThan(500);
    expect(r.scenarios[0]!.tasks.never).toBeUndefined();
    // Deterministic picks (task-choice.ts): each of the 4 users is within one pick of 3/4 of its iterations.
    expect(Math.abs(heavy - 0.75 * (heavy + light))).toBeLessThanOrEqual(4);
  });

  it('split into execution segments, the segments together run exactly the unsplit run\'s tasks, nested groups too', async () => {
    const srv = await ok();
    const dir = scenarioDir({
      's.ts': `import { defineScenario, task, group } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 400, duration: '500ms', preAllocatedUsers: 20 },
          tasks: [task('a', 5, () => {}), task('b', 2, () => {}), group('g', { weight: 3, tasks: [task('g1', 1, () => {}), task('g2', 2.5, () => {})] }), task('z', 0, () => {})] });`,
    });
    const tasksOf = async (segment?: string) => {
      const split = segment ? { split: resolveSplitRun({ executionSegment: segment, executionSegmentSequence: '0,1/4,1/2,1' }) } : {};
      const sc = (await runScenario(file(dir), srv.url, split)).scenarios[0]!;
      expect(sc.droppedIterations, segment).toBe(0);
      return sc.tasks;
    };
    const whole = await tasksOf();
    const parts = [await tasksOf('0:1/4'), await tasksOf('1/4:1/2'), await tasksOf('1/2:1')];
    const sum: Record<string, number> = {};
    for (const p of parts) for (const [t, n] of Object.entries(p)) sum[t] = (sum[t] ?? 0) + n;
    expect(sum).toEqual(whole);
    // 200 arrivals: a 5, b 2, g 3 (g1 1 : g2 2.5) of every 10, exactly.
    expect(whole).toEqual({ a: 100, b: 40, g1: 17, g2: 43 });
  });

  it('runs journey steps (and nested groups) in order, with think time between them', async () => {
    const { srv, byUser } = await recorder();
    const dir = scenarioDir({
      's.ts': `import { defineScenario, step, group, think } from 'gonogo';
        const h = (vu) => ({ headers: { 'x-user': String(vu.id) } });
        export default defineScenario({ executor: { type: 'constant-users', users: 3, duration: '1300ms' }, thinkTime: think.constant(0.1),
          journey: [step('a', (vu) => vu.http.get('/a', h(vu))), group('g', { journey: [step('b', (vu) => vu.http.get('/b', h(vu))), step('c', (vu) => vu.http.get('/c', h(vu)))] })] });`,
    });
    const r = await runScenario(file(dir), srv.url);
    expect(byUser.size).toBe(3);
    for (const list of byUser.values()) {
      expect(list.length).toBeGreaterThanOrEqual(6);
      list.forEach((x, i) => expect(x.path).toBe(['/a', '/b', '/c'][i % 3]));
      // think time: 100 ms between consecutive steps of one user (timers may fire a little early)
      for (let i = 1; i < list.length; i++) expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(95);
      // ~1.3 s / (3 x 100 ms) -> at most 5 iterations' worth of requests
      expect(list.length).toBeLessThanOrEqual(15);
    }
    expect(r.metrics.find((m) => m.metric === 'group_duration')?.tags).toEqual({ scenario: 'default', group: 'g' });
  });

  it('paces iterations with think.pacing', async () => {
    const { srv, byUser } = await recorder();
    const dir = scenarioDir({
      's.ts': `import { defineScenario, think } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 1, duration: '1100ms' }, thinkTime: think.pacing(0.25), run: (vu) => vu.http.get('/p', { headers: { 'x-user': '1' } }) });`,
    });
    await runScenario(file(dir), srv.url);
    const list = byUser.get('1')!;
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < list.length; i++) expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(220);
  });

  it('keeps a cookie jar per user and runs userSetup once per user, setup and teardown once per test', async () => {
    const { srv, byUser } = await recorder();
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-users', users: 3, duration: '800ms' },
          state: () => ({ token: '' }),
          async setup({ http }) { const r = await http.get('/setup', { headers: { 'x-user': 'global' } }); return { seed: r.json().token }; },
          async teardown(data, { http }) { await http.get('/teardown?seed=' + data.seed, { headers: { 'x-user': 'global' } }); },
          async userSetup(vu) { const r = await vu.http.post('/login', {}, { headers: { 'x-user': String(vu.id) } }); vu.state.token = r.json().token; vu.http.headers['x-user'] = String(vu.id); },
          run: async (vu) => { const r = await vu.http.get('/me', { headers: { authorization: 'Bearer ' + vu.state.token } }); check(r, { 'has data': () => vu.data.seed === 't-global' }); } });`,
    });
    const r = await runScenario(file(dir), srv.url);
    expect(byUser.get('global')!.map((x) => x.path)).toEqual(['/setup', '/teardown?seed=t-global']);
    const sids = new Set<string>();
    for (const [u, list] of byUser) {
      if (u === 'global') continue;
      expect(list.filter((x) => x.path === '/login')).toHaveLength(1);
      expect(list[0]!.path).toBe('/login');
      const me = list.filter((x) => x.path === '/me');
      expect(me.length).toBeGreaterThan(3);
      const cookies = new Set(me.map((x) => x.cookie));
      expect(cookies.size).toBe(1);
      const sid = [...cookies][0]!;
      expect(sid).toMatch(new RegExp(`^sid=s${u}-`));
      sids.add(sid);
    }
    expect(sids.size).toBe(3);
    expect(r.checks).toMatchObject({ fails: 0 });
  });

  it('feeds CSV and JSON rows: sequential in order, random from the set, unique per user', async () => {
    const { srv, byUser } = await recorder();
    const dir = scenarioDir({
      'users.csv': 'name,password\nann,1\nbob,2\n"cy, jr",3\ndee,4\neve,5\n',
      'items.json': JSON.stringify([{ id: 'i1' }, { id: 'i2' }, { id: 'i3' }]),
      's.ts': `import { defineScenario, feeder } from 'gonogo';
        const users = feeder.csv('users.csv', { mode: 'unique' });
        const seq = feeder.json('items.json');
        const rnd = feeder.json('items.json', { mode: 'random' });
        export default defineScenario({ executor: { type: 'constant-users', users: 4, duration: '600ms' },
          run: async (vu) => {
            const me = vu.feed(users);
            await vu.http.get('/seq/' + vu.feed(seq).id, { headers: { 'x-user': String(vu.id), 'x-row': me.name } });
            await vu.http.get('/rnd/' + vu.feed(rnd).id, { headers: { 'x-user': String(vu.id), 'x-row': me.name } });
          } });`,
    });
    await runScenario(file(dir), srv.url);
    const rowOf = new Map<string, Set<string>>();
    for (const [u, list] of byUser) {
      rowOf.set(u, new Set(list.map((x) => x.row!)));
      for (const x of list) {
        if (x.path.startsWith('/rnd/')) expect(['/rnd/i1', '/rnd/i2', '/rnd/i3']).toContain(x.path);
      }
    }
    // each user kept one row, and no two users shared one
    for (const rows of rowOf.values()) expect(rows.size).toBe(1);
    const rows = [...rowOf.values()].map((s) => [...s][0]);
    expect(new Set(rows).size).toBe(4);
    expect(rows.every((r) => ['ann', 'bob', 'cy, jr', 'dee', 'eve'].includes(r!))).toBe(true);
    // sequential: in arrival order the ids cycle i1, i2, i3, i1, ...
    const all = [...byUser.values()].flat().filter((x) => x.path.startsWith('/seq/')).sort((a, b) => a.at - b.at).map((x) => x.path);
    expect(all.length).toBeGreaterThan(6);
    expect(new Set(all)).toEqual(new Set(['/seq/i1', '/seq/i2', '/seq/i3']));
  });

  it('fails an iteration (not the run) when a unique feeder runs out', async () => {
    const srv = await ok();
    const dir = scenarioDir({
      'two.json': '[{"u":"a"},{"u":"b"}]',
      's.ts': `import { defineScenario, feeder } from 'gonogo';
        const f = feeder.json('two.json', { mode: 'unique' });
        export default defineScenario({ executor: { type: 'constant-users', users: 3, duration: '300ms' }, run: (vu) => vu.http.get('/' + vu.feed(f).u) });`,
    });
    const r = await runScenario(file(dir), srv.url);
    expect(r.scenarios[0]!.failedIterations).toBeGreaterThan(0);
    expect(r.scenarios[0]!.errorSamples[0]).toMatch(/ran out of unique rows/);
    expect(r.totals.requests).toBeGreaterThan(0);
  });

  it('feeds checks and custom metrics into thresholds', async () => {
    let n = 0;
    const srv = await servers.track(httpServer((_req, res) => { res.statusCode = n++ % 10 === 0 ? 500 : 200; res.end('x'); }));
    const dir = scenarioDir({
      's.ts': `import { defineScenario, check, Counter, Rate, Trend } from 'gonogo';
        const orders = new Counter('orders'); const hit = new Rate('cache_hit'); const size = new Trend('basket_size');
        export default defineScenario({ executor: { type: 'constant-users', users: 2, duration: '800ms' },
          thresholds: { checks: ['rate>0.99'], 'checks{check:status is 200}': ['rate>0.5'], orders: ['count>10'], cache_hit: ['rate>0.4'], basket_size: ['p(95)<=10', 'max<3'] },
          run: async (vu) => { const r = await vu.http.get('/items/' + vu.iteration, { name: '/items/:id' }); check(r, { 'status is 200': (x) => x.status === 200 }); orders.add(1); hit.add(vu.iteration % 2 === 0); size.add(vu.iteration % 10); } });`,
    });
    const r = await runScenario(file(dir), srv.url, { threshold: ['http_req_failed{name:GET /items/:id}: rate<0.01'] });
    const by = Object.fromEntries(r.thresholds.map((t) => [`${t.metric}: ${t.expression}`, t]));
    expect(by['checks: rate>0.99']!.ok).toBe(false);
    expect(by['checks: rate>0.99']!.actual).toBeCloseTo(0.9, 1);
    expect(by['checks{check:status is 200}: rate>0.5']!.ok).toBe(true);
    expect(by['orders: count>10']!.ok).toBe(true);
    expect(by['cache_hit: rate>0.4']!.ok).toBe(true);
    expect(by['basket_size: p(95)<=10']!.ok).toBe(true);
    expect(by['basket_size: max<3']!.ok).toBe(false);
    expect(by['http_req_failed{name:GET /items/:id}: rate<0.01']!.ok).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.endpoints.map((e) => e.name)).toEqual(['GET /items/:id']);
  });

  it('rejects thresholds on unknown metrics before sending anything', async () => {
    const srv = await ok();
    const dir = scenarioDir({ 's.ts': `import { defineScenario } from 'gonogo'; export default defineScenario({ thresholds: { nope: ['count>1'] }, run: (vu) => vu.http.get('/') });` });
    const err = await runScenario(file(dir), srv.url).catch((e: { details: string[] }) => e);
    expect((err as { details: string[] }).details.join('\n')).toMatch(/unknown metric 'nope'/);
    expect(srv.count()).toBe(0);
  });

  it('ramps users through the stages to their targets', async () => {
    const srv = await servers.track(httpServer((_req, res) => setTimeout(() => res.end('x'), 5)));
    const dir = scenarioDir({
      's.ts': `import { defineScenario } from 'gonogo';
        export default defineScenario({ executor: { type: 'ramping-users', stages: [{ duration: '1s', target: 6 }, { duration: '1200ms', target: 6 }, { duration: '500ms', target: 2 }] }, run: (vu) => vu.http.get('/') });`,
    });
    const r = await runScenario(file(dir), srv.url);
    const s = r.scenarios[0]!;
    expect(s.peakUsers).toBe(6);
    expect(s.usersTimeline[0]).toBeLessThan(6); // still ramping during the first second
    expect(s.usersTimeline[2]).toBe(6); // holding at the target
  });

  it('holds a constant arrival rate within 2% when the target keeps up', async () => {
    const srv = await ok();
    const dir = scenarioDir({
      's.ts': `import { defineScenario } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 300, duration: '2s', preAllocatedUsers: 20 }, run: (vu) => vu.http.get('/') });`,
    });
    const r = await runScenario(file(dir), srv.url);
    const s = r.scenarios[0]!;
    expect(r.model).toBe('open');
    expect(Math.abs(s.iterations - 600) / 600).toBeLessThanOrEqual(0.02);
    expect(s.droppedIterations).toBe(0);
    expect(Math.abs(srv.count() - 600) / 600).toBeLessThanOrEqual(0.02);
  });

  it('counts dropped iterations when the target cannot keep up, and times late work from its intended start', async () => {
    const srv = await servers.track(httpServer((_req, res) => setTimeout(() => res.end('x'), 200)));
    const dir = scenarioDir({
      's.ts': `import { defineScenario } from 'gonogo';
        export default defineScenario({ executor: { type: 'constant-arrival-rate', rate: 100, duration: '1s', preAllocatedUsers: 2, maxUsers: 5 }, run: (vu) => vu.http.get('/') });`,
    });
    const r = await runScenario(file(dir), srv.url);
    const s = r.scenarios[0]!;
    // 5 users x 200 ms -> about 25 iterations can start in 1 s; the rest of the 100 are dropped
    expect(s.iterations).toBeGreaterThan(10);
    expect(s.iterations).toBeLessThan(40);
    expect(s.droppedIterations).toBeGreaterThan(55);
    expect(s.iterations + s.droppedIterations).toBeGreaterThanOrEqual(99); // in-flight ones finish in the grace period
    expect(r.totals.dropped).toBe(s.droppedIterations);
    expect(r.latencyMs.p50).toBeGreaterThanOrEqual(195);
  });

  it('runs several scenarios with their own executors in one run', async () => {
    const srv = await ok();
    const dir = scenarioDir({
      's.ts': `import { defineScenario } from 'gonogo';
        export const browse = defineScenario({ executor: { type: 'constant-users', users: 2, duration: '600ms' }, thresholds: { http_reqs: ['count>5'] }, run: (vu) => vu.http.get('/b') });
        export const buy = defineScenario({ name: 'buyers', startTime: '200ms', executor: { type: 'constant-arrival-rate', rate: 50, duration: '400ms' }, run: (vu) => vu.http.post('/buy', { x: 1 }) });`,
    });
    const r = await runScenario(file(dir), srv.url);
    expect(r.scenarios.map((s) => s.name)).toEqual(['browse', 'buyers']);
    expect(r.endpoints.map((e) => [e.scenario, e.name])).toEqual([['browse', 'GET /b'], ['buyers', 'POST /buy']]);
    expect(r.scenarios[1]!.iterations).toBeGreaterThanOrEqual(19);
    expect(r.scenarios[1]!.iterations).toBeLessThanOrEqual(21);
    // a scenario's own thresholds are scoped to it when the file has several
    expect(r.thresholds[0]).toMatchObject({ metric: 'http_reqs{scenario:browse}', ok: true });
  });
});
