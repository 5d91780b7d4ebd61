/** The gate's answer and why, as reports and scripts read it; report/verdict.ts computes it. */
export const VERDICTS = ['READY', 'READY_WITH_WARNINGS', 'NOT_READY'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VerdictReason {
  level: 'blocker' | 'warning' | 'info';
  /** Stable code for scripts: critical-findings, exposed-secrets, high-unaccepted, acceptance-expired, ... */
  code: string;
  message: string;
  /** The checks (ids) and findings (fingerprints) behind the reason. */
  checks: string[];
  fingerprints: string[];
}

export interface VerdictResult {
  verdict: Verdict;
  reasons: VerdictReason[];
}
