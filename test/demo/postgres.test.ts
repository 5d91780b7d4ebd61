import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, readJson, runCli, tmpDir } from '../helpers/cli.js';
import { requirePostgres, startPostgres, type PostgresServer } from '../helpers/postgres.js';
import { closeAll, login, raw, startTarget } from './helpers.js';

// System test: Debian's PostgreSQL 15 started by the test on 127.0.0.1 (package postgresql); fails in CI when missing.
const run = requirePostgres();
let server: PostgresServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (run) server = await startPostgres();
}, 90_000);
afterAll(async () => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
  await closeAll();
  server?.stop();
});

async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{pool="items"}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** `gonogo demo-target ARGS -q` in its own process; resolves with the URL it prints. */
function demoTarget(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'demo-target', '--port', '0', '-q', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`demo-target exited with ${code}`)));
  });
}

describe.runIf(run)('reference service on a real Postgres server (--database-url)', () => {
  it('keeps items in the server through a pool of dbPoolSize connections, schema created on start', async () => {
    const t = await startTarget({ databaseUrl: server.url, knobs: { dbPoolSize: 3 } });
    const token = await login(t);
    const a = (await raw(t.url, 'POST', '/api/items', { token, body: { name: 'Copper Kettle', description: 'on Postgres', tags: ['kitchen'] } })).json();
    expect((await raw(t.url, 'GET', '/api/items?q=copper', { token })).json()).toMatchObject({ total: 1, items: [{ id: a.id, tags: ['kitchen'] }] });
    expect((await raw(t.url, 'PATCH', `/api/items/${a.id}`, { token, body: { description: 'whistles' } })).json()).toMatchObject({ description: 'whistles' });
    expect((await raw(t.url, 'GET', '/health/ready')).json().checks.store).toMatchObject({ items: 1 });
    // The row is in the server's own table, seen through a connection of our own.
    const direct = new pg.Client({ connectionString: server.url });
    await direct.connect();
    try {
      const { rows } = await direct.query('SELECT name, description, tags FROM items WHERE id = $1', [a.id]);
      expect(rows).toEqual([{ name: 'Copper Kettle', description: 'whistles', tags: ['kitchen'] }]);
      // The pool's bound is real: 20 searches at once (each holding its connection 100 ms) never open more than 3
      // server connections, and the others wait; sampled while they run.
      t.setKnobs({ dbLatencyMs: 100 });
      let done = false;
      const searches = Promise.all(Array.from({ length: 20 }, () => raw(t.url, 'GET', '/api/items?q=kettle', { token }))).finally(() => (done = true));
      const seen = { active: 0, pending: 0, conns: 0 };
      while (!done) {
        const { rows: conns } = await direct.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'gonogo-demo-target'");
        seen.conns = Math.max(seen.conns, conns[0].n);
        seen.active = Math.max(seen.active, (await metric(t.url, 'hikaricp_connections_active')) ?? 0);
        seen.pending = Math.max(seen.pending, (await metric(t.url, 'hikaricp_connections_pending')) ?? 0);
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const r of await searches) expect(r.status).toBe(200);
      expect(seen.active).toBe(3);
      expect(seen.pending).toBeGreaterThan(0);
      expect(seen.conns).toBe(3);
    } finally {
      await direct.end();
    }
    expect(await metric(t.url, 'hikaricp_connections_max')).toBe(3);
    // The knob resizes pg's pool at run time.
    t.setKnobs({ dbPoolSize: 5, dbLatencyMs: 0 });
    expect(await metric(t.url, 'hikaricp_connections_max')).toBe(5);
    await t.close();
    // A restart against the same server finds the table and the item (CREATE TABLE IF NOT EXISTS).
    const again = await startTarget({ databaseUrl: server.url });
    expect((await raw(again.url, 'GET', `/api/items/${a.id}`, { token: await login(again) })).json()).toMatchObject({ name: 'Copper Kettle' });
  }, 60_000);

  it('gonogo capacity finds the knee of the service on Postgres with a pool of 2 (20 ms per statement: about 95 searches/s) and names the pool', async () => {
    const base = await demoTarget(['--database-url', server.url, '--db-pool-size', '2', '--db-latency', '20']);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo-password' }) });
    const auth = `Authorization: Bearer ${((await login.json()) as { access_token: string }).access_token}`;
    const out = path.join(tmpDir(), 'cap.json');
    const r = await runCli(
      ['capacity', `${base}/api/items?q=kettle`, '-H', auth, '--start-rate', '20', '--step-duration', '4s', '--threshold', 'p(95)<250', '--workers', '1', '-q', '--metrics', `${base}/metrics`, '--out', out],
      { timeoutMs: 140_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(out);
    console.log(`capacity on Postgres, pool 2 x 20 ms: max rate ${j.maxRate} req/s, failed at ${j.failedAt} (${j.steps.length} steps)`);
    // Each search holds one of 2 connections for 20 ms plus the statement: 2 x 1000 / ~21 ms, a little under 100/s.
    expect(j.maxRate).toBeGreaterThanOrEqual(60);
    expect(j.maxRate).toBeLessThanOrEqual(115);
    expect(j.failedAt).toBeLessThanOrEqual(130);
    expect(j.bottlenecks[0]).toMatchObject({ resource: 'db_pool', metric: expect.stringContaining('db_pool.used{items}'), evidence: expect.stringMatching(/2\/2 in use/) });
    expect(j.bottlenecks[0].recommendation).toMatch(/raise the pool from 2/);
  }, 150_000);

  it('a server it cannot log in to or reach: exit 2 naming the URL with the password masked', async () => {
    const wrong = server.url.replace(server.password, 'not-the-password-77');
    const r = await runCli(['demo-target', '--port', '0', '--database-url', wrong], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot connect to the database postgres://${server.user}:****@127.0.0.1:${server.port}/postgres`);
    expect(r.stderr).toMatch(/password authentication failed/);
    expect(r.stderr).not.toContain('not-the-password-77');
    expect(r.stderr).not.toMatch(/\n\s+at .+\.js:\d+/);

    const closed = await runCli(['demo-target', '--port', '0', '--database-url', `postgres://${server.user}:${server.password}@127.0.0.1:9/postgres`], { timeoutMs: 30_000 });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toContain(`postgres://${server.user}:****@127.0.0.1:9/postgres`);
    expect(closed.stderr).toMatch(/ECONNREFUSED/);
    expect(closed.stderr).not.toContain(server.password);
  }, 60_000);
});

describe('--database-url input', () => {
  it.each([
    [['demo-target', '--database-url', 'mysql://u:hush-99@h/db'], '--database-url must be a postgres:// URL, got "mysql://u:****@h/db"'],
    [['demo-target', '--database', 'pglite', '--database-url', 'postgres://u@127.0.0.1:9/db'], 'give either --database pglite or --database-url'],
    [['demo-target', '--database', 'postgres'], '--database postgres needs --database-url'],
    [['demo', '--database-url', 'http://x'], '--database-url must be a postgres:// URL'],
  ])('%j: exit 2 with a clear message', async (args, message) => {
    const r = await runCli(args, { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('hush-99');
  });
});
