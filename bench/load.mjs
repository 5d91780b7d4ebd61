#!/usr/bin/env node
// `npm run bench`: gonogo vs autocannon (and wrk when installed), side by side in one run, against
// a private loopback nginx (or a Node http child process when nginx is missing).
//
//   BENCH_DURATION=10      seconds per tool per scenario (default 10; "10s" also accepted)
//   BENCH_SCENARIOS=50,1000 connection counts, one scenario each (default 50,1000)
//   BENCH_TARGET=node      use the Node http fallback target even when nginx is installed
//
// Prints one table per scenario plus the goal checks, and writes the same data to
// bench/out/load-latest.json. Exits 0 whether or not the goals are met (benchmarks report, they do
// not gate), 1 if a tool or the target failed, 2 on a usage error, 130 on SIGINT.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreBusyPercent, coreTicks, cpuTreeSec, isAborting, killAllSync, pinned, pinningPlan, runTool, setAborting, stopAll } from './lib/procs.mjs';
import { cpuTable, fmt, scenarioTable } from './lib/report.mjs';
import { servedCount, startTarget, targetAlive } from './lib/target.mjs';
import { availableTools } from './lib/tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_FILE = path.join(ROOT, 'bench', 'out', 'load-latest.json');
const WARMUP_SECS = 2;
const PAUSE_MS = 1000; // between runs, so sockets from the previous tool are gone
const OTHER_CPU_WARN = 20; // % of a core used by other work during a run before it is flagged as contended
const GOALS = { rpsRatioVsAutocannon: { connections: 50, min: 1.3 }, gonogoPeakRssMb: { connections: 1000, max: 100 } };

const log = (line = '') => process.stdout.write(line + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class UsageError extends Error {}

function envConfig() {
  const rawD = (process.env.BENCH_DURATION ?? '10').trim();
  const m = /^(\d+)s?$/.exec(rawD);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 3600) throw new UsageError(`BENCH_DURATION must be whole seconds between 1 and 3600 (e.g. 10 or 10s), got "${rawD}"`);
  const rawS = (process.env.BENCH_SCENARIOS ?? '50,1000').trim();
  const scenarios = rawS.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (scenarios.length === 0 || scenarios.some((c) => !Number.isInteger(c) || c < 1 || c > 10_000)) throw new UsageError(`BENCH_SCENARIOS must be comma-separated connection counts between 1 and 10000 (e.g. 50,1000), got "${rawS}"`);
  const targetKind = (process.env.BENCH_TARGET ?? 'auto').trim();
  if (!['auto', 'nginx', 'node'].includes(targetKind)) throw new UsageError(`BENCH_TARGET must be auto, nginx or node, got "${targetKind}"`);
  return { durationSec: Number(m[1]), scenarios, targetKind };
}

