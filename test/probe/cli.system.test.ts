import { afterEach, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { closedPort, httpServer, serverPool } from '../helpers/servers.js';
import { CHECK_IDS } from '../../src/probe/registry.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const servers = serverPool(afterEach);
const plain = () => servers.track(httpServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'));
}));

it('`gonogo probe URL` works with no config: JSON follows the probe contract, exit 1 on failures', async () => {
  const srv = await plain();
  const cwd = tmpDir();
  const r = await runCli(['probe', srv.url, '--format', 'json', '--quiet'], { cwd });
  expect(r.code, r.stderr).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.checks.map((c: { id: string }) => c.id)).toEqual(CHECK_IDS);
  for (const c of doc.checks) {
    expect(Object.keys(c)).toEqual(['id', 'title', 'category', 'status', 'evidence', 'refs']);
    expect(['pass', 'warn', 'fail', 'skip']).toContain(c.status);
    expect(Object.keys(c.refs)).toEqual(['owasp', 'cwe', 'soc2', 'iso27001']);
  }
  const byId = Object.fromEntries(doc.checks.map((c: { id: string }) => [c.id, c]));
  expect(byId['waf.sqli'].status).toBe('fail');
  expect(byId['ratelimit'].status).toBe('skip');
  expect(byId['ratelimit'].evidence).toContain('no rate limit configured');
  expect(byId['tls.protocols'].status).toBe('skip');
  expect(srv.count()).toBeLessThanOrEqual(2000);
});

it('--dry-run lists the requests and sends none', async () => {
  const srv = await plain();
  const r = await runCli(['probe', srv.url, '--dry-run', '--checks', 'waf.sqli,headers'], { cwd: tmpDir() });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('waf.sqli');
  expect(r.stdout).toContain('DROP TABLE users');
  expect(r.stdout).toMatch(/dry run: \d+ requests would be sent/);
  expect(srv.count()).toBe(0);
});

it('--max-requests bounds the traffic; a check cut short says so', async () => {
  const srv = await plain();
  const r = await runCli(['probe', srv.url, '--max-requests', '30', '--format', 'json', '--quiet'], { cwd: tmpDir() });
  expect(srv.count()).toBeLessThanOrEqual(30);
  const doc = JSON.parse(r.stdout);
  expect(doc.checks.some((c: { evidence: string }) => /budget/.test(c.evidence))).toBe(true);
});

it('never follows a redirect to another origin', async () => {
  const other = await plain();
  const srv = await servers.track(httpServer((req, res) => {
    req.resume();
    res.writeHead(302, { location: `${other.url}landing` }).end();
  }));
  await runCli(['probe', srv.url, '--checks', 'headers,exposure,auth.required', '--quiet'], { cwd: tmpDir() });
  expect(srv.count()).toBeGreaterThan(0);
  expect(other.count()).toBe(0);
});

it('an unreachable target exits 3, an unknown check 2 with a suggestion, a bad flag 2', async () => {
  const port = await closedPort();
  const down = await runCli(['probe', `http://127.0.0.1:${port}/`], { cwd: tmpDir() });
  expect(down.code).toBe(3);
  expect(down.stderr).toContain('GONOGO_TARGET_UNREACHABLE');
  const unknown = await runCli(['probe', `http://127.0.0.1:${port}/`, '--checks', 'headers.hst'], { cwd: tmpDir() });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('headers.hsts');
  const bad = await runCli(['probe', `http://127.0.0.1:${port}/`, '--max-requests', '0'], { cwd: tmpDir() });
  expect(bad.code).toBe(2);
  const noUrl = await runCli(['probe'], { cwd: tmpDir() });
  expect(noUrl.code).toBe(2);
});

it('reads the probe section from the config: a configured rate limit is exercised', async () => {
  const srv = await plain();
  const cwd = tmpDir();
  writeFileSync(path.join(cwd, 'gonogo.config.yaml'), `target: ${srv.url}\nprobe:\n  checks: [ratelimit]\n  rateLimit: { path: /, limit: 20, window: 1m }\n`);
  const r = await runCli(['probe', '--format', 'json', '--quiet'], { cwd });
  const doc = JSON.parse(r.stdout);
  expect(doc.checks).toHaveLength(1);
  expect(doc.checks[0].status).toBe('fail');
  expect(doc.checks[0].evidence).toContain('no 429 after');
  // Reachability GET + 2 x 20 + 1: a fixed window may let twice the limit through across a boundary.
  expect(srv.count()).toBe(42);
});

it('the default output groups checks with counts, shows fail evidence in full, ten findings per check and what the budget left out; --verbose shows all', async () => {
  const srv = await plain();
  const args = ['probe', srv.url, '--checks', 'waf,headers.csp,methods', '--max-requests', '120', '--quiet'];
  const r = await runCli(args, { cwd: tmpDir(), env: { COLUMNS: '100' } });
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toMatch(/^waf {2}3 checks: 3 fail; \d+ findings$/m);
  expect(r.stdout).toMatch(/^headers {2}1 check: 1 fail$/m);
  // The failing matrix shows its whole explanation, one clause a line.
  expect(r.stdout).toMatch(/^ +why F: 0\.0 % of attacks blocked, D needs ≥ 50 %$/m);
  expect(r.stdout).toMatch(/^ +blocked per encoding: plain 0\/\d+, mixed-case 0\/\d+/m);
  const shown = r.stdout.match(/^ {8}medium bypass: /gm) ?? [];
  expect(shown).toHaveLength(10);
  expect(r.stdout).toMatch(/… \d+ more finding\(s\) \(--verbose lists every one/);
  expect(r.stdout).toMatch(/not covered within the budget[\s\S]*waf\.matrix: \d+ of 864 matrix cases/);
  const v = await runCli([...args, '--verbose'], { cwd: tmpDir(), env: { COLUMNS: '100' } });
  const total = Number(/waf {2}3 checks: 3 fail; (\d+) findings/.exec(v.stdout)![1]);
  expect(v.stdout.match(/^ {8}medium bypass: /gm)).toHaveLength(total);
});
