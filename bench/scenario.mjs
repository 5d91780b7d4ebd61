#!/usr/bin/env node
// `npm run bench -- scenario`: scripted scenarios, side by side with their peers, against a private
// loopback nginx (or the Node fallback target).
//
//   1. throughput: a 3-step journey (GET, GET, POST) with a check on every response, one generator
//      core, 50 users without think time: gonogo --workers 1, Locust FastHttpUser (python3-locust,
//      one process) when installed, and autocannon's scripted `requests` sequence (a fixed list,
//      no checks) as a Node reference.
//   2. memory: 10,000 concurrent virtual users, each sleeping 5 s between requests (peak RSS).
//   3. start-up: wall time of a 100 ms scenario run minus the run itself.
//
//   BENCH_DURATION=10   seconds per throughput run (default 10)
//   BENCH_USERS=10000   users for the memory run (default 10000)
//   BENCH_TARGET=node   use the Node target even when nginx is installed
//
// Writes bench/out/scenario-latest.json. Exits 0 whether or not goals are met (benchmarks report).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAborting, killAllSync, pinned, pinningPlan, probe, runTool, setAborting, stopAll, which } from './lib/procs.mjs';
import { fmt, table } from './lib/report.mjs';
import { startTarget } from './lib/target.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const OUT_FILE = path.join(ROOT, 'bench', 'out', 'scenario-latest.json');
const USERS = 50;
const GOALS = { journeyRps: 30_000, vus10kRssMb: 500, startupMs: 1000 };
const log = (line = '') => process.stdout.write(line + '\n');

const durationSec = Number((process.env.BENCH_DURATION ?? '10').replace(/s$/, ''));
const memUsers = Number(process.env.BENCH_USERS ?? '10000');
if (!(durationSec >= 1 && durationSec <= 600) || !(memUsers >= 1 && memUsers <= 50_000)) {
  process.stderr.write('BENCH_DURATION must be 1..600 seconds and BENCH_USERS 1..50000\n');
  process.exit(2);
}

