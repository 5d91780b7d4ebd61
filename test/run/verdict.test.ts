import { describe, expect, it } from 'vitest';
import type { PolicyConfig } from '../../src/core/config/policy-section.js';
import { AREA_TITLES, type Area, type AreaCoverage } from '../../src/core/coverage.js';
import type { CheckResult, Finding, Severity } from '../../src/core/result.js';
import type { Verdict } from '../../src/core/verdict.js';
import { computeVerdict } from '../../src/report/verdict.js';

const finding = (ruleId: string, severity: Severity, fingerprint = `${ruleId}-${severity}`): Finding => ({ ruleId, severity, message: 'm', location: { file: 'a.ts', line: 1 }, fingerprint });
const check = (id: string, status: CheckResult['status'], findings: Finding[] = [], category = 'Security'): CheckResult => ({ id, title: id, category, status, evidence: 'e', findings });

const pass = check('tls.versions', 'pass');
const threshOk: CheckResult = { ...check('load.threshold:http_req_duration:p(95)<500', 'pass', [], 'Performance'), role: 'threshold' };
const threshFail: CheckResult = { ...check('load.threshold:http_req_duration:p(95)<500', 'fail', [], 'Performance'), role: 'threshold' };
const critical = check('sast', 'fail', [finding('sast.eval', 'critical')]);
const secretLow = check('secrets', 'warn', [finding('secrets.generic', 'low')]);
const high = check('deps', 'fail', [finding('deps.CVE-1', 'high', 'fp-high')]);
const medium = check('headers', 'warn', [finding('headers.csp', 'medium')]);
const failedDocs = check('docs.links', 'fail', [], 'Documentation');
const manualOpen: CheckResult = { ...check('checklist.monitoring.alerts', 'warn', [], 'Monitoring'), role: 'checklist' };
const manualDone: CheckResult = { ...check('checklist.monitoring.alerts', 'pass', [], 'Monitoring'), role: 'checklist' };
const checklistFail: CheckResult = { ...check('checklist.performance.p95', 'fail', [], 'Performance'), role: 'checklist' };
const accept = (expires: string, by: Partial<{ fingerprint: string; ruleId: string }> = { fingerprint: 'fp-high' }): PolicyConfig => ({ accept: [{ ...by, owner: 'alice', expires }] });

interface Row {
  name: string;
  checks: CheckResult[];
  policy?: PolicyConfig;
  strict?: boolean;
  skipped?: string[];
  failedParts?: { name: string; reason: string }[];
  coverage?: AreaCoverage[];
  require?: string[];
  verdict: Verdict;
  codes: string[];
}

const area = (a: Area, part: string, status: AreaCoverage['status']): AreaCoverage => ({ area: a, title: AREA_TITLES[a], part, status, detail: `${part} ${status}` });
const perfOk = area('performance', 'load', 'passed');
const perfFailed = area('performance', 'load', 'failed');
const secretsSkipped = area('secrets', 'secrets', 'not-covered');
const probeEmpty = area('live-security', 'probe', 'not-covered');
const allCovered = (['performance', 'dependencies', 'code', 'secrets', 'config', 'live-security', 'docs'] as const).map((a, i) => area(a, ['load', 'deps', 'sast', 'secrets', 'iac', 'probe', 'docs'][i]!, 'passed'));

