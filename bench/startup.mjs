#!/usr/bin/env node
// `node bench/startup.mjs`: how long a gonogo process takes before it does any work, side by side with bare
// `node -e ''` (the floor) and k6's `k6 version` when k6 is installed, plus `scan secrets` on an empty folder (the
// start-up share of the secrets throughput goal). Each command runs STARTUP_BENCH_RUNS (default 7) times, alternating,
// pinned to core 0 when taskset exists; the median wall time and, with GNU time, the median CPU time (user + sys, all
// threads: V8's background compiles count) are reported. Goal: command start-up is a small part of the ≤ 1 s scenario
// start-up budget, because building the command tree loads no command's implementation (test/cli/lazy-load.test.ts
// asserts that structurally). Results: bench/out/startup-latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// STARTUP_BENCH_CLI points at another build (e.g. an older commit's dist/cli/main.js) to compare before/after.
const CLI = path.resolve(process.env.STARTUP_BENCH_CLI ?? path.join(ROOT, 'dist/cli/main.js'));
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 7);
const hasK6 = spawnSync('sh', ['-c', 'command -v k6'], { stdio: 'ignore' }).status === 0;
const PIN = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
const GNU_TIME = existsSync('/usr/bin/time');
const EMPTY = mkdtempSync(path.join(tmpdir(), 'gonogo-startup-empty-'));
const TIME_FILE = path.join(EMPTY, '..', `${path.basename(EMPTY)}.time`);

const CASES = [
  { name: "node -e ''", cmd: process.execPath, args: ['-e', ''] },
  { name: 'gonogo --version', cmd: process.execPath, args: [CLI, '--version'] },
  { name: 'gonogo --help', cmd: process.execPath, args: [CLI, '--help'] },
  { name: 'gonogo probe --help', cmd: process.execPath, args: [CLI, 'probe', '--help'] },
  { name: 'gonogo scan sast --help', cmd: process.execPath, args: [CLI, 'scan', 'sast', '--help'] },
  { name: 'gonogo config check (no config)', cmd: process.execPath, args: [CLI, 'config', 'check'], cwd: '/' },
  { name: 'gonogo scan secrets <empty> --format json', cmd: process.execPath, args: [CLI, 'scan', 'secrets', EMPTY, '--format', 'json'], cwd: '/' },
  ...(hasK6 ? [{ name: 'k6 version', cmd: 'k6', args: ['version'] }] : []),
];

/** One run: wall ms, and CPU ms (user + sys) when GNU time is there. */
function timed(c) {
  const argv = [...(GNU_TIME ? ['/usr/bin/time', '-f', '%U %S', '-o', TIME_FILE] : []), ...PIN, c.cmd, ...c.args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: c.cwd ?? ROOT, stdio: 'ignore' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}`);
  const cpuMs = GNU_TIME ? readFileSync(TIME_FILE, 'utf8').trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0) * 1000 : null;
  return { wallMs, cpuMs };
}

const times = new Map(CASES.map((c) => [c.name, []]));
for (let i = 0; i < RUNS; i++) for (const c of CASES) times.get(c.name).push(timed(c));
rmSync(EMPTY, { recursive: true, force: true });
rmSync(TIME_FILE, { force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wall = (name) => times.get(name).map((t) => t.wallMs);
const floor = median(wall("node -e ''"));
const results = CASES.map((c) => {
  const w = wall(c.name);
  const cpu = times.get(c.name).map((t) => t.cpuMs);
  return { name: c.name, medianMs: median(w), minMs: Math.min(...w), maxMs: Math.max(...w), medianCpuMs: GNU_TIME ? median(cpu) : null };
});
const load = (await import('node:os')).loadavg()[0].toFixed(1);
process.stdout.write(`${RUNS} runs each${PIN.length ? ', pinned to core 0' : ''}, median wall time and CPU time (user + sys; load average ${load})\n`);
process.stdout.write(
  table(
    ['command', 'median ms', 'min', 'max', 'x bare node', 'CPU ms'],
    results.map((r) => [r.name, r.medianMs.toFixed(0), r.minMs.toFixed(0), r.maxMs.toFixed(0), (r.medianMs / floor).toFixed(2), r.medianCpuMs === null ? '-' : r.medianCpuMs.toFixed(0)]),
  ) + '\n',
);
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/startup-latest.json'), JSON.stringify({ date: new Date().toISOString(), cli: CLI, runs: RUNS, results }, null, 2) + '\n');