let tmpDir = null;
const cleanup = async () => {
  setAborting();
  await stopAll();
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = null;
};
process.on('exit', () => {
  killAllSync();
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (isAborting() ? process.exit(130) : void cleanup().finally(() => process.exit(130))));

const JOURNEY_TS = `
import { defineScenario, step, check } from 'gonogo';
const ok = { 'status is 200': (r) => r.status === 200 };
export default defineScenario({
  name: 'journey',
  journey: [
    step('home', async (vu) => { check(await vu.http.get('/'), ok); }),
    step('item', async (vu) => { check(await vu.http.get('/items/' + (vu.iteration % 100), { name: '/items/:id' }), ok); }),
    step('order', async (vu) => { check(await vu.http.post('/orders', { item: 1 }), ok); }),
  ],
});
`;

const IDLE_TS = `
import { defineScenario, think } from 'gonogo';
export default defineScenario({ name: 'idle', thinkTime: think.constant(5), run: (vu) => vu.http.get('/') });
`;

const LOCUSTFILE = `
from locust import SequentialTaskSet, task
from locust.contrib.fasthttp import FastHttpUser

class Journey(SequentialTaskSet):
    @task
    def home(self):
        with self.client.get("/", catch_response=True) as r:
            if r.status_code != 200: r.failure("status")
    @task
    def item(self):
        with self.client.get("/items/1", name="/items/:id", catch_response=True) as r:
            if r.status_code != 200: r.failure("status")
    @task
    def order(self):
        with self.client.post("/orders", json={"item": 1}, catch_response=True) as r:
            if r.status_code != 200: r.failure("status")

class User(FastHttpUser):
    tasks = [Journey]
    wait_time = lambda self: 0
`;

const AUTOCANNON_SEQ = `
import autocannon from 'autocannon';
const [url, connections, duration] = process.argv.slice(2);
const r = await autocannon({ url, connections: Number(connections), duration: Number(duration), requests: [
  { method: 'GET', path: '/' }, { method: 'GET', path: '/items/1' },
  { method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, body: '{"item":1}' },
] });
process.stdout.write(JSON.stringify({ rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx }));
`;

function gonogoJourney(url) {
  const out = path.join(tmpDir, 'gonogo-journey.json');
  return {
    tool: 'gonogo',
    run: async (pin) => {
      const launch = pinned(pin, pin.generatorCore, process.execPath, [CLI, 'load', '--scenario', path.join(tmpDir, 'journey.ts'), url, '-c', String(USERS), '-d', `${durationSec}s`, '--workers', '1', '-q', '--out', out]);
      const r = await runTool(launch.cmd, launch.args, { timeoutMs: durationSec * 1000 + 60_000, cwd: tmpDir });
      if (r.code !== 0 && r.code !== 1) throw new Error(`gonogo exited ${r.code}: ${r.stderr.slice(-2000)}`);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      return { ...r, rps: j.totals.rps, requests: j.totals.requests, p50Ms: j.latencyMs.p50, p99Ms: j.latencyMs.p99, errors: j.totals.errors, checks: j.checks.passes + j.checks.fails };
    },
  };
}

function locustJourney(url) {
  const bin = which('locust');
  if (!bin) return null;
  return {
    tool: 'locust',
    run: async (pin) => {
      const prefix = path.join(tmpDir, 'locust');
      const launch = pinned(pin, pin.generatorCore, bin, ['-f', path.join(tmpDir, 'locustfile.py'), '--headless', '-u', String(USERS), '-r', String(USERS), '-t', `${durationSec}s`, '--host', url.replace(/\/$/, ''), '--csv', prefix, '--only-summary', '--loglevel', 'ERROR']);
      const r = await runTool(launch.cmd, launch.args, { timeoutMs: durationSec * 1000 + 60_000, cwd: tmpDir });
      const csv = readFileSync(`${prefix}_stats.csv`, 'utf8').trim().split('\n');
      const head = csv[0].split(',');
      const agg = csv.find((l) => l.includes('Aggregated')).split(',');
      const col = (name) => Number(agg[head.indexOf(name)]);
      return { ...r, rps: col('Requests/s'), requests: col('Request Count'), p50Ms: col('50%'), p99Ms: col('99%'), errors: col('Failure Count'), checks: col('Request Count') };
    },
  };
}

function autocannonSequence(url) {
  return {
    tool: 'autocannon (requests sequence)',
    run: async (pin) => {
      const launch = pinned(pin, pin.generatorCore, process.execPath, [path.join(tmpDir, 'ac-seq.mjs'), url, String(USERS), String(durationSec)]);
      const r = await runTool(launch.cmd, launch.args, { timeoutMs: durationSec * 1000 + 60_000, cwd: ROOT });
      const j = JSON.parse(r.stdout);
      return { ...r, rps: j.rps, requests: j.total, p50Ms: j.p50, p99Ms: j.p99, errors: j.errors, checks: 0 };
    },
  };
}

async function memoryRun(url, pin) {
  const out = path.join(tmpDir, 'gonogo-idle.json');
  const secs = 12;
  const launch = pinned(pin, pin.generatorCore, process.execPath, [CLI, 'load', '--scenario', path.join(tmpDir, 'idle.ts'), url, '-c', String(memUsers), '-d', `${secs}s`, '--workers', '1', '-q', '--out', out]);
  const r = await runTool(launch.cmd, launch.args, { timeoutMs: secs * 1000 + 60_000, cwd: tmpDir });
  const j = JSON.parse(readFileSync(out, 'utf8'));
  return { users: memUsers, peakUsers: j.scenarios[0].peakUsers, requests: j.totals.requests, errors: j.totals.errors, connectionsOpened: j.generator.connectionsOpened, peakRssMb: r.peakRssKb / 1024 };
}

async function startupRun(url, pin) {
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const launch = pinned(pin, pin.generatorCore, process.execPath, [CLI, 'load', '--scenario', path.join(tmpDir, 'journey.ts'), url, '-c', '1', '-d', '100ms', '--workers', '1', '-q']);
    const r = await runTool(launch.cmd, launch.args, { timeoutMs: 30_000, cwd: tmpDir });
    // The run itself: 100 ms of load after the engine's fixed 100 ms start delay.
    samples.push(r.wallMs - 200);
  }
  const bare = [];
  for (let i = 0; i < 3; i++) bare.push((await runTool(process.execPath, [CLI, '--version'], { timeoutMs: 30_000, cwd: tmpDir })).wallMs);
  return { scenarioStartupMs: Math.min(...samples), cliVersionMs: Math.min(...bare) };
}