const TODAY = '2026-06-01';
const TABLE: Row[] = [
  { name: 'everything passes', checks: [pass, threshOk, manualDone], verdict: 'READY', codes: [] },
  { name: 'no checks at all', checks: [], verdict: 'READY', codes: [] },
  { name: 'one critical finding', checks: [pass, critical], verdict: 'NOT_READY', codes: ['critical-findings'] },
  { name: 'critical allowed by policy, but its check still failed', checks: [critical], policy: { maxCritical: 1 }, verdict: 'NOT_READY', codes: ['check-failed'] },
  { name: 'an exposed secret, even low severity', checks: [secretLow], verdict: 'NOT_READY', codes: ['exposed-secrets'] },
  { name: 'secrets allowed by policy leave a warning', checks: [secretLow], policy: { maxSecrets: 1 }, verdict: 'READY_WITH_WARNINGS', codes: ['check-warned'] },
  { name: 'high finding, not accepted', checks: [high], verdict: 'NOT_READY', codes: ['high-unaccepted'] },
  { name: 'high finding accepted until a future date', checks: [high], policy: accept('2026-12-31'), verdict: 'READY_WITH_WARNINGS', codes: ['check-warned', 'accepted-risk'] },
  { name: 'acceptance valid through its expiry day', checks: [high], policy: accept(TODAY), verdict: 'READY_WITH_WARNINGS', codes: ['check-warned', 'accepted-risk'] },
  { name: 'acceptance expired yesterday', checks: [high], policy: accept('2026-05-31'), verdict: 'NOT_READY', codes: ['acceptance-expired'] },
  { name: 'acceptance by rule id', checks: [high], policy: accept('2026-12-31', { ruleId: 'deps.CVE-1' }), verdict: 'READY_WITH_WARNINGS', codes: ['check-warned', 'accepted-risk'] },
  { name: 'acceptance for another fingerprint does not count', checks: [high], policy: accept('2026-12-31', { fingerprint: 'other' }), verdict: 'NOT_READY', codes: ['high-unaccepted'] },
  { name: 'high: warn policy', checks: [high], policy: { high: 'warn' }, verdict: 'READY_WITH_WARNINGS', codes: ['high-unaccepted'] },
  { name: 'high: ignore policy, check warns', checks: [check('deps', 'warn', [finding('deps.x', 'high')])], policy: { high: 'ignore' }, verdict: 'READY_WITH_WARNINGS', codes: ['check-warned'] },
  { name: 'failed performance threshold', checks: [threshFail], verdict: 'NOT_READY', codes: ['threshold-failed'] },
  { name: 'failed threshold downgraded by policy', checks: [threshFail], policy: { thresholds: 'warn' }, verdict: 'READY_WITH_WARNINGS', codes: ['threshold-failed'] },
  { name: 'any other failed check', checks: [failedDocs], verdict: 'NOT_READY', codes: ['check-failed'] },
  { name: 'other failed checks downgraded by policy', checks: [failedDocs], policy: { failedChecks: 'warn' }, verdict: 'READY_WITH_WARNINGS', codes: ['check-failed'] },
  { name: 'medium finding warns', checks: [medium], verdict: 'READY_WITH_WARNINGS', codes: ['check-warned'] },
  { name: 'medium finding under --strict', checks: [medium], strict: true, verdict: 'NOT_READY', codes: ['strict', 'check-warned'] },
  { name: 'unattested manual checklist item warns', checks: [pass, manualOpen], verdict: 'READY_WITH_WARNINGS', codes: ['checklist-open'] },
  { name: 'unattested item under --strict', checks: [manualOpen], strict: true, verdict: 'NOT_READY', codes: ['strict', 'checklist-open'] },
  { name: 'failed checklist item is not counted twice', checks: [threshFail, checklistFail], verdict: 'NOT_READY', codes: ['threshold-failed'] },
  { name: '--strict with nothing to warn about', checks: [pass], strict: true, verdict: 'READY', codes: [] },
  { name: 'a part that errored', checks: [check('run.load', 'fail', [], 'Infrastructure')], failedParts: [{ name: 'load', reason: 'refused' }], verdict: 'NOT_READY', codes: ['part-error'] },
  { name: 'a required part was skipped', checks: [pass], policy: { requireParts: ['secrets'] }, skipped: ['secrets'], verdict: 'NOT_READY', codes: ['required-part-skipped'] },
  { name: 'a skipped part that is not required (no coverage given)', checks: [pass], skipped: ['secrets'], verdict: 'READY', codes: [] },
  { name: 'every area covered and passing', checks: [pass, threshOk], coverage: allCovered, verdict: 'READY', codes: [] },
  { name: 'a passing load test alone: security not covered', checks: [threshOk], coverage: [perfOk, secretsSkipped, probeEmpty], skipped: ['secrets'], verdict: 'READY_WITH_WARNINGS', codes: ['area-not-covered'] },
  { name: 'an uncovered area under --strict', checks: [threshOk], coverage: [perfOk, secretsSkipped], skipped: ['secrets'], strict: true, verdict: 'NOT_READY', codes: ['area-not-covered', 'strict'] },
  { name: 'verdict.require: a required part skipped', checks: [threshOk], coverage: [perfOk, secretsSkipped], skipped: ['secrets'], require: ['secrets'], verdict: 'NOT_READY', codes: ['required-part-skipped'] },
  { name: 'verdict.require: a required part ran but every check skipped', checks: [threshOk], coverage: [perfOk, probeEmpty], require: ['probe'], verdict: 'NOT_READY', codes: ['required-area-not-covered'] },
  { name: 'policy.requireParts requires coverage as verdict.require does', checks: [threshOk], coverage: [perfOk, probeEmpty], policy: { requireParts: ['probe'] }, verdict: 'NOT_READY', codes: ['required-area-not-covered'] },
  { name: 'a required area that is covered', checks: [threshOk], coverage: [perfOk, secretsSkipped], skipped: ['secrets'], require: ['load'], verdict: 'READY_WITH_WARNINGS', codes: ['area-not-covered'] },
  { name: 'a skipped image part when deps covers the dependencies area: no warning', checks: [pass, threshOk], coverage: [...allCovered, area('dependencies', 'image', 'not-covered')], skipped: ['image'], verdict: 'READY', codes: [] },
  { name: 'a skipped image part that is required blocks even though deps covers the area', checks: [pass, threshOk], coverage: [...allCovered, area('dependencies', 'image', 'not-covered')], skipped: ['image'], require: ['image'], verdict: 'NOT_READY', codes: ['required-part-skipped'] },
  { name: 'a failed area is covered: its failure is the reason, not coverage', checks: [threshFail], coverage: [perfFailed], require: ['load'], verdict: 'NOT_READY', codes: ['threshold-failed'] },
];

