import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { countRun, failedFiles, failedTests, formatCounts, retriedTests, withoutFiles } from '../../scripts/test-summary.mjs';
import { tmpDir } from '../helpers/cli.js';

const FIXTURE = path.resolve('test/fixtures/test-summary');

describe('the closing line of npm test', () => {
  it('counts passed, failed, skipped and todo tests, and a file that fails to load as a failure, from a real vitest run', () => {
    const out = path.join(tmpDir(), 'r.json');
    const r = spawnSync(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--root', FIXTURE, '--reporter=json', `--outputFile.json=${out}`], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    const counts = countRun(JSON.parse(readFileSync(out, 'utf8')), r.status);
    // passing.test.ts: 1 passed, 1 skipped, 1 todo; failing.test.ts: 1 failed; broken-load.test.ts: 1 failed file.
    expect(counts).toEqual({ passed: 1, failed: 2, skipped: 2 });
    expect(formatCounts(counts)).toBe('1 passed, 2 failed, 2 skipped');
  });

  it('names each failed test and each file that did not load, so a cut CI log still says what failed', () => {
    const out = path.join(tmpDir(), 'r.json');
    spawnSync(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--root', FIXTURE, '--reporter=json', `--outputFile.json=${out}`], { encoding: 'utf8' });
    const names = failedTests(JSON.parse(readFileSync(out, 'utf8')));
    expect(names.sort()).toEqual(['test/fixtures/test-summary/broken-load.test.ts (did not load)', 'test/fixtures/test-summary/failing.test.ts > fails']);
  });

  it('takes the failed files out of a run\'s counts, so their re-run alone can stand in for them', () => {
    const out = path.join(tmpDir(), 'r.json');
    const r = spawnSync(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--root', FIXTURE, '--reporter=json', `--outputFile.json=${out}`], { encoding: 'utf8' });
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const files = failedFiles(report);
    expect(files.map((f: string) => path.basename(f)).sort()).toEqual(['broken-load.test.ts', 'failing.test.ts']);
    // Left: passing.test.ts alone (1 passed, 1 skipped, 1 todo).
    expect(withoutFiles(countRun(report, r.status), report, files)).toEqual({ passed: 1, failed: 0, skipped: 2 });
    expect(withoutFiles(countRun(report, r.status), report, files.filter((f: string) => f.endsWith('failing.test.ts')))).toEqual({ passed: 1, failed: 1, skipped: 2 });
  });

  it('a test that passed only on a re-run is counted as passed and named as re-run', () => {
    const out = path.join(tmpDir(), 'r.json');
    const root = path.resolve('test/fixtures/test-summary-retry');
    const r = spawnSync(process.execPath, [path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--root', root, '--retry=1', '--reporter=json', `--outputFile.json=${out}`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(countRun(report, r.status)).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(retriedTests(report)).toEqual(['test/fixtures/test-summary-retry/flaky.test.ts > passes on the second try']);
    expect(failedTests(report)).toEqual([]);
  });

  it('a run that exits non-zero with no failed test, or writes no report, counts as one failure', () => {
    const clean = { numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [] };
    expect(countRun(clean, 0)).toEqual({ passed: 3, failed: 0, skipped: 0 });
    expect(countRun(clean, 1)).toEqual({ passed: 3, failed: 1, skipped: 0 });
    expect(countRun(undefined, 1)).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });
});
