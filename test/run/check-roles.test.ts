import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import type { Part } from '../../src/core/part.js';
import type { CheckResult } from '../../src/core/result.js';
import { loadChecks } from '../../src/load/checks.js';
import { computeVerdict } from '../../src/report/verdict.js';
import { evaluateChecklist } from '../../src/run/checklist.js';
import { runParts } from '../../src/run/run-parts.js';
import { sampleLoadResult } from '../load/sample-load-result.js';

// A check's role (threshold, checklist item) and its part travel with it; nothing is guessed from its id.
describe('check roles and parts are carried, not guessed', () => {
  it('loadChecks marks exactly its threshold checks', () => {
    const checks = loadChecks(sampleLoadResult());
    expect(checks.filter((c) => c.role === 'threshold').map((c) => c.id)).toEqual(checks.filter((c) => c.id.startsWith('load.threshold:')).map((c) => c.id));
    expect(checks.find((c) => c.id === 'load.errors')!.role).toBeUndefined();
  });

  it('a checklist threshold item binds only to threshold checks, whatever another check is called', () => {
    const cfg = validateConfig({ checklist: { Performance: [{ title: 'p95', threshold: 'p(95)<500' }] } });
    const lookalike: CheckResult = { id: 'load.threshold:http_req_duration:p(95)<500', title: 'http_req_duration p(95)<500', category: 'Performance', status: 'fail', evidence: 'not a threshold' };
    expect(evaluateChecklist(cfg.checklist!, [lookalike], '2026-01-01')[0]).toMatchObject({ status: 'warn', role: 'checklist' });
    expect(evaluateChecklist(cfg.checklist!, [{ ...lookalike, role: 'threshold' }], '2026-01-01')[0]).toMatchObject({ status: 'fail' });
  });

  it('the verdict applies the threshold policy by role: policy.thresholds "warn" softens a threshold, not a look-alike', () => {
    const failed: CheckResult = { id: 'load.threshold:http_req_duration:p(95)<500', title: 't', category: 'Performance', status: 'fail', evidence: 'e' };
    const policy = { thresholds: 'warn' as const };
    expect(computeVerdict({ checks: [{ ...failed, role: 'threshold' }], policy, today: '2026-01-01' }).verdict).toBe('READY_WITH_WARNINGS');
    expect(computeVerdict({ checks: [failed], policy, today: '2026-01-01' }).verdict).toBe('NOT_READY');
  });

  it('the part loop stamps each check with the part that produced it', async () => {
    const part: Part = { name: 'sast', title: 'Static analysis', skipReason: () => undefined, run: async () => ({ checks: [{ id: 'x', title: 'x', category: 'Security', status: 'pass', evidence: '' }] }) };
    const { runs } = await runParts({ names: ['sast'], parts: { sast: async () => part }, context: { config: {}, root: '/tmp', scale: 1, signal: new AbortController().signal, log: () => {} } });
    expect(runs[0]!.outcome!.checks[0]!.part).toBe('sast');
  });
});
