#!/usr/bin/env node
// The README's test command: every vitest run the suite needs, then ONE closing line
// `N passed, N failed, N skipped` summed over all of them, so a CI that reads the last line sees every test.
// A file that fails to load counts as a failure; a run that fails without a counted failure (unhandled
// error, crash, no JSON) counts as one. Exit 1 on any failure.
//
// GONOGO_TEST_NODES: extra Node.js binaries (colon-separated paths) to run the whole suite under as well
// (CI adds Node 24 this way); each run is labelled with its Node version.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countRun, failedTests, formatCounts, retriedTests } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
// Files that measure timing (latency accuracy, capacity knees, merged percentiles of concurrent segments, late sends
// under a stalled generator or target, the demo's capacity search, the knees on Postgres and after a stress profile,
// INP with and without CPU throttling in Chromium):
// they run after the rest, one file at a time, so no other test skews them.
const TIMING = [
  'test/load/accuracy.test.ts',
  'test/demo/postgres.test.ts',
  'test/load/capacity/after-profile.test.ts',
  'test/load/capacity/capacity-cli.test.ts',
  'test/load/capacity/part.test.ts',
  'test/load/distributed.test.ts',
  'test/load/generator-stall.test.ts',
  'test/load/scenario-late.test.ts',
  'test/probe/vitals-throttle.test.ts',
  'test/run/demo.test.ts',
];
// The capacity CLI's and the stress profile's knee searches (~4 minutes) run under the first Node only: the search
// code runs under every Node in capacity/part.test.ts, postgres.test.ts and the demo, and the knees measure the
// target servers, not the Node running gonogo.
const FIRST_NODE_ONLY = ['test/load/capacity/capacity-cli.test.ts', 'test/load/capacity/after-profile.test.ts'];
const passesFor = (first) => [
  { name: 'suite', args: TIMING.flatMap((f) => ['--exclude', f]) },
  // A timing test measures against a bound on a shared, noisy runner: one re-run (reported below) before it counts
  // as failed. The suite pass never re-runs.
  { name: 'timing', args: [...TIMING.filter((f) => first || !FIRST_NODE_ONLY.includes(f)), '--no-file-parallelism', '--retry=1'] },
];

const nodes = [process.execPath, ...(process.env.GONOGO_TEST_NODES ?? '').split(':').filter(Boolean)];
const extraArgs = process.argv.slice(2);
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const work = mkdtempSync(path.join(tmpdir(), 'gonogo-test-'));

try {
  for (const [i, node] of nodes.entries()) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() || '?';
    for (const pass of passesFor(i === 0)) {
      const counts = runPass(node, pass, version);
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      lines.push(`node ${version} ${pass.name}: ${formatCounts(counts)}`);
      for (const name of counts.failedNames) lines.push(`  failed: ${name}`);
      for (const name of counts.retried) lines.push(`  passed on re-run: ${name}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log('');
for (const l of lines) console.log(l);
console.log(formatCounts(total));
process.exitCode = total.failed > 0 ? 1 : 0;

function runPass(node, pass, version) {
  const out = path.join(work, `${pass.name}-${version}.json`);
  console.log(`\n▶ vitest ${pass.name} on Node ${version}`);
  // The node under test comes first on PATH, so CLI tests that spawn `node` use it too.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const r = spawnSync(node, [vitest, 'run', ...pass.args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extraArgs], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    console.error(`vitest ${pass.name} on Node ${version} wrote no results (exit ${r.status ?? r.signal}): counted as 1 failure`);
  }
  return { ...countRun(report, r.status), failedNames: failedTests(report), retried: retriedTests(report) };
}

