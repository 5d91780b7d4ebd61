#!/usr/bin/env node
// Container image scanning: a ~200 MB docker-archive built from this machine's own Debian 12 files (no network, no
// daemon): layer 1 = shared libraries up to BENCH_IMAGE_MB, the real /var/lib/dpkg/status (every installed package)
// and os-release (a symlink, as in real images); layer 2 = /usr/lib/python3 and /usr/lib/node_modules (dist-info and
// package.json files); layer 3 = a whiteout deleting one folder of layer 1. Also the same layers gzip-compressed as
// a second docker archive. BENCH_IMAGE_KEEP=1 keeps the images (the folder is printed). Goal (issue 19): <= 10 s for a 200 MB image. Measures the whole CLI
// (`gonogo scan image --db ../shared/osv`, process start included), median of BENCH_IMAGE_RUNS, with user+sys CPU
// and the machine's load average, since the machine is shared. Peers: Trivy and Grype are not installed here (Go
// binaries, neither on npm nor in Debian 12); the figure is absolute and says so. Writes bench/out/image-latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DB = path.resolve(process.env.BENCH_IMAGE_DB ?? process.env.GONOGO_SHARED_OSV ?? path.join(ROOT, '../shared/osv'));
// Budget for the files picked; the archive comes out at about 0.6 of it (symlinks, small files), so 340 gives ~200 MB.
const MB = Number(process.env.BENCH_IMAGE_MB ?? 340);
const RUNS = Number(process.env.BENCH_IMAGE_RUNS ?? 3);
const CLI = path.join(ROOT, 'dist/cli/main.js');
if (!existsSync(path.join(DB, 'Debian/all.zip'))) {
  process.stderr.write(`no Debian archive at ${DB}/Debian/all.zip (set BENCH_IMAGE_DB or GONOGO_SHARED_OSV)\n`);
  process.exit(2);
}
if (!existsSync(CLI)) {
  process.stderr.write('dist/cli/main.js missing: run `npm run build` first\n');
  process.exit(2);
}

/** Files under `dir` (relative to /), biggest folders first, until `budget` bytes. */
function pick(dir, budget) {
  const out = [];
  let total = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (total >= budget) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() || e.isSymbolicLink()) {
        out.push(p.slice(1));
        total += e.isFile() ? statSync(p).size : 0;
      }
    }
  };
  walk(dir);
  return { files: out, bytes: total };
}

function tarOf(list, file) {
  const listFile = `${file}.list`;
  writeFileSync(listFile, list.join('\n') + '\n');
  const r = spawnSync('tar', ['-C', '/', '--no-recursion', '-cf', file, '-T', listFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar: ${r.stderr}`);
}

function build(dir) {
  const a = pick('/usr/lib/x86_64-linux-gnu', MB * 1024 * 1024 * 0.55);
  const b = pick('/usr/bin', MB * 1024 * 1024 * 0.3);
  const libs = { files: [...a.files, ...b.files] };
  const lang = [...pick('/usr/lib/python3', MB * 1024 * 1024 * 0.2).files, ...pick('/usr/lib/node_modules', MB * 1024 * 1024 * 0.1).files];
  tarOf([...libs.files, 'var/lib/dpkg/status', 'usr/lib/os-release', 'etc/os-release'], path.join(dir, 'l1.tar'));
  tarOf(lang, path.join(dir, 'l2.tar'));
  // Layer 3: whiteout of the first folder of layer 1.
  const gone = path.dirname(libs.files.find((f) => f.split('/').length > 4) ?? libs.files[0]);
  mkdirSync(path.join(dir, 'l3', path.dirname(gone)), { recursive: true });
  writeFileSync(path.join(dir, 'l3', path.dirname(gone), `.wh.${path.basename(gone)}`), '');
  spawnSync('tar', ['-C', path.join(dir, 'l3'), '-cf', path.join(dir, 'l3.tar'), '.']);
  const manifest = (names) => JSON.stringify([{ Config: 'config.json', RepoTags: ['bench/image:1'], Layers: names }]);
  writeFileSync(path.join(dir, 'config.json'), '{}');
  writeFileSync(path.join(dir, 'manifest.json'), manifest(['l1.tar', 'l2.tar', 'l3.tar']));
  spawnSync('tar', ['-C', dir, '-cf', path.join(dir, 'image.tar'), 'manifest.json', 'config.json', 'l1.tar', 'l2.tar', 'l3.tar']);
  for (const l of ['l1', 'l2', 'l3']) writeFileSync(path.join(dir, `${l}.tgz`), gzipSync(readFileSync(path.join(dir, `${l}.tar`)), { level: 1 }));
  writeFileSync(path.join(dir, 'manifest.json'), manifest(['l1.tgz', 'l2.tgz', 'l3.tgz']));
  spawnSync('tar', ['-C', dir, '-cf', path.join(dir, 'image-gz.tar'), 'manifest.json', 'config.json', 'l1.tgz', 'l2.tgz', 'l3.tgz']);
  return { plain: path.join(dir, 'image.tar'), gz: path.join(dir, 'image-gz.tar') };
}

function run(image) {
  const out = path.join(tmpdir(), `gonogo-bench-image-time-${process.pid}.txt`);
  const args = [CLI, 'scan', 'image', image, '--db', DB, '--format', 'json', '--max-db-age', '36500d'];
  const t0 = performance.now();
  const r = existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', out, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 }) : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallS = (performance.now() - t0) / 1000;
  let cpuS = null;
  let rssMb = null;
  if (existsSync(out)) {
    // GNU time prefixes "Command exited with non-zero status 1" when gonogo exits 1 (findings): the figures are the last line.
    const [u, s, m] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number);
    cpuS = u + s;
    rssMb = Math.round(m / 1024);
  }
  if (r.status !== 0 && r.status !== 1) throw new Error(`scan image exited ${r.status}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout);
  return { wallS, cpuS, rssMb, findings: doc.findings.length, line: r.stderr.split('\n')[0] };
}

const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-bench-image-'));
try {
  const images = build(dir);
  const rows = [];
  const results = {};
  for (const [name, file] of Object.entries(images)) {
    const size = statSync(file).size / 1048576;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(run(file));
    runs.sort((a, b) => a.wallS - b.wallS);
    const med = runs[Math.floor(runs.length / 2)];
    results[name] = { mb: Math.round(size), ...med, load: os.loadavg()[0] };
    rows.push([name === 'plain' ? 'docker-archive, plain layers' : 'docker-archive, gzip layers', `${size.toFixed(0)} MB`, `${med.wallS.toFixed(2)} s`, med.cpuS === null ? '-' : `${med.cpuS.toFixed(2)} s`, med.rssMb === null ? '-' : `${med.rssMb} MB`, String(med.findings)]);
    process.stdout.write(`${med.line}\n`);
  }
  process.stdout.write(table(['image', 'size', 'wall (median)', 'CPU user+sys', 'peak RSS', 'findings'], rows));
  process.stdout.write(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores; goal: <= 10 s for 200 MB. Trivy/Grype not installed here: no peer figure.\n`);
  mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/out/image-latest.json'), JSON.stringify({ when: new Date().toISOString(), results }, null, 2) + '\n');
} finally {
  if (process.env.BENCH_IMAGE_KEEP) process.stdout.write(`images kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