async function main() {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'gonogo-bench-scenario-'));
  writeFileSync(path.join(tmpDir, 'journey.ts'), JOURNEY_TS);
  writeFileSync(path.join(tmpDir, 'idle.ts'), IDLE_TS);
  writeFileSync(path.join(tmpDir, 'locustfile.py'), LOCUSTFILE);
  writeFileSync(path.join(tmpDir, 'ac-seq.mjs'), AUTOCANNON_SEQ.replace("from 'autocannon'", `from '${path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js')}'`));
  const pin = pinningPlan(os.availableParallelism());
  log(`pinning: ${pin.reason}`);
  const target = await startTarget(tmpDir, pin, log, { forceNode: process.env.BENCH_TARGET === 'node' });
  log(`target: ${target.kind} ${target.version} at ${target.url}`);
  const tools = [gonogoJourney(target.url), locustJourney(target.url), autocannonSequence(target.url)].filter(Boolean);
  if (!which('locust')) log('locust not found: `apt-get install -y python3-locust` to compare with Locust FastHttpUser');
  const journey = [];
  for (const t of tools) {
    log(`journey: ${t.tool}, ${USERS} users, ${durationSec} s ...`);
    try {
      journey.push({ tool: t.tool, ok: true, ...(await t.run(pin)) });
    } catch (err) {
      journey.push({ tool: t.tool, ok: false, error: String(err.message ?? err) });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  log(`memory: ${memUsers} users sleeping 5 s between requests ...`);
  const memory = await memoryRun(target.url, pin);
  log('start-up ...');
  const startup = await startupRun(target.url, pin);
  await stopAll();

  const g = journey.find((r) => r.tool === 'gonogo');
  log('\n3-step journey with checks, one generator core, 50 users, no think time');
  log(table(['tool', 'req/s', 'vs gonogo', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB'], journey.map((r) => (r.ok ? [r.tool, fmt.num(r.rps), g?.ok ? `${(g.rps / r.rps).toFixed(2)}x` : '-', fmt.ms(r.p50Ms), fmt.ms(r.p99Ms), fmt.num(r.errors), (r.peakRssKb / 1024).toFixed(1)] : [r.tool, 'FAILED', '-', '-', '-', '-', '-']))));
  log(`\n${memory.users} virtual users: peak RSS ${memory.peakRssMb.toFixed(1)} MB, peak users ${memory.peakUsers}, ${memory.requests} requests, ${memory.connectionsOpened} connections opened`);
  log(`start-up: ${Math.round(startup.scenarioStartupMs)} ms for a scenario run (compile + import + first request), ${Math.round(startup.cliVersionMs)} ms for \`gonogo --version\``);
  const goals = [
    { goal: `journey >= ${GOALS.journeyRps} req/s`, actual: g?.ok ? Math.round(g.rps) : null, met: g?.ok && g.rps >= GOALS.journeyRps },
    { goal: `${memUsers} VUs <= ${GOALS.vus10kRssMb} MB`, actual: Math.round(memory.peakRssMb), met: memory.peakRssMb <= GOALS.vus10kRssMb },
    { goal: `start-up <= ${GOALS.startupMs} ms`, actual: Math.round(startup.scenarioStartupMs), met: startup.scenarioStartupMs <= GOALS.startupMs },
  ];
  log('\n' + table(['goal', 'actual', 'met'], goals.map((x) => [x.goal, String(x.actual ?? '-'), x.met ? 'yes' : 'NO'])));
  const locustVersion = which('locust') ? ((({ stdout, stderr }) => (stdout + stderr).trim().split('\n')[0] || null)(probe(which('locust'), ['--version']))) : null;
  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify({ schema: 'gonogo/bench-scenario@1', date: new Date().toISOString(), command: 'node bench/scenario.mjs', machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, node: process.version }, pinning: pin.reason, target: { kind: target.kind, version: target.version }, locust: locustVersion, users: USERS, durationSec, journey: journey.map(({ stdout: _o, stderr: _e, ...r }) => r), memory, startup, goals }, null, 2) + '\n');
  log(`\nwrote ${path.relative(ROOT, OUT_FILE)}`);
  await cleanup();
}

main().catch(async (err) => {
  process.stderr.write(`bench/scenario.mjs failed: ${err.stack ?? err}\n`);
  await cleanup();
  process.exit(1);
});
