import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';

/** Start `gonogo demo-target`, wait for the URL on stdout, run `use`, then stop it with SIGTERM. */
async function withCli(args: string[], use: (url: string) => Promise<void>) {
  let child: ChildProcess | undefined;
  let url = '';
  let urlSeen = () => {};
  const gotUrl = new Promise<void>((resolve) => (urlSeen = resolve));
  const result = runCli(['demo-target', '--port', '0', ...args], {
    timeoutMs: 20_000,
    onSpawn: (p) => {
      child = p;
      let out = '';
      p.stdout!.on('data', (d) => {
        out += d;
        const m = /(https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m && !url) {
          url = m[1]!;
          urlSeen();
        }
      });
    },
  });
  void result.then(() => urlSeen());
  await gotUrl;
  expect(url).not.toBe('');
  try {
    await use(url);
  } finally {
    child!.kill('SIGTERM');
  }
  return result;
}

describe('gonogo demo-target', () => {
  it('serves until SIGTERM, prints the URL and the demo users, and exits 0', async () => {
    const r = await withCli(['--latency', '50ms', '--error-rate', '0'], async (url) => {
      const t0 = Date.now();
      const res = await fetch(`${url}/health/live`);
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    });
    const done = await r;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('demo / demo-password');
    expect(done.stdout).toContain('(temporary)');
  });

  it('keeps items in --data across runs', async () => {
    const data = tmpDir('gonogo-demo-cli-');
    const token = async (url: string) => ((await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo-password' }) })).json()) as { access_token: string }).access_token;
    await (await withCli(['--data', data, '-q'], async (url) => {
      const res = await fetch(`${url}/api/items`, { method: 'POST', headers: { authorization: `Bearer ${await token(url)}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'from the first run' }) });
      expect(res.status).toBe(201);
    }));
    await (await withCli(['--data', data, '-q'], async (url) => {
      const list = (await (await fetch(`${url}/api/items`, { headers: { authorization: `Bearer ${await token(url)}` } })).json()) as { items: { name: string }[] };
      expect(list.items.map((i) => i.name)).toEqual(['from the first run']);
    }));
  });

  it.each([
    [['--error-rate', '2'], /errorRate/],
    [['--tls-cert', 'x.pem'], /--tls-cert and --tls-key go together/],
    [['--port', 'abc'], /--port must be/],
    [['--route-latency', 'items=5'], /--route-latency/],
    [['--tls-cert', '/nonexistent.pem', '--tls-key', '/nonexistent.key'], /TLS certificate/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const r = await runCli(['demo-target', '--port', '0', ...args], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*:\d+:\d+/); // no stack trace
  });
});
