import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORTERS, REPORT_FORMATS } from '../../src/report/registry.js';
import { docsExampleReport } from './sample-report.js';

// docs/reports.md shows real output; this fails when a reporter changes and the page does not.
const page = readFileSync(new URL('../../docs/reports.md', import.meta.url), 'utf8');

describe('docs/reports.md', () => {
  for (const format of REPORT_FORMATS) {
    it(`shows the current ${format} output of the example report`, () => {
      const lang = format === 'table' ? 'text' : 'json';
      const output = REPORTERS[format](docsExampleReport(), { color: false, width: 100 });
      expect(page).toContain(`\`\`\`${lang}\n${output}\`\`\``);
    });
  }
});
