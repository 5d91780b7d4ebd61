import { atOrAbove, type CheckResult, type Finding, type Severity } from '../../core/result.js';
import type { IacRule } from './rule.js';
import type { IacScanResult } from './scan.js';

const PARSE = { title: 'IaC file could not be parsed', remediation: 'Fix the syntax so the file can be checked (and deployed).' };

/** One check per rule that found something (with its CWE), plus a summary check. */
export function iacChecks(result: IacScanResult, open: readonly Finding[], rules: readonly IacRule[], failOn: Severity, extraEvidence = ''): CheckResult[] {
  const meta = new Map(rules.map((r) => [r.id, r]));
  const byRule = new Map<string, Finding[]>();
  for (const f of open) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const checks: CheckResult[] = [];
  for (const [id, findings] of byRule) {
    const rule = meta.get(id);
    checks.push({
      id,
      title: rule?.title ?? PARSE.title,
      category: 'Infrastructure',
      status: findings.some((f) => atOrAbove(f.severity, failOn)) ? 'fail' : 'warn',
      evidence: `${findings.length} finding${findings.length === 1 ? '' : 's'}`,
      refs: { ...(rule?.cwe ? { cwe: [rule.cwe] } : {}), owasp: ['A05:2021-Security Misconfiguration'] },
      remediation: rule?.remediation ?? PARSE.remediation,
      findings,
    });
  }
  const { dockerfile, compose, k8s } = result.files;
  checks.unshift({
    id: 'iac.scan',
    title: 'Container and Kubernetes configuration',
    category: 'Infrastructure',
    // The summary passes: the per-rule checks carry fail/warn (a failing summary would add a SARIF result with no location).
    status: 'pass',
    evidence: `${dockerfile} Dockerfiles, ${compose} compose files, ${k8s} Kubernetes manifests; ${open.length} open findings${result.allowed ? `; ${result.allowed} allowed inline` : ''}${extraEvidence ? `; ${extraEvidence}` : ''}`,
  });
  return checks;
}
