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
