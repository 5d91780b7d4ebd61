#!/usr/bin/env node
// `node bench/startup.mjs`: how long a gonogo process takes before it does any work, side by side with bare
// `node -e ''` (the floor) and k6's `k6 version` when k6 is installed. Each command runs STARTUP_BENCH_RUNS
// (default 7) times, alternating; the median wall time is reported. Goal: command start-up is a small part of the
// ≤ 1 s scenario start-up budget, because building the command tree loads no command's implementation
// (test/cli/lazy-load.test.ts asserts that structurally). Results: bench/out/startup-latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// STARTUP_BENCH_CLI points at another build (e.g. an older commit's dist/cli/main.js) to compare before/after.
const CLI = process.env.STARTUP_BENCH_CLI ?? path.join(ROOT, 'dist/cli/main.js');
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 7);
const hasK6 = spawnSync('sh', ['-c', 'command -v k6'], { stdio: 'ignore' }).status === 0;

const CASES = [
  { name: "node -e ''", cmd: process.execPath, args: ['-e', ''] },
  { name: 'gonogo --version', cmd: process.execPath, args: [CLI, '--version'] },
  { name: 'gonogo --help', cmd: process.execPath, args: [CLI, '--help'] },
  { name: 'gonogo probe --help', cmd: process.execPath, args: [CLI, 'probe', '--help'] },
  { name: 'gonogo scan sast --help', cmd: process.execPath, args: [CLI, 'scan', 'sast', '--help'] },
  { name: 'gonogo config check (no config)', cmd: process.execPath, args: [CLI, 'config', 'check'], cwd: '/' },
  ...(hasK6 ? [{ name: 'k6 version', cmd: 'k6', args: ['version'] }] : []),
];

const times = new Map(CASES.map((c) => [c.name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const c of CASES) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(c.cmd, c.args, { cwd: c.cwd ?? ROOT, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}`);
    times.get(c.name).push(ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times.get("node -e ''"));
const results = CASES.map((c) => ({ name: c.name, medianMs: median(times.get(c.name)), minMs: Math.min(...times.get(c.name)), maxMs: Math.max(...times.get(c.name)) }));
process.stdout.write(`${RUNS} runs each, median wall time (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})\n`);
process.stdout.write(table(['command', 'median ms', 'min', 'max', 'x bare node'], results.map((r) => [r.name, r.medianMs.toFixed(0), r.minMs.toFixed(0), r.maxMs.toFixed(0), (r.medianMs / floor).toFixed(2)])) + '\n');
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/startup-latest.json'), JSON.stringify({ date: new Date().toISOString(), cli: CLI, runs: RUNS, results }, null, 2) + '\n');
