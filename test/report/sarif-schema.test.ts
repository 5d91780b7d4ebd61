import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sarif } from '../../src/report/reporters/sarif.js';
import { sampleRunReport } from './sample-run-report.js';
import { sampleReport } from './sample-report.js';

// The OASIS SARIF 2.1.0 JSON schema (draft-04), as Microsoft ships it in @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json).
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// The schema's language pattern is valid only without the u flag, as JSON Schema draft-04 tools read it.
// Both packages are CommonJS whose module object is also its own `.default`; TypeScript (NodeNext) sees the module object.
const Ajv = AjvDraft04.default;
const addFormats = formats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('sarif reporter against the SARIF 2.1.0 JSON schema', () => {
  for (const [name, report] of [['sample report', sampleReport()], ['run report', sampleRunReport()]] as const) {
    it(`${name} validates`, () => {
      const ok = validate(JSON.parse(sarif(report, { color: false })));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('the schema rejects a broken log (so the test above can fail)', () => {
    const log = JSON.parse(sarif(sampleReport(), { color: false }));
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    expect(validate(log)).toBe(false);
  });
});
