#!/usr/bin/env node
// `npm run bench -- probe`: a full `gonogo probe` of the reference service (src/demo, over TLS, every check, the
// default 2,000-request budget) timed end to end as a user runs it (CLI process start to exit), three times; plus
// the TLS protocol scan side by side with sslscan (Debian package `sslscan`), when installed, on the same target.
// Goal (issue 7): a full probe of one service in under 30 s. Results: bench/out/probe-latest.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const TLS = path.join(ROOT, 'test/fixtures/tls');
const RUNS = Number(process.env.PROBE_BENCH_RUNS ?? 3);
const GOAL_S = 30;

const { startDemoTarget } = await import(path.join(ROOT, 'dist/demo/server.js'));

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
const runs = [];
for (let i = 0; i < RUNS; i++) {
  // A fresh service each run: the login throttle and the rate-limit window start empty.
  const target = await startDemoTarget({ quiet: true, tls: { cert: path.join(TLS, 'localhost.crt'), key: path.join(TLS, 'localhost.key') }, rateLimit: { limit: 1000, windowMs: 30_000 } });
  const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-probe-bench-'));
  writeFileSync(
    path.join(dir, 'gonogo.config.json'),
    JSON.stringify({
      target: target.url,
      probe: {
        protectedEndpoints: ['/api/auth/me', '/api/items', '/api/admin/knobs'],
        login: { path: '/api/auth/login', username: 'demo', password: 'demo-password' },
        rateLimit: { path: '/api/info', limit: 1000, window: '30s' },
        tls: { ca: path.join(TLS, 'localhost.crt'), httpUrl: target.url.replace('https:', 'http:') },
      },
    }),
  );
  const r = await run(process.execPath, [CLI, 'probe', '--format', 'json'], { cwd: dir });
  await target.close();
  const m = /probe: (\d+) requests in ([\d.]+) s/.exec(r.stderr);
  let statuses = {};
  try {
    for (const c of JSON.parse(r.stdout).checks) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
  } catch {
    statuses = { error: r.stderr.slice(0, 200) };
  }
  runs.push({ wallMs: r.ms, probeMs: m ? Number(m[2]) * 1000 : null, requests: m ? Number(m[1]) : null, exit: r.code, statuses });
  rows.push([`run ${i + 1}`, (r.ms / 1000).toFixed(1), m ? m[2] : '-', m ? m[1] : '-', String(r.code), Object.entries(statuses).map(([k, v]) => `${v} ${k}`).join(', ')]);
}
process.stdout.write(`${table(['gonogo probe (full, reference service over TLS)', 'wall s', 'probe s', 'requests', 'exit', 'checks'], rows)}\n`);
// A run whose CLI did not get to the probe (it crashed at start-up) does not count towards the median.
const completed = runs.filter((r) => r.requests !== null);
const wall = completed.length ? median(completed.map((r) => r.wallMs)) : Infinity;
if (completed.length < runs.length) process.stdout.write(`${runs.length - completed.length} run(s) did not complete and are left out of the median\n`);
process.stdout.write(`median wall time ${(wall / 1000).toFixed(1)} s (goal < ${GOAL_S} s)\n`);

// TLS protocol scan side by side with sslscan, when it is installed.
let tlsPeer = null;
if (spawnSync('sh', ['-c', 'command -v sslscan'], { stdio: 'ignore' }).status === 0) {
  const target = await startDemoTarget({ quiet: true, tls: { cert: path.join(TLS, 'localhost.crt'), key: path.join(TLS, 'localhost.key') } });
  const host = new URL(target.url).host;
  const ours = await run(process.execPath, [CLI, 'probe', target.url, '--checks', 'tls.protocols', '--insecure', '--format', 'json', '--quiet'], { cwd: tmpdir() });
  const peer = await run('sslscan', ['--no-colour', '--no-ciphersuites', '--no-heartbleed', '--no-renegotiation', '--no-compression', '--no-groups', '--no-check-certificate', host]);
  await target.close();
  const peerLegacy = /TLSv1\.0\s+enabled|TLSv1\.1\s+enabled/.test(peer.stdout);
  const oursEvidence = JSON.parse(ours.stdout).checks[0].evidence;
  tlsPeer = { gonogoMs: ours.ms, sslscanMs: peer.ms, gonogoLegacyAccepted: /TLSv1(\.1)? accepted/.test(oursEvidence), sslscanLegacyEnabled: peerLegacy };
  process.stdout.write(`\n${table(['TLS protocol scan', 'wall s', 'TLS 1.0/1.1 accepted'], [
    ['gonogo probe --checks tls.protocols', (ours.ms / 1000).toFixed(2), String(tlsPeer.gonogoLegacyAccepted)],
    ['sslscan', (peer.ms / 1000).toFixed(2), String(peerLegacy)],
  ])}\nratio gonogo/sslscan wall time: ${(ours.ms / peer.ms).toFixed(2)}x; verdicts ${tlsPeer.gonogoLegacyAccepted === peerLegacy ? 'agree' : 'DISAGREE'}\n`);
} else {
  process.stdout.write('\nsslscan not installed (apt-get install -y sslscan): TLS side-by-side skipped\n');
}

mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
const out = { date: new Date().toISOString(), node: process.version, goalSeconds: GOAL_S, medianWallMs: wall, runs, tlsPeer };
writeFileSync(path.join(ROOT, 'bench/out/probe-latest.json'), `${JSON.stringify(out, null, 2)}\n`);
process.exit(wall < GOAL_S * 1000 ? 0 : 1);
