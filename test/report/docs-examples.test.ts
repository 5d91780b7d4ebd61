import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORTERS, REPORT_FORMATS } from '../../src/report/registry.js';
import { docsExampleReport } from './sample-report.js';

// docs/reports.md shows real output; this fails when a reporter changes and the page does not.
const page = readFileSync(new URL('../../docs/reports.md', import.meta.url), 'utf8');

describe('docs/reports.md', () => {
  // report.html is a whole page (inline CSS, script, charts): the page describes it and golden/report.html pins it.
  const LANG: Record<string, string> = { table: 'text', json: 'json', sarif: 'json', markdown: 'markdown', junit: 'xml' };
  for (const format of REPORT_FORMATS.filter((f) => f !== 'html')) {
    it(`shows the current ${format} output of the example report`, () => {
      const lang = LANG[format]!;
      const output = REPORTERS[format](docsExampleReport(), { color: false, width: 100 });
      expect(page).toContain(`\`\`\`${lang}\n${output}\`\`\``);
    });
  }
});
