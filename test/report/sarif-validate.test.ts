import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sarif } from '../../src/report/reporters/sarif.js';
import { sampleReport } from './sample-report.js';
import { sampleRunReport } from './sample-run-report.js';

// The package's default export is the path of the native validator. We call it directly:
// node_modules/.bin/sarif-multitool goes through a shell, which splits "Sarif;Gh" at the ';'.
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
const dir = mkdtempSync(join(tmpdir(), 'gonogo-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Validate with the SARIF spec rules plus GitHub's ingestion rules (GH*); return what the validator logged. */
let runs = 0;
async function validate(text: string): Promise<{ results: ValidatorResult[]; ok: boolean }> {
  runs++;
  const input = join(dir, `in-${runs}.sarif`);
  const output = join(dir, `out-${runs}.sarif`);
  writeFileSync(input, text);
  // It exits 0 even when it logs errors, so the verdict comes from its own SARIF output.
  await promisify(execFile)(multitool, ['validate', input, '--output', output, '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite'], {
    timeout: 120_000,
  });
  const log = JSON.parse(readFileSync(output, 'utf8'));
  const run = log.runs[0];
  const failedToRun = (run.invocations ?? []).some((i: { executionSuccessful?: boolean }) => i.executionSuccessful === false);
  return { results: run.results ?? [], ok: !failedToRun };
}

describe('sarif reporter against Microsoft SARIF Multitool', () => {
  it('produces a log with no validator errors (SARIF and GitHub rule sets)', async () => {
    const { results, ok } = await validate(sarif(sampleReport(), { color: false }));
    expect(ok).toBe(true);
    // SARIF's default level is "warning"; only explicit errors fail the test.
    const errors = results.filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.arguments?.join(' | ')}`);
    expect(errors).toEqual([]);
    // The only advice we accept: a location with no known line (a whole file, a URL) has no region.
    expect(results.filter((r) => r.ruleId !== 'SARIF2017')).toEqual([]);
  });

  it('results.sarif of a run (checklist, probe and load checks) has no validator errors either', async () => {
    const { results, ok } = await validate(sarif(sampleRunReport(), { color: false, configFile: 'gonogo.config.yaml' }));
    expect(ok).toBe(true);
    expect(results.filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.arguments?.join(' | ')}`)).toEqual([]);
  });

  it('the validator itself catches a broken log (so the test above can fail)', async () => {
    const broken = JSON.parse(sarif(sampleReport(), { color: false }));
    delete broken.runs[0].tool.driver.rules[0].help;
    broken.runs[0].results[0].locations[0].physicalLocation.region = { startLine: 0 };
    const { results } = await validate(JSON.stringify(broken));
    expect(results.filter((r) => r.level === 'error').length).toBeGreaterThan(0);
  });
});
