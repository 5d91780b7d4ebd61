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

export { OWASP } from '../core/owasp.js';
