#!/usr/bin/env node
// `node bench/demo-target.mjs`: how fast the reference service (src/demo) answers, side by side with the fastest
// thing Node can do on the same route: a bare node:http server answering the same JSON. Each server runs in its own
// process; wrk (Debian package `wrk`, when installed) loads GET /health/live and an authenticated GET /api/items/:id
// with 50 connections for DEMO_BENCH_SECONDS (default 5) each, after a 2 s warm-up of each. The gap shows what the pipeline costs (security
// headers, request filter, routing, metrics, rate limit, JWT check). Goal: tens of thousands of /health/live
// requests per second on loopback. Results: bench/out/demo-target-latest.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.DEMO_BENCH_SECONDS ?? 5);
const hasWrk = spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0;
if (!hasWrk) {
  process.stdout.write('wrk is not installed (apt-get install wrk): nothing to compare.\n');
  process.exit(0);
}

const DEMO = `import { startDemoTarget } from ${JSON.stringify(path.join(ROOT, 'dist/demo/server.js'))};
const t = await startDemoTarget({ quiet: true });
const login = await fetch(t.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo-password' }) });
const token = (await login.json()).access_token;
const item = await (await fetch(t.url + '/api/items', { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }) })).json();
console.log(JSON.stringify({ url: t.url, token, item: '/api/items/' + item.id }));`;
const BARE = `import http from 'node:http';
const s = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }); res.end('{"status":"ok"}'); });
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + s.address().port })));`;

function startServer(source) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => resolve({ child, ...JSON.parse(String(d)) }));
    child.once('error', reject);
  });
}

function wrk(url, headers = [], seconds = SECONDS) {
  const args = ['-t', '1', '-c', '50', '-d', `${seconds}s`, '--latency', ...headers.flatMap((h) => ['-H', h]), url];
  const out = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const toMs = (v, unit) => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  const p = (q) => {
    const m = new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? toMs(m[1], m[2]) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p50Ms: p(50), p99Ms: p(99), non2xx };
}

const bare = await startServer(BARE);
const demo = await startServer(DEMO);
const results = [];
try {
  // Warm-up (JIT, first connections), not recorded.
  wrk(`${bare.url}/`, [], 2);
  wrk(`${demo.url}/health/live`, [], 2);
  wrk(`${demo.url}${demo.item}`, [`Authorization: Bearer ${demo.token}`], 2);
  results.push({ server: 'node:http bare', route: 'GET /', ...wrk(`${bare.url}/`) });
  results.push({ server: 'demo-target', route: 'GET /health/live', ...wrk(`${demo.url}/health/live`) });
  results.push({ server: 'demo-target', route: 'GET /api/items/:id (JWT)', ...wrk(`${demo.url}${demo.item}`, [`Authorization: Bearer ${demo.token}`]) });
} finally {
  bare.child.kill();
  demo.child.kill();
}
const base = results[0].rps;
process.stdout.write(
  `${table(
    ['server', 'route', 'req/s', 'vs bare', 'p50 ms', 'p99 ms', 'non-2xx'],
    results.map((r) => [r.server, r.route, Math.round(r.rps).toLocaleString('en-US'), `${(r.rps / base).toFixed(2)}x`, r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), String(r.non2xx)]),
  )}\n`,
);
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/demo-target-latest.json'), JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, connections: 50, results }, null, 2));