describe('verdict policy (table)', () => {
  for (const row of TABLE) {
    it(`${row.name} → ${row.verdict}`, () => {
      const v = computeVerdict({ checks: row.checks, policy: row.policy, strict: row.strict, today: TODAY, skippedParts: row.skipped, failedParts: row.failedParts, coverage: row.coverage, require: row.require });
      expect(v.verdict).toBe(row.verdict);
      expect(v.reasons.map((r) => r.code).sort()).toEqual([...row.codes].sort());
    });
  }

  it('names every uncovered area in one warning, and each required one in its own blocker', () => {
    const v = computeVerdict({ checks: [threshOk], coverage: [perfOk, secretsSkipped, probeEmpty], skippedParts: ['secrets'], require: ['probe'], today: TODAY });
    expect(v.reasons.map((r) => [r.level, r.code, r.message])).toEqual([
      ['blocker', 'required-area-not-covered', 'live security is required (probe) but not covered: probe not-covered'],
      ['warning', 'area-not-covered', '1 area not covered: secret scan (no evidence either way; `verdict.require` makes an area mandatory)'],
    ]);
  });

  it('orders reasons blockers first and names the findings behind them', () => {
    const v = computeVerdict({ checks: [medium, critical, manualOpen], today: TODAY });
    expect(v.reasons.map((r) => r.level)).toEqual(['blocker', 'warning', 'warning']);
    expect(v.reasons[0]!.fingerprints).toEqual(['sast.eval-critical']);
    expect(v.reasons[0]!.checks).toEqual(['sast']);
  });
});
