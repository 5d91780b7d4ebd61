import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORTERS, type ReportFormat } from '../../src/report/registry.js';
import { sampleReport } from './sample-report.js';

// Run with UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff before committing.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const GOLDEN_FILE: Record<ReportFormat, string> = {
  table: 'report.table.txt',
  json: 'report.json',
  sarif: 'report.sarif',
};

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

  it('has a golden file for every registered format', () => {
    expect(Object.keys(GOLDEN_FILE).sort()).toEqual(Object.keys(REPORTERS).sort());
  });
});
