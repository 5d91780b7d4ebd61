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
import { countRun, failedFiles, failedTests, formatCounts, retriedTests, withoutFiles } from './test-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
// Files that measure timing (latency accuracy, capacity knees, merged percentiles of concurrent segments, late sends
// under a stalled generator or target, the demo's capacity search, the knees on Postgres and after a stress profile,
// INP with and without CPU throttling in Chromium):
// they run after the rest, one file at a time, so no other test skews them.
const TIMING = [
  'test/load/accuracy.test.ts',
  'test/demo/postgres.test.ts',
  'test/demo/ui-page-vitals.test.ts',
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
  // A file that fails in the parallel suite pass is run once more alone (see runPass): on a 2-core runner the
  // parallel pass starves servers and browsers that tests time, and each CI so far met a different such file.
  { name: 'suite', args: TIMING.flatMap((f) => ['--exclude', f]), rerunFailedFilesAlone: true },
  // A timing test measures against a bound on a shared, noisy runner: one re-run (reported below) before it counts
  // as failed.
  { name: 'timing', args: [...TIMING.filter((f) => first || !FIRST_NODE_ONLY.includes(f)), '--no-file-parallelism', '--retry=1'] },
];

// At most this many files are re-run alone; more failing files means something broke, not noise.
const MAX_RERUN_FILES = 8;

const nodes = [process.execPath, ...(process.env.GONOGO_TEST_NODES ?? '').split(':').filter(Boolean)];
const extraArgs = process.argv.slice(2);
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const work = mkdtempSync(path.join(tmpdir(), 'gonogo-test-'));

try {
  for (const [i, node] of nodes.entries()) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() || '?';
    for (const pass of passesFor(i === 0)) {
      const r = runPass(node, pass, version);
      total.passed += r.counts.passed;
      total.failed += r.counts.failed;
      total.skipped += r.counts.skipped;
      lines.push(`node ${version} ${pass.name}: ${formatCounts(r.counts)}`);
      for (const name of r.failedNames) lines.push(`  failed: ${name}`);
      for (const name of r.retried) lines.push(`  passed on re-run: ${name}`);
      for (const name of r.passedAlone) lines.push(`  failed in the parallel pass, passed alone: ${name}`);
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
  const first = runVitest(node, pass.name, pass.args, version);
  const files = failedFiles(first.report);
  // Re-run alone only when every failure is a named test or an unloaded file in a handful of files.
  const explained = first.report && first.counts.failed === first.failedNames.length;
  if (!pass.rerunFailedFilesAlone || files.length === 0 || files.length > MAX_RERUN_FILES || !explained) return first;
  // Without the command line's extra arguments: they may be file filters that would widen the re-run.
  const again = runVitest(node, `${pass.name}-alone`, [...files, '--no-file-parallelism'], version, []);
  const kept = withoutFiles(first.counts, first.report, files);
  const stillFailed = new Set(again.failedNames);
  return {
    counts: {
      passed: kept.passed + again.counts.passed,
      failed: kept.failed + again.counts.failed,
      skipped: kept.skipped + again.counts.skipped,
    },
    report: again.report,
    failedNames: again.failedNames.concat(again.report ? [] : ['the re-run of failed files wrote no results']),
    retried: first.retried.concat(again.retried),
    passedAlone: again.report ? first.failedNames.filter((n) => !stillFailed.has(n)) : [],
  };
}

function runVitest(node, label, args, version, extra = extraArgs) {
  const out = path.join(work, `${label}-${version}.json`);
  console.log(`\n▶ vitest ${label} on Node ${version}`);
  // The node under test comes first on PATH, so CLI tests that spawn `node` use it too.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const r = spawnSync(node, [vitest, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    console.error(`vitest ${label} on Node ${version} wrote no results (exit ${r.status ?? r.signal}): counted as 1 failure`);
  }
  return { counts: countRun(report, r.status), report, failedNames: failedTests(report), retried: retriedTests(report), passedAlone: [] };
}

