import { atOrAbove, type Finding, type Severity } from '../../core/result.js';

/** The gate every scan command applies: fails when an open finding is at or above `failOn`. */
export function gateFails(open: readonly Finding[], failOn: Severity): boolean {
  return open.some((f) => atOrAbove(f.severity, failOn));
}

/** Default fail level for scans (DESIGN.md / scan.failOn). */
export const DEFAULT_FAIL_ON: Severity = 'high';
