import { atOrAbove, type CheckResult, type Finding, type Severity } from '../../core/result.js';
import type { SastRule } from './rule.js';
import type { SastScanResult } from './scan.js';

/**
 * Checks for a report: one per rule that found something (so SARIF carries that rule's CWE and
 * OWASP tags), plus one summary check. `open` are the findings left after the register.
 */
export function sastChecks(result: SastScanResult, open: readonly Finding[], rules: readonly SastRule[], failOn: Severity, extraEvidence = ''): CheckResult[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of open) {
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  const meta = new Map(rules.map((r) => [r.id, r]));
  const checks: CheckResult[] = [];
  for (const [id, findings] of byRule) {
    const rule = meta.get(id);
    const failed = findings.some((f) => atOrAbove(f.severity, failOn));
    checks.push({
      id,
      title: rule?.title ?? 'Source file could not be fully parsed',
      category: 'Security',
      status: failed ? 'fail' : 'warn',
      evidence: `${findings.length} finding${findings.length === 1 ? '' : 's'}`,
      ...(rule ? { refs: { cwe: [rule.cwe], owasp: [rule.owasp] }, remediation: rule.remediation } : {}),
      findings,
    });
  }
  const skipped = result.skipped.length > 0 ? `; skipped ${result.skipped.length} (${[...new Set(result.skipped.map((s) => s.reason))].join(', ')})` : '';
  const allowed = result.allowed > 0 ? `; ${result.allowed} allowed inline` : '';
  checks.unshift({
    id: 'sast.scan',
    title: 'Static analysis (JavaScript, TypeScript, Python)',
    category: 'Security',
    // The summary passes: the per-rule checks carry fail/warn (a failing summary would add a SARIF result with no location).
    status: 'pass',
    evidence: `${result.files} files, ${rules.length} rules, ${open.length} open findings${allowed}${skipped}${extraEvidence ? `; ${extraEvidence}` : ''} in ${(result.durationMs / 1000).toFixed(2)} s`,
  });
  return checks;
}
