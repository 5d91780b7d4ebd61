import type { CheckRefs, CheckStatus, Finding } from '../core/result.js';
import type { CheckCost } from './budget-plan.js';
import type { ProbeContext } from './context.js';

/** What one check decides: a status and the evidence for it (already masked by the context helpers). */
export interface CheckOutcome {
  status: CheckStatus;
  evidence: string;
  findings?: Finding[];
  /** What the check could not cover within its share of the budget, in words (for the run's coverage line). */
  uncovered?: string;
}

/** One probe check, one file under checks/: stable id, refs, one-line remediation, and the run function. */
export interface ProbeCheck {
  readonly id: string;
  readonly title: string;
  readonly category: 'Security' | 'Infrastructure';
  readonly refs: Required<CheckRefs>;
  readonly remediation: string;
  /** Requests it needs (min) and would use (max), for the budget planner; DEFAULT_COST when absent. */
  readonly cost?: CheckCost | ((ctx: ProbeContext) => CheckCost);
  /** Sends to discovered endpoints: the discovery pass runs (once) before the first such check. */
  readonly usesDiscovery?: boolean;
  run(ctx: ProbeContext): Promise<CheckOutcome>;
}

export const pass = (evidence: string): CheckOutcome => ({ status: 'pass', evidence });
export const warn = (evidence: string): CheckOutcome => ({ status: 'warn', evidence });
export const fail = (evidence: string): CheckOutcome => ({ status: 'fail', evidence });
export const skip = (evidence: string): CheckOutcome => ({ status: 'skip', evidence });

export { OWASP } from '../core/owasp.js';
