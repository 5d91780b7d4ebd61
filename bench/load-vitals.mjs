#!/usr/bin/env node
// `node bench/load-vitals.mjs`: what `gonogo load --vitals` costs the load (issue 17, item 5). A child process
// serves /api (a small JSON answer) and /ui (a small HTML page with a button). The built CLI then runs, alternately,
// the same open-model load alone and with --vitals on /ui (one headless Chromium loading the page one load after
// another), LV_BENCH_PAIRS times (default 2), each LV_BENCH_SECONDS long (default 10): achieved req/s, p95 and the
// generator's CPU of each, and how many page loads were measured under load. The machine's load average is recorded
// before and after. Results: bench/out/load-vitals-latest.json. Needs `npm run build` and Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.LV_BENCH_SECONDS ?? 10);
const PAIRS = Number(process.env.LV_BENCH_PAIRS ?? 2);
// Open model at this rate; 0: closed model, as fast as 8 connections go (shows lost throughput).
const RATE = Number(process.env.LV_BENCH_RATE ?? 1000);

const SERVER = `import http from 'node:http';
const page = '<!doctype html><body><h1>Orders</h1><button onclick="this.textContent=1">refresh</button>';
const s = http.createServer((req, res) => req.url === '/ui' ? res.writeHead(200, { 'content-type': 'text/html' }).end(page) : res.end('{"ok":true}'));
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;

const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = Number(await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d)))));
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gonogo-lv-'));
const TICK = 100; // clock ticks per second of /proc/<pid>/stat on Linux

/** CPU seconds (user + system) of every process below `root`, by kind (the CLI's node, chromium), sampled from /proc. */
function sampleTree(root, seen) {
  const stats = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const raw = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = raw.lastIndexOf(')');
      const comm = raw.slice(raw.indexOf('(') + 1, close);
      const f = raw.slice(close + 2).split(' ');
      stats.push({ pid: Number(d), ppid: Number(f[1]), comm, cpu: (Number(f[11]) + Number(f[12])) / TICK });
    } catch { /* gone */ }
  }
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of stats) if (!inTree.has(p.pid) && inTree.has(p.ppid)) { inTree.add(p.pid); grew = true; }
  }
  const byPid = new Map(stats.map((p) => [p.pid, p]));
  // Which browser a chromium process belongs to: its topmost chromium ancestor (the one the CLI launched).
  const browserOf = (p) => {
    let top = p;
    for (let q = byPid.get(p.ppid); q && /chrom/i.test(q.comm); q = byPid.get(q.ppid)) top = q;
    return top.pid;
  };
  for (const p of stats) if (inTree.has(p.pid)) seen.set(p.pid, { comm: p.comm, browser: /chrom/i.test(p.comm) ? (seen.get(p.pid)?.browser ?? browserOf(p)) : null, cpu: Math.max(p.cpu, seen.get(p.pid)?.cpu ?? 0) });
}

function run(args) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
    const seen = new Map();
    const timer = setInterval(() => sampleTree(c.pid, seen), 200);
    c.on('error', reject);
    c.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0 && code !== 1) return reject(new Error(`gonogo load exited ${code}`));
      const by = (re) => [...seen.values()].filter((p) => re.test(p.comm)).reduce((n, p) => n + p.cpu, 0);
      // The first browser measures under load; the second, launched after the load, idle.
      const browsers = [...new Set([...seen.values()].flatMap((p) => (p.browser ? [p.browser] : [])))].sort((a, b) => a - b);
      const cpuOf = (b) => [...seen.values()].filter((p) => p.browser === b).reduce((n, p) => n + p.cpu, 0);
      resolve({ browserCpuS: by(/chrom/i), underLoadBrowserCpuS: browsers.length ? cpuOf(browsers[0]) : 0 });
    });
  });
}

async function once(vitals, i) {
  const out = path.join(dir, `r-${vitals ? 'v' : 'a'}-${i}.json`);
  const args = [path.join(ROOT, 'dist/cli/main.js'), 'load', `${base}/api`, ...(RATE > 0 ? ['-R', String(RATE)] : []), '-c', '8', '--workers', '1', '-d', `${SECONDS}s`, '-q', '--out', out];
  if (vitals) args.push('--vitals', `${base}/ui`, '--vitals-runs', '3');
  const cpu = await run(args);
  const j = JSON.parse(readFileSync(out, 'utf8'));
  const under = j.vitals?.underLoad?.pages[0]?.runs.filter((r) => !r.error) ?? [];
  return { mode: vitals ? 'load + vitals' : 'load alone', rps: j.totals.rps, p95: j.latencyMs.p95, p99: j.latencyMs.p99, cpu: j.generator.cpuPercent, late: j.totals.late, pageLoadsUnderLoad: vitals ? under.length : null, browserCpuS: cpu.browserCpuS, underLoadBrowserCpuS: cpu.underLoadBrowserCpuS, vitalsMs: j.vitals ? Math.round(j.vitals.underLoad?.durationMs ?? 0) : null };
}

const loadBefore = os.loadavg();
const rows = [];
try {
  for (let i = 0; i < PAIRS; i++) for (const v of [false, true]) rows.push(await once(v, i));
} finally {
  child.kill();
}
const loadAfter = os.loadavg();
const summary = { date: new Date().toISOString(), cpus: os.cpus().length, seconds: SECONDS, rate: RATE || 'closed', loadavgBefore: loadBefore, loadavgAfter: loadAfter, rows };
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/load-vitals-latest.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(table(['mode', 'req/s', 'p95 ms', 'p99 ms', 'generator CPU %', 'late', 'page loads under load', 'browser under load: CPU s', 'both browsers: CPU s'], rows.map((r) => [r.mode, r.rps.toFixed(1), r.p95.toFixed(2), r.p99.toFixed(2), String(r.cpu), String(r.late), r.pageLoadsUnderLoad ?? '-', r.pageLoadsUnderLoad === null ? '-' : r.underLoadBrowserCpuS.toFixed(2), r.pageLoadsUnderLoad === null ? '-' : r.browserCpuS.toFixed(2)])));
console.log(`load average (1/5/15 min) before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}; ${os.cpus().length} cores`);
