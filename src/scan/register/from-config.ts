import type { ScanConfig } from '../../core/config/scan-section.js';
import type { RegisterOutcome, RegisterPolicy } from './types.js';

/** The register policy a scan command uses: `scan.suppressions` and `scan.sla` from the config. */
export function registerPolicyFromConfig(scan: ScanConfig | undefined, extra: Partial<RegisterPolicy> = {}): RegisterPolicy {
  return { suppressions: scan?.suppressions ?? [], sla: scan?.sla, ...extra };
}

/** One line for a check's evidence: what the register hid and what came back. */
export function registerEvidence(outcome: RegisterOutcome, now: Date = new Date()): string {
  const bits: string[] = [];
  if (outcome.suppressed.length > 0) bits.push(`${outcome.suppressed.length} suppressed`);
  const back = outcome.open.filter((f) => f.suppressionExpired).length;
  if (back > 0) bits.push(`${back} back after an expired suppression`);
  const overdue = outcome.open.filter((f) => f.due !== undefined && f.due < now.toISOString().slice(0, 10)).length;
  if (overdue > 0) bits.push(`${overdue} overdue`);
  return bits.join(', ');
}
