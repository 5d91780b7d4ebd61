import type { Severity } from '../../core/result.js';
import { addDays } from './dates.js';
import { DEFAULT_SLA, type SlaPolicy } from './types.js';

/** The configured SLA over the defaults; a severity set to 0 or less is due the day it is found. */
export function effectiveSla(sla: SlaPolicy | undefined): SlaPolicy {
  return { ...DEFAULT_SLA, ...sla };
}

/** YYYY-MM-DD by which a finding of this severity first seen on `firstSeen` must be fixed; undefined when the SLA has no entry. */
export function dueDate(severity: Severity, firstSeen: string, sla: SlaPolicy): string | undefined {
  const days = sla[severity];
  return days === undefined ? undefined : addDays(firstSeen, Math.max(0, days));
}
