import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderLoadSummary } from '../../src/cli/load-summary.js';
import { loadChecks } from '../../src/load/checks.js';
import { endpointsCsv, timelineCsv } from '../../src/load/csv.js';
import { sampleLoadResult } from './sample-load-result.js';

// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
const golden = (name: string, actual: string) => {
  const url = new URL(`golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
};

describe('load output golden files', () => {
  it('terminal summary', () => golden('summary.txt', renderLoadSummary(sampleLoadResult(), false)));
  it('endpoints CSV', () => golden('endpoints.csv', endpointsCsv(sampleLoadResult())));
  it('timeline CSV', () => golden('timeline.csv', timelineCsv(sampleLoadResult())));
  it('check roll-up', () => golden('checks.json', JSON.stringify(loadChecks(sampleLoadResult()), null, 2) + '\n'));

  it('colour only when asked', () => {
    expect(renderLoadSummary(sampleLoadResult(), false)).not.toContain('\x1b[');
    expect(renderLoadSummary(sampleLoadResult(), true)).toContain('\x1b[31m');
  });

  it('CSV quotes names that hold commas or quotes', () => {
    const r = sampleLoadResult();
    r.endpoints[0]!.name = 'GET /a,"b"';
    expect(endpointsCsv(r).split('\n')[1]).toMatch(/^"GET \/a,""b""",2996,/);
  });
});
