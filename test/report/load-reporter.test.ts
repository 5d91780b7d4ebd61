import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { loadReporter } from '../../src/report/load-reporter.js';
import { getReporter, REPORT_FORMATS, REPORTERS } from '../../src/report/registry.js';

describe('loadReporter', () => {
  it('loads the same reporter the registry holds, for every --format value', async () => {
    for (const f of REPORT_FORMATS) expect(await loadReporter(f)).toBe(REPORTERS[f]);
  });

  it('rejects an unknown format with the registry’s usage error and suggestion', async () => {
    const err: unknown = await loadReporter('sarf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe('Unknown report format "sarf".');
    expect((err as UsageError).hint).toBe('Did you mean "sarif"? Valid formats: table, json, sarif, markdown, html, junit.');
    expect(() => getReporter('sarf')).toThrow('Unknown report format "sarf".');
    await expect(loadReporter('toString')).rejects.toThrow(UsageError);
  });
});
