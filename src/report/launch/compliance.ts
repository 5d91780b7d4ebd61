import type { CheckRefs, CheckResult } from '../../core/result.js';

/**
 * Control ids a launch review maps each check to: OWASP Top 10 2021, SOC 2 (2017 Trust Services
 * Criteria) and ISO/IEC 27001:2022 Annex A. A check's own refs win; otherwise the first rule whose
 * prefix matches the check id (or its category) supplies them.
 */
interface Mapping {
  prefix: string[];
  owasp: string[];
  soc2: string[];
  iso27001: string[];
}

const MAPPINGS: Mapping[] = [
  { prefix: ['secrets', 'secret'], owasp: ['A07:2021'], soc2: ['CC6.1'], iso27001: ['A.5.17', 'A.8.4'] },
  { prefix: ['deps', 'sca'], owasp: ['A06:2021'], soc2: ['CC7.1'], iso27001: ['A.8.8'] },
  { prefix: ['sast'], owasp: ['A03:2021'], soc2: ['CC8.1'], iso27001: ['A.8.28'] },
  { prefix: ['iac', 'docker', 'k8s'], owasp: ['A05:2021'], soc2: ['CC7.1'], iso27001: ['A.8.9'] },
  { prefix: ['tls'], owasp: ['A02:2021'], soc2: ['CC6.7'], iso27001: ['A.8.24'] },
  { prefix: ['waf', 'injection', 'sqli', 'xss'], owasp: ['A03:2021'], soc2: ['CC6.6'], iso27001: ['A.8.20'] },
  { prefix: ['auth', 'ratelimit', 'rate-limit', 'cookies'], owasp: ['A07:2021'], soc2: ['CC6.1'], iso27001: ['A.8.5'] },
  { prefix: ['ssrf'], owasp: ['A10:2021'], soc2: ['CC6.6'], iso27001: ['A.8.20'] },
  { prefix: ['headers', 'cors', 'exposed', 'probe'], owasp: ['A05:2021'], soc2: ['CC6.6'], iso27001: ['A.8.9'] },
  { prefix: ['load', 'checklist.performance'], owasp: [], soc2: ['A1.1', 'A1.2'], iso27001: ['A.8.6'] },
  { prefix: ['docs', 'checklist.documentation'], owasp: [], soc2: ['CC2.2'], iso27001: ['A.5.37'] },
  { prefix: ['checklist.monitoring', 'monitoring'], owasp: ['A09:2021'], soc2: ['CC7.2'], iso27001: ['A.8.15', 'A.8.16'] },
  { prefix: ['checklist.infrastructure', 'run'], owasp: [], soc2: ['A1.2', 'CC9.1'], iso27001: ['A.8.14'] },
  { prefix: ['checklist.security'], owasp: [], soc2: ['CC6.1'], iso27001: ['A.5.8'] },
];

export function complianceFor(check: CheckResult): Required<Pick<CheckRefs, 'owasp' | 'soc2' | 'iso27001'>> {
  const id = check.id.toLowerCase();
  const m = MAPPINGS.find((x) => x.prefix.some((p) => id === p || id.startsWith(`${p}.`) || id.startsWith(`${p}:`) || id.startsWith(`${p}-`)));
  const pick = (own: string[] | undefined, fallback: string[] | undefined) => (own && own.length > 0 ? own : (fallback ?? []));
  return { owasp: pick(check.refs?.owasp, m?.owasp), soc2: pick(check.refs?.soc2, m?.soc2), iso27001: pick(check.refs?.iso27001, m?.iso27001) };
}
