import type { CheckRefs, CheckStatus, Finding } from '../core/result.js';
import type { ProbeContext } from './context.js';

/** What one check decides: a status and the evidence for it (already masked by the context helpers). */
export interface CheckOutcome {
  status: CheckStatus;
  evidence: string;
  findings?: Finding[];
}

/** One probe check, one file under checks/: stable id, refs, one-line remediation, and the run function. */
export interface ProbeCheck {
  readonly id: string;
  readonly title: string;
  readonly category: 'Security' | 'Infrastructure';
  readonly refs: Required<CheckRefs>;
  readonly remediation: string;
  run(ctx: ProbeContext): Promise<CheckOutcome>;
}

export const pass = (evidence: string): CheckOutcome => ({ status: 'pass', evidence });
export const warn = (evidence: string): CheckOutcome => ({ status: 'warn', evidence });
export const fail = (evidence: string): CheckOutcome => ({ status: 'fail', evidence });
export const skip = (evidence: string): CheckOutcome => ({ status: 'skip', evidence });

/** OWASP Top 10 2021 categories the checks cite. */
export const OWASP = {
  A01: 'A01:2021-Broken Access Control',
  A02: 'A02:2021-Cryptographic Failures',
  A03: 'A03:2021-Injection',
  A04: 'A04:2021-Insecure Design',
  A05: 'A05:2021-Security Misconfiguration',
  A07: 'A07:2021-Identification and Authentication Failures',
  A10: 'A10:2021-Server-Side Request Forgery',
} as const;
