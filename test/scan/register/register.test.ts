import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/result.js';
import { applyRegister, gateFails, priorityOf, RISK_MATRIX, registerEvidence } from '../../../src/scan/register/index.js';

const NOW = new Date('2026-11-22T15:00:00Z');

function finding(over: Partial<Finding> = {}): Finding {
  return { ruleId: 'deps.GHSA-35jh-r3h4-6jhm', severity: 'high', message: 'lodash 4.17.15: command injection', location: { file: 'app/package-lock.json', line: 12 }, fingerprint: 'fp1', aliases: ['CVE-2021-23337'], ...over };
}

describe('suppressions', () => {
  const base = { reason: 'template() never called', owner: 'alice' };

  it('hides a finding matched by advisory alias until the expiry day (inclusive)', () => {
    const s = { ...base, id: 'CVE-2021-23337', expires: '2026-11-22' };
    const out = applyRegister([finding()], { suppressions: [s] }, NOW);
    expect(out.open).toEqual([]);
    expect(out.suppressed).toHaveLength(1);
    expect(out.suppressed[0]!.suppression).toBe(s);
    expect(out.unusedSuppressions).toEqual([]);
  });

  it('brings the finding back, flagged, the day after expiry', () => {
    const s = { ...base, id: 'deps.GHSA-*', expires: '2026-11-21' };
    const out = applyRegister([finding()], { suppressions: [s] }, NOW);
    expect(out.suppressed).toEqual([]);
    expect(out.open).toHaveLength(1);
    expect(out.open[0]!.suppressionExpired).toEqual({ reason: base.reason, owner: 'alice', expires: '2026-11-21' });
    expect(out.open[0]!.message).toContain('suppression expired 2026-11-21');
    expect(out.expiredSuppressions).toEqual([s]);
    expect(gateFails(out.open, 'high')).toBe(true);
  });

  it('narrows by path glob and by fingerprint; a non-matching suppression is reported unused', () => {
    const inOther = { ...base, id: 'deps.*', path: 'other/**', expires: '2027-01-01' };
    const byFp = { ...base, fingerprint: 'fp2', expires: '2027-01-01' };
    const out = applyRegister([finding(), finding({ fingerprint: 'fp2' })], { suppressions: [inOther, byFp] }, NOW);
    expect(out.open.map((f) => f.fingerprint)).toEqual(['fp1']);
    expect(out.unusedSuppressions).toEqual([inOther]);
    const inApp = { ...base, id: 'deps.*', path: 'app/*.json', expires: '2027-01-01' };
    expect(applyRegister([finding()], { suppressions: [inApp] }, NOW).open).toEqual([]);
  });

  it('never matches a suppression without id or fingerprint, nor a path on a URL finding', () => {
    const pathOnly = { ...base, path: '**', expires: '2027-01-01' };
    const urlFinding = finding({ location: { url: 'http://127.0.0.1/' } });
    const withPath = { ...base, id: 'deps.*', path: '**', expires: '2027-01-01' };
    expect(applyRegister([finding()], { suppressions: [pathOnly] }, NOW).open).toHaveLength(1);
    expect(applyRegister([urlFinding], { suppressions: [withPath] }, NOW).open).toHaveLength(1);
  });
});