// ---- cleanup: whatever happens, no nginx / node target / generator is left behind -------------
let tmpDir = null;
const removeTmp = () => {
  if (!tmpDir) return;
  try {
    rmSync(tmpDir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
  tmpDir = null;
};
async function cleanup() {
  setAborting();
  await stopAll();
  removeTmp();
}
process.on('exit', () => {
  killAllSync(); // last resort; the normal paths have already stopped everything
  removeTmp();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (isAborting()) process.exit(130);
    log(`\n${sig}: stopping the target and any running generator...`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function runOne(tool, target, pin, c, secs) {
  const { cmd, args } = tool.argv(target.url, c, secs, tmpDir);
  const launch = pinned(pin, pin.generatorCore, cmd, args);
  const before = await servedCount(target);
  const t0 = { cpu: cpuTreeSec(target.child.pid), cores: coreTicks() };
  const run = await runTool(launch.cmd, launch.args, { timeoutMs: secs * 1000 + 30_000, cwd: ROOT });
  const t1 = { cpu: cpuTreeSec(target.child.pid), cores: coreTicks() };
  const after = await servedCount(target);
  // Where the CPU went while this tool ran: near 100% target CPU means the target, not the
  // generator, set the pace; a core busier than its pinned process means something else ran there.
  const wallSec = run.wallMs / 1000;
  const cpu = {
    generatorPercent: run.cpuSec === null ? null : (100 * run.cpuSec) / wallSec,
    targetPercent: t0.cpu !== null && t1.cpu !== null ? (100 * (t1.cpu - t0.cpu)) / wallSec : null,
    coreBusyPercent: coreBusyPercent(t0.cores, t1.cores),
  };
  // Everything else that ran on the machine meanwhile (other people's builds and tests, the
  // kernel's share not charged to either process), in % of one core.
  const busy = cpu.coreBusyPercent ? Object.values(cpu.coreBusyPercent).filter((v) => v !== null) : [];
  cpu.otherPercent = busy.length && cpu.generatorPercent !== null && cpu.targetPercent !== null ? Math.max(0, busy.reduce((a, b) => a + b, 0) - cpu.generatorPercent - cpu.targetPercent) : null;
  cpu.contended = cpu.otherPercent !== null && cpu.otherPercent > OTHER_CPU_WARN;
  // Requests the target answered during this run, from its own counter: a cross-check of the
  // tool's count (a tool may leave up to one in-flight request per connection uncounted).
  const targetServed = before !== null && after !== null ? after - before : null;
  const base = { targetServed, tool: tool.name, version: tool.version, connections: c, durationSec: secs, peakRssMb: run.peakRssKb === null ? null : run.peakRssKb / 1024, exitCode: run.code, signal: run.signal, wallSec, cpu };
  const why = run.timedOut ? `did not finish within ${secs + 30} s` : !tool.okExit(run.code) ? `exited with code ${run.code}${run.signal ? ` (signal ${run.signal})` : ''}` : null;
  if (why) return { ...base, ok: false, error: `${tool.name} ${why}`, stderrTail: run.stderr.slice(-1500) };
  try {
    return { ...base, ok: true, ...tool.parse(run, tmpDir, c) };
  } catch (err) {
    return { ...base, ok: false, error: `${tool.name}: ${err.message}`, stderrTail: run.stderr.slice(-1500) };
  }
}

function ratio(a, b) {
  return a && b && a.ok && b.ok && b.rps > 0 ? a.rps / b.rps : null;
}

async function main() {
  const { durationSec, scenarios, targetKind } = envConfig();
  const tools = availableTools(ROOT);
  for (const t of tools.filter((t) => t.required)) {
    if (!existsSync(t.entry)) throw new UsageError(`${t.name} not found at ${path.relative(ROOT, t.entry)}: ${t.name === 'gonogo' ? 'run `npm run build` (or `npm run bench`, which builds first)' : 'run `npm install`'}`);
  }
  const parallelism = os.availableParallelism();
  const pin = pinningPlan(parallelism);
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'gonogo-bench-'));

  log(`gonogo load benchmark: ${tools.map((t) => `${t.name} ${t.version}`).join(' vs ')}`);
  if (!tools.some((t) => t.name === 'wrk')) log('wrk not found: install it for a C reference generator with `apt-get install -y wrk` (Debian/Ubuntu); skipping it.');
  log(`machine: ${parallelism} cores (${os.cpus()[0]?.model?.trim() ?? 'unknown cpu'}), node ${process.version}, ${os.type()} ${os.release()}`);
  log(`pinning: ${pin.enabled ? 'ON' : 'OFF'} - ${pin.reason}`);

  const target = await startTarget(tmpDir, pin, log, { forceNode: targetKind === 'node', requireNginx: targetKind === 'nginx' });
  log(`target: ${target.kind} ${target.version} at ${target.url}${pin.enabled ? ` (core ${pin.targetCore})` : ''}`);
  log(`scenarios: ${scenarios.join(', ')} connections; ${durationSec} s per tool per scenario; tools run one after the other`);

  // Warm-up: an unrecorded run so the target (and the page cache, CPU clocks) are warm.
  log(`warm-up: ${WARMUP_SECS} s with ${tools[0].name} at ${scenarios[0]} connections (not recorded)`);
  const warm = await runOne(tools[0], target, pin, scenarios[0], WARMUP_SECS);
  if (!warm.ok) log(`warm-up failed (${warm.error}); continuing`);
  await sleep(PAUSE_MS);

  const results = [];
  let failed = false;
  for (const c of scenarios) {
    log(`\n== ${c} connections, ${durationSec} s each ==`);
    const rows = [];
    for (const tool of tools) {
      if (!targetAlive(target)) {
        rows.push({ tool: tool.name, version: tool.version, connections: c, durationSec, ok: false, error: 'target is no longer running', peakRssMb: null });
        failed = true;
        continue;
      }
      process.stdout.write(`running ${tool.name} -c ${c} ... `);
      const r = await runOne(tool, target, pin, c, durationSec);
      if (isAborting()) return 130; // killed by our own SIGINT handling, not a tool failure
      log(r.ok ? `${fmt.num(r.rps)} rps` : `FAILED: ${r.error}`);
      if (!r.ok) {
        failed = true;
        if (r.stderrTail) log(r.stderrTail.trim().split('\n').map((l) => `  | ${l}`).join('\n'));
      }
      rows.push(r);
      await sleep(PAUSE_MS);
    }
    const by = Object.fromEntries(rows.map((r) => [r.tool, r]));
    const ratios = {
      rpsGonogoOverAutocannon: ratio(by.gonogo, by.autocannon),
      rpsGonogoOverWrk: by.wrk ? ratio(by.gonogo, by.wrk) : null,
      peakRssGonogoOverAutocannon: by.gonogo?.peakRssMb && by.autocannon?.peakRssMb ? by.gonogo.peakRssMb / by.autocannon.peakRssMb : null,
    };
    results.push({ connections: c, durationSec, results: rows, ratios });
    log('');
    log(scenarioTable(rows));
    const x = (v) => (v === null ? 'n/a' : `${v.toFixed(2)}x`);
    log(`requests counted by the tool / answered by the target: ${rows.map((r) => `${r.tool} ${r.ok && r.requests != null ? fmt.num(r.requests) : '-'} / ${r.targetServed == null ? '-' : fmt.num(r.targetServed)}`).join(', ')}`);
    log('');
    log(cpuTable(rows));
    const contended = rows.filter((r) => r.cpu?.contended).map((r) => r.tool);
    if (contended.length) log(`note: other work used more than ${OTHER_CPU_WARN}% of a core during ${contended.join(', ')}: those figures are disturbed; rerun when the machine is quiet.`);
    log(`rps gonogo/autocannon: ${x(ratios.rpsGonogoOverAutocannon)}${by.wrk ? `   rps gonogo/wrk: ${x(ratios.rpsGonogoOverWrk)}` : ''}   peak RSS gonogo/autocannon: ${x(ratios.peakRssGonogoOverAutocannon)}`);
  }

  // ---- goals --------------------------------------------------------------------------------
  const sc = (c) => results.find((s) => s.connections === c);
  const g1s = sc(GOALS.rpsRatioVsAutocannon.connections);
  const g1v = g1s ? g1s.ratios.rpsGonogoOverAutocannon : null;
  const g2s = sc(GOALS.gonogoPeakRssMb.connections);
  const g2r = g2s?.results.find((r) => r.tool === 'gonogo');
  const g2v = g2r?.ok ? g2r.peakRssMb : null;
  const status = (v, ok) => (v === null ? 'not measured' : ok ? 'met' : 'not met');
  const goals = [
    { goal: `rps gonogo/autocannon at ${GOALS.rpsRatioVsAutocannon.connections} connections >= ${GOALS.rpsRatioVsAutocannon.min}x`, value: g1v, status: status(g1v, g1v !== null && g1v >= GOALS.rpsRatioVsAutocannon.min) },
    { goal: `gonogo peak RSS at ${GOALS.gonogoPeakRssMb.connections} connections <= ${GOALS.gonogoPeakRssMb.max} MB`, value: g2v, status: status(g2v, g2v !== null && g2v <= GOALS.gonogoPeakRssMb.max) },
  ];
  log('\n== goals ==');
  log(`${goals[0].goal}: ${g1v === null ? '-' : `${g1v.toFixed(2)}x`}  ${goals[0].status.toUpperCase()}`);
  log(`${goals[1].goal}: ${g2v === null ? '-' : `${g2v.toFixed(1)} MB`}  ${goals[1].status.toUpperCase()}`);
  log('(MB = MiB: VmHWM kB / 1024. wrk is C and shows what the target can take; it is the ceiling reference.)');

  const report = {
    schema: 'gonogo/bench-load@1',
    date: new Date().toISOString(),
    command: 'node bench/load.mjs',
    env: { BENCH_DURATION: process.env.BENCH_DURATION ?? null, BENCH_SCENARIOS: process.env.BENCH_SCENARIOS ?? null, BENCH_TARGET: process.env.BENCH_TARGET ?? null },
    machine: { cores: parallelism, cpu: os.cpus()[0]?.model?.trim() ?? null, node: process.version, os: `${os.type()} ${os.release()}` },
    pinning: { enabled: pin.enabled, targetCore: pin.targetCore, generatorCore: pin.generatorCore, note: pin.reason },
    target: { kind: target.kind, version: target.version, url: target.url },
    tools: tools.map((t) => ({ name: t.name, version: t.version })),
    warmup: { tool: tools[0].name, connections: scenarios[0], durationSec: WARMUP_SECS, ok: warm.ok },
    scenarios: results,
    goals,
    failed,
  };
  mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify(report, null, 2) + '\n');
  log(`\nwrote ${path.relative(ROOT, OUT_FILE)}`);
  return failed ? 1 : 0;
}

let code;
try {
  code = await main();
} catch (err) {
  if (!isAborting()) {
    process.stderr.write(`bench: ${err instanceof UsageError ? '' : 'error: '}${err.message}\n`);
    code = err instanceof UsageError ? 2 : 1;
  } else code = 130;
}
await cleanup();
process.exitCode = code;
