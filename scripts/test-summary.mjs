// Counting one vitest run for the closing line of `npm test` (scripts/test.mjs).

/**
 * Passed, failed and skipped tests of one vitest JSON report. A file that failed to load has no test results
 * of its own and counts as one failure; a run that exited non-zero with nothing counted as failed (an unhandled
 * error, a crash) counts as one failure; a missing report (undefined) is one failure.
 */
export function countRun(report, exitStatus) {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const counts = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) counts.failed += 1;
  }
  if (exitStatus !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

export function formatCounts(c) {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/**
 * The names of what failed in one vitest JSON report ("file > test title", or "file (did not load)"), so the
 * closing lines say WHICH test failed even when a CI log keeps only its tail.
 */
export function failedTests(report) {
  const names = [];
  for (const file of report?.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    if (file.status === 'failed' && tests.length === 0) names.push(`${shortName(file)} (did not load)`);
    for (const a of tests) if (a.status === 'failed') names.push(`${shortName(file)} > ${a.fullName ?? a.title}`);
  }
  return names;
}

/** Tests that passed only on a re-run (`--retry`): vitest keeps the failed attempts' messages on a passed test. */
export function retriedTests(report) {
  const names = [];
  for (const file of report?.testResults ?? []) {
    for (const a of file.assertionResults ?? []) {
      if (a.status === 'passed' && (a.failureMessages ?? []).length > 0) names.push(`${shortName(file)} > ${a.fullName ?? a.title}`);
    }
  }
  return names;
}

/** The files (as vitest names them) that hold a failed test or failed to load. */
export function failedFiles(report) {
  return (report?.testResults ?? []).filter((f) => f.status === 'failed').map((f) => String(f.name));
}

/**
 * Counts of one run with the named files taken out, for replacing them by a re-run's counts. Each file's tests are
 * counted from its own results; a file that failed to load counts as one failure, as in countRun.
 */
export function withoutFiles(counts, report, files) {
  const c = { ...counts };
  for (const file of report?.testResults ?? []) {
    if (!files.includes(String(file.name))) continue;
    const tests = file.assertionResults ?? [];
    if (file.status === 'failed' && tests.length === 0) c.failed -= 1;
    for (const a of tests) {
      if (a.status === 'passed') c.passed -= 1;
      else if (a.status === 'failed') c.failed -= 1;
      else c.skipped -= 1;
    }
  }
  return c;
}

// The path from the last `test/` folder on, or the base name: short enough for a CI log line.
function shortName(file) {
  const name = String(file.name ?? '?');
  const at = name.lastIndexOf('/test/');
  return at >= 0 ? name.slice(at + 1) : name.split('/').pop();
}
