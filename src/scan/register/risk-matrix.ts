import type { Severity } from '../../core/result.js';
import type { Likelihood, Priority } from './types.js';

/**
 * Priority = impact (the finding's severity) x likelihood of exploitation. The table is the one
 * documented in docs/remediation.md; change both together.
 *
 *              likelihood: low   medium   high
 *   critical               P2    P1       P1
 *   high                   P3    P2       P1
 *   medium                 P4    P3       P2
 *   low                    P4    P4       P3
 *   info                   P4    P4       P4
 */
export const RISK_MATRIX: Readonly<Record<Severity, Readonly<Record<Likelihood, Priority>>>> = {
  critical: { low: 'P2', medium: 'P1', high: 'P1' },
  high: { low: 'P3', medium: 'P2', high: 'P1' },
  medium: { low: 'P4', medium: 'P3', high: 'P2' },
  low: { low: 'P4', medium: 'P4', high: 'P3' },
  info: { low: 'P4', medium: 'P4', high: 'P4' },
};

export const LIKELIHOODS: readonly Likelihood[] = ['low', 'medium', 'high'];

export function priorityOf(severity: Severity, likelihood: Likelihood = 'medium'): Priority {
  return RISK_MATRIX[severity][likelihood];
}
