import { describe, expect, it } from 'vitest';
import { REPORT_FORMAT_NAMES } from '../../src/report/format-names.js';
import { REPORT_FORMATS, REPORTERS } from '../../src/report/registry.js';

describe('REPORT_FORMAT_NAMES (the light list commands offer as --format choices)', () => {
  it('names exactly the registered reporters, in the same order', () => {
    expect([...REPORT_FORMAT_NAMES]).toEqual(Object.keys(REPORTERS));
    expect(REPORT_FORMATS).toEqual([...REPORT_FORMAT_NAMES]);
  });
});
