#!/usr/bin/env node
// Dependency scanning: a 2,000-package requirements.txt against the full PyPI OSV archive (../shared/osv/PyPI/all.zip,
// or BENCH_DEPS_DB). Goal (issue 6): under 3 s. Measures the whole CLI (`gonogo scan deps`, process start included,
// pinned to one core when taskset exists) and the in-process scan (cold and warm), and peak RSS.
// Peers: osv-scanner is a Go binary that is neither on npm nor in Debian here, and pip-audit needs PyPI (not
// reachable); when `osv-scanner` is on PATH it runs side by side (its offline mode with the same archive), otherwise
// the figures are absolute and say so. Writes bench/out/deps-latest.json.
//   BENCH_DEPS_PACKAGES  packages in the lockfile (default 2000)    BENCH_DEPS_RUNS  CLI runs, median taken (default 5)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DB = path.resolve(process.env.BENCH_DEPS_DB ?? path.join(ROOT, '../shared/osv'));
const PACKAGES = Number(process.env.BENCH_DEPS_PACKAGES ?? 2000);
const RUNS = Number(process.env.BENCH_DEPS_RUNS ?? 5);
const CLI = path.join(ROOT, 'dist/cli/main.js');

if (!existsSync(path.join(DB, 'PyPI/all.zip'))) {
  process.stderr.write(`no PyPI archive at ${DB}/PyPI/all.zip (set BENCH_DEPS_DB)\n`);
  process.exit(2);
}
if (!existsSync(CLI)) {
  process.stderr.write('dist/cli/main.js missing: run `npm run build` first\n');
  process.exit(2);
}

/** Every package name in the archive (so the lockfile hits as many records as possible), padded with made-up names. */
async function buildProject() {
  const { forEachZipJsonSync } = await import(pathToFileURL(path.join(ROOT, 'dist/scan/deps/osv/zip-reader.js')).href);
  const names = new Map();
  forEachZipJsonSync(path.join(DB, 'PyPI/all.zip'), (_n, text) => {
    const r = JSON.parse(text);
    for (const a of r.affected ?? []) {
      const ev = a.ranges?.[0]?.events ?? [];
      // An old version inside the first affected interval, so most real names produce findings.
      const intro = ev.find((e) => e.introduced)?.introduced;
      if (a.package?.name && !names.has(a.package.name)) names.set(a.package.name, intro && intro !== '0' ? intro : '0.1');
    }
  }, 8e6);
  const lines = [...names].slice(0, PACKAGES).map(([n, v]) => `${n}==${v}`);
  for (let i = 0; lines.length < PACKAGES; i++) lines.push(`bench-package-${i}==1.${i % 50}.0`);
  const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-bench-deps-'));
  writeFileSync(path.join(dir, 'requirements.txt'), lines.join('\n') + '\n');
  return { dir, real: Math.min(names.size, PACKAGES) };
}

const pin = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];

function timed(cmd, args) {
  const out = path.join(tmpdir(), `gonogo-bench-deps-time-${process.pid}.txt`);
  const full = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%e %U %S %M', '-o', out, ...pin, cmd, ...args] : [...pin, cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 10 * 60_000 });
  const wallMs = performance.now() - t0;
  let rssMb = null;
  let cpuMs = null;
  if (existsSync(out)) {
    const [, u, sys, m] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
    rssMb = m / 1024;
    cpuMs = (u + sys) * 1000;
  }
  return { status: r.status, wallMs, cpuMs, rssMb, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { dir, real } = await buildProject();
process.stdout.write(`lockfile: ${PACKAGES} pinned packages (${real} names from the archive, the rest made up) in ${dir}\n`);

// In-process: the scan without Node start-up and module loading (cold = first call, warm = median of the rest).
const { scanDeps } = await import(pathToFileURL(path.join(ROOT, 'dist/scan/deps/scan.js')).href);
const inproc = [];
const inprocCpu = [];
let findings = 0;
for (let i = 0; i < RUNS + 1; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await scanDeps({ root: dir, db: DB });
  inproc.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  inprocCpu.push((c.user + c.system) / 1000);
  findings = r.findings.length;
}

const cli = [];
const cliCpu = [];
let rss = [];
for (let i = 0; i < RUNS; i++) {
  const r = timed(process.execPath, [CLI, 'scan', 'deps', dir, '--db', DB, '--format', 'json', '--fail-on', 'critical']);
  if (r.status !== 0 && r.status !== 1) {
    process.stderr.write(`gonogo failed (exit ${r.status}): ${r.stderr}\n`);
    process.exit(1);
  }
  cli.push(r.wallMs);
  if (r.cpuMs !== null) cliCpu.push(r.cpuMs);
  if (r.rssMb !== null) rss.push(r.rssMb);
}

const peers = [];
const osvScanner = spawnSync('osv-scanner', ['--version'], { encoding: 'utf8' });
if (osvScanner.status === 0) {
  const walls = [];
  for (let i = 0; i < RUNS; i++) walls.push(timed('osv-scanner', ['--offline', '--lockfile', `requirements.txt:${path.join(dir, 'requirements.txt')}`]).wallMs);
  peers.push({ tool: `osv-scanner ${osvScanner.stdout.trim().split('\n')[0]}`, wallMs: median(walls) });
}

const result = {
  bench: 'deps',
  date: new Date().toISOString(),
  packages: PACKAGES,
  archive: path.join(DB, 'PyPI/all.zip'),
  findings,
  goalMs: 3000,
  // Wall time depends on what else the machine runs; CPU time (user + sys) is what the scan itself costs.
  loadAverage: os.loadavg()[0],
  cores: os.cpus().length,
  cli: { medianMs: median(cli), runs: cli, cpuMedianMs: cliCpu.length ? median(cliCpu) : null, peakRssMb: rss.length ? Math.max(...rss) : null, pinnedToOneCore: pin.length > 0 },
  inProcess: { coldMs: inproc[0], coldCpuMs: inprocCpu[0], warmMedianMs: median(inproc.slice(1)), warmCpuMedianMs: median(inprocCpu.slice(1)) },
  peers,
  peerNote: peers.length ? undefined : 'osv-scanner is not installable offline here (Go binary, not on npm or Debian); pip-audit needs PyPI: absolute figures only',
};
const sec = (ms) => (ms === null ? '-' : `${(ms / 1000).toFixed(2)} s`);
const rows = [
  ['gonogo scan deps (CLI, median)', sec(result.cli.medianMs), sec(result.cli.cpuMedianMs), result.cli.peakRssMb === null ? '-' : result.cli.peakRssMb.toFixed(0), `${(result.cli.medianMs / 3000).toFixed(2)}x of goal`],
  ['gonogo in-process, cold', sec(result.inProcess.coldMs), sec(result.inProcess.coldCpuMs), '-', ''],
  ['gonogo in-process, warm', sec(result.inProcess.warmMedianMs), sec(result.inProcess.warmCpuMedianMs), '-', ''],
  ...peers.map((p) => [p.tool, sec(p.wallMs), '-', '-', `gonogo ${(result.cli.medianMs / p.wallMs).toFixed(2)}x its time`]),
];
process.stdout.write(`${table(['run', 'wall', 'CPU', 'peak RSS MB', 'vs'], rows)}\n${findings} findings; goal < 3 s for the CLI run; load average ${result.loadAverage.toFixed(1)} on ${result.cores} cores\n`);
if (result.peerNote) process.stdout.write(`note: ${result.peerNote}\n`);
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/deps-latest.json'), JSON.stringify(result, null, 2) + '\n');
process.exit(result.cli.medianMs < 3000 ? 0 : 1);
