import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORTERS, type ReportFormat } from '../../src/report/registry.js';
import { runReportJson } from '../../src/report/run-json.js';
import { sampleReport } from './sample-report.js';
import { readyRunReport, sampleRunReport } from './sample-run-report.js';

// Run with UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff before committing.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const GOLDEN_FILE: Record<ReportFormat, string> = {
  table: 'report.table.txt',
  json: 'report.json',
  sarif: 'report.sarif',
  markdown: 'report.md',
  html: 'report.html',
  junit: 'report.junit.xml',
};

/** Run reports (verdict, parts, load timeline) through the reporters that know about runs, plus report.json. */
const RUN_GOLDEN: [string, () => string][] = [
  ['run-report.md', () => REPORTERS.markdown(sampleRunReport(), { color: false })],
  ['run-report.html', () => REPORTERS.html(sampleRunReport(), { color: false })],
  ['run-ready.md', () => REPORTERS.markdown(readyRunReport(), { color: false })],
  ['run-ready.html', () => REPORTERS.html(readyRunReport(), { color: false })],
  ['run-junit.xml', () => REPORTERS.junit(sampleRunReport(), { color: false })],
  ['run-results.sarif', () => REPORTERS.sarif(sampleRunReport(), { color: false })],
  ['run-report.json', () => runReportJson(sampleRunReport())],
];

describe('golden files', () => {
  for (const format of Object.keys(GOLDEN_FILE) as ReportFormat[]) {
    it(`${format} output matches golden/${GOLDEN_FILE[format]}`, () => {
      const actual = REPORTERS[format](sampleReport(), { color: false, width: 100 });
      const path = join(GOLDEN_DIR, GOLDEN_FILE[format]);
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(path, actual);
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }

  for (const [file, render] of RUN_GOLDEN) {
    it(`run report matches golden/${file}`, () => {
      const actual = render();
      const path = join(GOLDEN_DIR, file);
      if (UPDATE) writeFileSync(path, actual);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }

  it('has a golden file for every registered format', () => {
    expect(Object.keys(GOLDEN_FILE).sort()).toEqual(Object.keys(REPORTERS).sort());
  });
});