describe('risk matrix', () => {
  it('maps severity x likelihood to priority as documented', () => {
    expect(priorityOf('critical', 'low')).toBe('P2');
    expect(priorityOf('critical')).toBe('P1');
    expect(priorityOf('high', 'high')).toBe('P1');
    expect(priorityOf('high')).toBe('P2');
    expect(priorityOf('medium', 'low')).toBe('P4');
    expect(priorityOf('low', 'high')).toBe('P3');
    expect(priorityOf('info', 'high')).toBe('P4');
  });

  it('is monotone: more severe or more likely never lowers the priority', () => {
    const sev = ['info', 'low', 'medium', 'high', 'critical'] as const;
    const lik = ['low', 'medium', 'high'] as const;
    const rank = (p: string) => Number(p.slice(1));
    for (let s = 0; s < sev.length; s++)
      for (let l = 0; l < lik.length; l++) {
        if (s > 0) expect(rank(RISK_MATRIX[sev[s]!][lik[l]!])).toBeLessThanOrEqual(rank(RISK_MATRIX[sev[s - 1]!][lik[l]!]));
        if (l > 0) expect(rank(RISK_MATRIX[sev[s]!][lik[l]!])).toBeLessThanOrEqual(rank(RISK_MATRIX[sev[s]!][lik[l - 1]!]));
      }
  });

  it('sets priority on open findings from their likelihood', () => {
    const out = applyRegister([finding({ likelihood: 'high' }), finding({ fingerprint: 'x', severity: 'medium', likelihood: 'low' })], {}, NOW);
    expect(out.open.map((f) => f.priority)).toEqual(['P1', 'P4']);
  });
});

describe('SLA due dates', () => {
  it('uses the defaults: critical 1 day, high 7, medium 30, none for low', () => {
    const out = applyRegister(
      (['critical', 'high', 'medium', 'low'] as const).map((severity, i) => finding({ severity, fingerprint: `f${i}` })),
      {},
      NOW,
    );
    expect(out.open.map((f) => f.due)).toEqual(['2026-11-23', '2026-11-29', '2026-12-22', undefined]);
    expect(out.open[0]!.message).toBe('lodash 4.17.15: command injection [P1, due 2026-11-23]');
    expect(out.open[3]!.message).toBe('lodash 4.17.15: command injection [P4]');
  });

  it('takes configured days and counts from first-seen; past due is marked overdue', () => {
    const out = applyRegister([finding()], { sla: { high: 3, low: 90 }, firstSeen: new Map([['fp1', '2026-11-01']]) }, NOW);
    expect(out.open[0]!.due).toBe('2026-11-04');
    expect(out.open[0]!.message).toContain('due 2026-11-04, OVERDUE');
    expect(registerEvidence(out, NOW)).toBe('1 overdue');
  });

  it('leaves messages alone with annotate: false', () => {
    const out = applyRegister([finding()], { annotate: false }, NOW);
    expect(out.open[0]!.message).toBe('lodash 4.17.15: command injection');
    expect(out.open[0]!.due).toBe('2026-11-29');
  });
});

describe('gate', () => {
  it('fails at or above the level only', () => {
    expect(gateFails([finding({ severity: 'medium' })], 'high')).toBe(false);
    expect(gateFails([finding({ severity: 'critical' })], 'high')).toBe(true);
    expect(gateFails([], 'info')).toBe(false);
  });
});

describe('scan.suppressions / scan.sla config', () => {
  it('normalises SLA values to days and checks suppressions', async () => {
    const { validateConfig } = await import('../../../src/core/config/index.js');
    const cfg = validateConfig({ scan: { sla: { high: '2w', medium: 10, low: '12h' }, suppressions: [{ id: 'CVE-1', reason: 'r', owner: 'o', expires: '2027-01-01' }] } });
    expect(cfg.scan!.sla).toEqual({ high: 14, medium: 10, low: 1 });
    expect(cfg.scan!.suppressions![0]!.expires).toBe('2027-01-01');
    const problems = (input: unknown): string => {
      try {
        validateConfig(input);
      } catch (e) {
        return [(e as Error).message, ...((e as { details?: string[] }).details ?? [])].join('\n');
      }
      return '';
    };
    expect(problems({ scan: { sla: { high: 'soon' } } })).toContain('scan.sla.high: expected a number of days or a string like "7d"');
    expect(problems({ scan: { suppressions: [{ reason: 'r', owner: 'o', expires: '2027-01-01' }] } })).toContain('scan.suppressions[0]: a suppression needs `id` or `fingerprint`');
  });
});
