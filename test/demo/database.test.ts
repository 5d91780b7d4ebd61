import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, login, raw, startTarget } from './helpers.js';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gonogo-demo-db-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await closeAll();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One sample of a metric family with the given labels, from /metrics. */
async function metric(url: string, name: string, labels: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('demo target on PGlite (a real Postgres in WebAssembly) behind a bounded pool', () => {
  it('stores, searches, updates and deletes items in SQL, and keeps them across a restart', async () => {
    const dataDir = freshDir();
    const t0 = performance.now();
    const first = await startTarget({ dataDir, database: 'pglite' });
    const startMs = performance.now() - t0;
    let token = await login(first);
    const a = (await raw(first.url, 'POST', '/api/items', { token, body: { name: 'Red Kettle', description: 'boils', tags: ['kitchen'] } })).json();
    const b = (await raw(first.url, 'POST', '/api/items', { token, body: { name: 'blue mug', tags: ['kitchen', 'cup'] } })).json();
    expect(a).toMatchObject({ name: 'Red Kettle', owner: 'demo', tags: ['kitchen'] });
    expect((await raw(first.url, 'GET', '/api/items?q=KETTLE', { token })).json()).toMatchObject({ total: 1, items: [{ id: a.id }] });
    expect((await raw(first.url, 'GET', '/api/items?tag=cup', { token })).json()).toMatchObject({ total: 1, items: [{ id: b.id }] });
    expect((await raw(first.url, 'PATCH', `/api/items/${a.id}`, { token, body: { description: 'whistles' } })).json()).toMatchObject({ name: 'Red Kettle', description: 'whistles' });
    expect((await raw(first.url, 'DELETE', `/api/items/${b.id}`, { token })).status).toBe(200);
    expect((await raw(first.url, 'GET', `/api/items/${b.id}`, { token })).status).toBe(404);
    const health = (await raw(first.url, 'GET', '/health/ready')).json();
    expect(health.checks.store.items).toBe(1);
    await first.close();

    const second = await startTarget({ dataDir, database: 'pglite' });
    token = await login(second);
    expect((await raw(second.url, 'GET', '/api/items', { token })).json()).toMatchObject({ total: 1, items: [{ id: a.id, description: 'whistles' }] });
    // Start-up is measured, not guessed: PGlite restores a cached initialised cluster (initdb once per machine).
    console.log(`demo target on PGlite started in ${startMs.toFixed(0)} ms`);
  }, 60_000);

  it('exposes the pool under HikariCP names and the cache under Micrometer names, and the knobs move them', async () => {
    const t = await startTarget({ database: 'pglite', knobs: { cacheSize: 2 } });
    const token = await login(t);
    expect(await metric(t.url, 'hikaricp_connections_max', 'pool="items"')).toBe(10);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await raw(t.url, 'POST', '/api/items', { token, body: { name } })).json().id);
    // The cache holds 2: the last two created are hits, the first was evicted and is a miss (then cached).
    for (const id of [ids[2], ids[1], ids[0], ids[0]]) expect((await raw(t.url, 'GET', `/api/items/${id}`, { token })).status).toBe(200);
    expect(await metric(t.url, 'cache_gets_total', 'result="hit"')).toBe(3);
    expect(await metric(t.url, 'cache_gets_total', 'result="miss"')).toBe(1);
    expect(await metric(t.url, 'cache_evictions_total', 'cache="items"')).toBeGreaterThanOrEqual(1);
    expect(await metric(t.url, 'cache_size', 'cache="items"')).toBe(2);

    // One connection, each statement holding it 300 ms: six searches at once queue behind each other.
    t.setKnobs({ dbPoolSize: 1, dbLatencyMs: 300 });
    expect(await metric(t.url, 'hikaricp_connections_max', 'pool="items"')).toBe(1);
    const t0 = performance.now();
    const searches = [1, 2, 3, 4, 5, 6].map(() => raw(t.url, 'GET', '/api/items?q=a', { token }));
    await new Promise((r) => setTimeout(r, 200));
    expect(await metric(t.url, 'hikaricp_connections_active', 'pool="items"')).toBe(1);
    expect(await metric(t.url, 'hikaricp_connections_pending', 'pool="items"')).toBeGreaterThanOrEqual(2);
    for (const r of await Promise.all(searches)) expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(6 * 300 - 10);
    expect(await metric(t.url, 'hikaricp_connections_pending', 'pool="items"')).toBe(0);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/hikaricp_connections_acquire_seconds_count\{pool="items"\} \d+/);
  }, 60_000);

  it('keeps the in-memory store when no database is asked for, with the cache and without pool metrics', async () => {
    const t = await startTarget();
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).not.toContain('hikaricp_connections_max');
    expect(text).toContain('cache_max_entries{cache="items"} 1000');
  });
});
