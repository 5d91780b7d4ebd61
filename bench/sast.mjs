#!/usr/bin/env node
// `node bench/sast.mjs` (after `npm run build`): static-analysis speed and accuracy, gonogo side by side
// with its peers when they are installed: Bandit (Debian `bandit`, Python) and ESLint +
// eslint-plugin-security (npm devDependency, JavaScript). Every tool is pinned to one core with
// taskset when it exists.
//
//   BENCH_FILES=1000   corpus size (files; mixed Python / JavaScript / TypeScript, ~140 lines each)
//   BENCH_RUNS=3       runs per tool; the median is reported
//
// Speed goal: 1,000 source files in under 10 s on one core. Accuracy: TPR / FPR of gonogo and Bandit
// over the labelled Python set in test/fixtures/sast/labelled (vulnerable vs safe look-alikes).
// Writes bench/out/sast-latest.json. Exits 0 whether or not goals are met, 1 if gonogo failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABELLED = path.join(ROOT, 'test', 'fixtures', 'sast', 'labelled');
const OUT = path.join(ROOT, 'bench', 'out', 'sast-latest.json');
const FILES = Number(process.env.BENCH_FILES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const log = (s = '') => process.stdout.write(s + '\n');

const which = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim() || null;
const taskset = which('taskset');
const pin = (cmd, args) => (taskset ? [taskset, ['-c', '0', cmd, ...args]] : [cmd, args]);

/**
 * Run one tool and measure wall time and CPU time (user + sys of the process and its children, from
 * bash's `time`): on a shared machine wall time includes waiting for a core, CPU time does not.
 */
function time(cmd, args, opts = {}) {
  const [c, a] = pin(cmd, args);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gonogo-bench-run-'));
  const out = path.join(dir, 'out'), err = path.join(dir, 'err'), times = path.join(dir, 'times');
  const script = 'TIMEFORMAT="%R %U %S"; { time "$@" >"$GN_OUT" 2>"$GN_ERR"; } 2>"$GN_TIMES"';
  const r = spawnSync('bash', ['-c', script, 'bash', c, ...a], { encoding: 'utf8', ...opts, env: { ...process.env, GN_OUT: out, GN_ERR: err, GN_TIMES: times } });
  const [wall, user, sys] = readFileSync(times, 'utf8').trim().split(/\s+/).map(Number);
  const res = { s: wall, cpu: user + sys, status: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return res;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- corpus: each file is four labelled fixtures of one language joined, so it reads like a real module.
function buildCorpus(dir) {
  const langs = [['python', 'py', 0.6], ['javascript', 'js', 0.2], ['typescript', 'ts', 0.2]];
  const counts = {};
  for (const [lang, ext, share] of langs) {
    const src = readdirSync(path.join(LABELLED, lang)).filter((f) => f.endsWith(`.${ext}`)).map((f) => readFileSync(path.join(LABELLED, lang, f), 'utf8'));
    const n = Math.round(FILES * share);
    counts[ext] = n;
    mkdirSync(path.join(dir, lang), { recursive: true });
    for (let i = 0; i < n; i++) {
      const body = [0, 1, 2, 3].map((k) => src[(i * 4 + k) % src.length]).join('\n\n');
      // Renamed identifiers so files differ (no caching anywhere can take a shortcut).
      writeFileSync(path.join(dir, lang, `module_${i}.${ext}`), body.replace(/BenchmarkTest(\d+)/g, (_, d) => `BenchmarkTest${d}_${i}`));
    }
  }
  return counts;
}

function gonogo(dir) {
  return time(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), 'scan', 'sast', dir, '--format', 'json', '--fail-on', 'critical'], { cwd: os.tmpdir() });
}

function bandit(dir) {
  return time('bandit', ['-r', dir, '-f', 'json', '-q']);
}

function eslintConfig(tmp) {
  const plugin = path.join(ROOT, 'node_modules', 'eslint-plugin-security', 'index.js');
  const file = path.join(tmp, 'eslint.config.mjs');
  writeFileSync(file, `import security from ${JSON.stringify(plugin)};\nexport default [security.configs.recommended, { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 } }];\n`);
  return file;
}

function eslint(dir, config) {
  return time(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-config-lookup', '-c', config, '-f', 'json', dir], { cwd: dir });
}

// ---- accuracy over the labelled Python set
const CATEGORY = {
  gonogo: {
    cmdi: ['sast.py-shell-injection', 'sast.py-os-system'], sqli: ['sast.sql-injection'], pathtraver: ['sast.path-traversal'], xss: ['sast.reflected-xss'],
    codeinj: ['sast.py-eval', 'sast.py-exec'], deserialization: ['sast.py-pickle', 'sast.py-marshal', 'sast.py-yaml-load'], redirect: ['sast.open-redirect'], ssrf: ['sast.ssrf'],
    xpathi: ['sast.xpath-injection'], ldapi: ['sast.ldap-injection'], trustbound: ['sast.trust-boundary'], xxe: ['sast.py-xml-untrusted', 'sast.xxe-entities-enabled'],
    hash: ['sast.weak-hash', 'sast.password-fast-hash'], weakrand: ['sast.insecure-random'], securecookie: ['sast.cookie-insecure'],
  },
  // Bandit 1.6 test ids that speak for each category (none exist for redirect, LDAP, XPath, trust boundary, cookies).
  bandit: {
    cmdi: ['B602', 'B603', 'B604', 'B605', 'B607'], sqli: ['B608'], pathtraver: [], xss: ['B703', 'B308'], codeinj: ['B307', 'B102'],
    deserialization: ['B301', 'B302', 'B506', 'B403'], redirect: [], ssrf: ['B310'], xpathi: ['B320'], ldapi: [], trustbound: [],
    xxe: ['B313', 'B314', 'B318', 'B319', 'B320', 'B405', 'B410'], hash: ['B303', 'B324'], weakrand: ['B311'], securecookie: [],
  },
};

function labelOf(file) {
  const m = /^([a-z]+)-\d+-.*(vulnerable|safe)\.py$/.exec(path.basename(file));
  return m ? { cat: m[1], vulnerable: m[2] === 'vulnerable' } : undefined;
}

function score(hitsByFile, tool) {
  let tp = 0, fn = 0, fp = 0, tn = 0;
  for (const f of readdirSync(path.join(LABELLED, 'python'))) {
    const l = labelOf(f);
    if (!l) continue;
    const ids = hitsByFile.get(f) ?? [];
    const hit = ids.some((id) => CATEGORY[tool][l.cat].includes(id));
    if (l.vulnerable && hit) tp++;
    else if (l.vulnerable) fn++;
    else if (hit) fp++;
    else tn++;
  }
  return { tpr: tp / (tp + fn), fpr: fp / (fp + tn), tp, fn, fp, tn };
}

function gonogoHits() {
  const r = gonogo(path.join(LABELLED, 'python'));
  const map = new Map();
  for (const f of JSON.parse(r.stdout).findings) map.set(path.basename(f.location.file), [...(map.get(path.basename(f.location.file)) ?? []), f.ruleId]);
  return map;
}

function banditHits() {
  const r = bandit(path.join(LABELLED, 'python'));
  const map = new Map();
  for (const x of JSON.parse(r.stdout).results) map.set(path.basename(x.filename), [...(map.get(path.basename(x.filename)) ?? []), x.test_id]);
  return map;
}

// ---- main
if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  log('dist/cli/main.js is missing: run `npm run build` first');
  process.exit(1);
}
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gonogo-bench-sast-'));
try {
  const counts = buildCorpus(tmp);
  const lines = readdirSync(tmp, { recursive: true }).filter((f) => /\.(py|js|ts)$/.test(f)).reduce((n, f) => n + readFileSync(path.join(tmp, f), 'utf8').split('\n').length, 0);
  log(`corpus: ${FILES} files (${counts.py} .py, ${counts.js} .js, ${counts.ts} .ts), ${lines.toLocaleString('en-US')} lines; ${taskset ? 'pinned to one core (taskset -c 0)' : 'NOT pinned (no taskset)'}; median of ${RUNS} runs`);
  const rows = [];
  const run = (name, fn, what) => {
    const times = [];
    const cpus = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = fn();
      times.push(last.s);
      cpus.push(last.cpu);
    }
    rows.push({ tool: name, scope: what, seconds: median(times), cpuSeconds: median(cpus), ok: last.status !== null && last.status <= 1 });
    return last;
  };
  const g = run('gonogo scan sast', () => gonogo(tmp), `all ${FILES} files`);
  if (g.status === null || g.status > 1) {
    log(`gonogo failed: ${g.stderr}`);
    process.exit(1);
  }
  const findings = JSON.parse(g.stdout).findings.length;
  run('gonogo scan sast', () => gonogo(path.join(tmp, 'python')), `${counts.py} .py`);
  run('gonogo scan sast', () => gonogo(path.join(tmp, 'javascript')), `${counts.js} .js`);
  if (which('bandit')) run('bandit 1.6 (-r)', () => bandit(path.join(tmp, 'python')), `${counts.py} .py`);
  else log('bandit not installed (apt-get install -y bandit): Python peer column skipped');
  if (existsSync(path.join(ROOT, 'node_modules', 'eslint-plugin-security'))) {
    const cfg = eslintConfig(tmp);
    run('eslint + eslint-plugin-security', () => eslint(path.join(tmp, 'javascript'), cfg), `${counts.js} .js`);
  } else log('eslint-plugin-security not installed: JavaScript peer column skipped');

  log('');
  log('| tool | files | wall s (median) | CPU s user+sys (median) | files per CPU s |');
  log('|---|---|---|---|---|');
  for (const r of rows) log(`| ${r.tool} | ${r.scope} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${(Number(r.scope.split(' ')[r.scope.startsWith('all') ? 1 : 0]) / r.cpuSeconds).toFixed(0)} |`);
  const find = (tool, scope) => rows.find((r) => r.tool.startsWith(tool) && r.scope.includes(scope));
  const ratios = {};
  const gp = find('gonogo', '.py'), bp = find('bandit', '.py'), gj = find('gonogo', '.js'), ej = find('eslint', '.js');
  if (gp && bp) ratios.pythonVsBandit = bp.cpuSeconds / gp.cpuSeconds;
  if (gj && ej) ratios.javascriptVsEslint = ej.cpuSeconds / gj.cpuSeconds;
  log('');
  for (const [k, v] of Object.entries(ratios)) log(`${k}: gonogo is ${v.toFixed(2)}x the speed of the peer (peer CPU s / gonogo CPU s)`);
  const all = find('gonogo', 'all');
  const goal = { files: FILES, maxSeconds: 10, cpuSeconds: all.cpuSeconds, wallSeconds: all.seconds, met: all.cpuSeconds < 10 };
  log(`goal: ${FILES} files in < 10 s on one core: ${all.cpuSeconds.toFixed(2)} CPU s (${all.seconds.toFixed(2)} s wall) -> ${goal.met ? 'MET' : 'NOT MET'} (${findings} findings)`);

  log('');
  const acc = { gonogo: score(gonogoHits(), 'gonogo') };
  if (which('bandit')) acc.bandit = score(banditHits(), 'bandit');
  log('labelled Python set (test/fixtures/sast/labelled/python): detection per category rule');
  for (const [tool, s] of Object.entries(acc)) log(`  ${tool.padEnd(7)} TPR ${s.tpr.toFixed(3)}  FPR ${s.fpr.toFixed(3)}  (tp ${s.tp}, fn ${s.fn}, fp ${s.fp}, tn ${s.tn})`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, pinned: Boolean(taskset), files: FILES, lines, runs: RUNS, rows, ratios, goal, findings, accuracy: acc }, null, 2) + '\n');
  log(`\nwrote ${path.relative(ROOT, OUT)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
