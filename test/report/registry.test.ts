import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { getReporter, isReportFormat, REPORT_FORMATS, REPORTERS } from '../../src/report/registry.js';

function thrown(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('reporter registry', () => {
  it('lists table, json, sarif, markdown, html and junit as the --format values', () => {
    expect(REPORT_FORMATS).toEqual(['table', 'json', 'sarif', 'markdown', 'html', 'junit']);
    for (const f of REPORT_FORMATS) expect(getReporter(f)).toBe(REPORTERS[f]);
  });

  it('suggests the closest format for a typo and lists the valid ones', () => {
    const err = thrown(() => getReporter('sarf'));
    expect(err.code).toBe('GONOGO_USAGE');
    expect(err.message).toBe('Unknown report format "sarf".');
    expect(err.where).toBe('--format');
    expect(err.hint).toBe('Did you mean "sarif"? Valid formats: table, json, sarif, markdown, html, junit.');
  });

  it('lists the valid formats when nothing is close', () => {
    expect(thrown(() => getReporter('yaml')).hint).toBe('Valid formats: table, json, sarif, markdown, html, junit.');
  });

  it('does not accept inherited object keys as formats', () => {
    expect(isReportFormat('constructor')).toBe(false);
    expect(isReportFormat('__proto__')).toBe(false);
    expect(() => getReporter('toString')).toThrow(UsageError);
  });
});
