import type { Finding } from '../../core/result.js';
import { toIsoDate } from './dates.js';
import { priorityOf } from './risk-matrix.js';
import { dueDate, effectiveSla } from './sla.js';
import { isExpired, suppressionMatches } from './suppress.js';
import type { RegisterOutcome, RegisterPolicy, Suppression, SuppressedFinding } from './types.js';

/**
 * The remediation register as a pure function: splits findings into suppressed and open, gives
 * every open finding a priority (risk matrix) and a due date (severity SLA), and brings back
 * findings whose suppression has expired, flagged. `now` is passed in so tests pin the clock.
 */
export function applyRegister(findings: readonly Finding[], policy: RegisterPolicy = {}, now: Date = new Date()): RegisterOutcome {
  const today = toIsoDate(now);
  const sla = effectiveSla(policy.sla);
  const annotate = policy.annotate ?? true;
  const suppressions = policy.suppressions ?? [];
  const used = new Set<Suppression>();
  const open: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const original of findings) {
    const matching = suppressions.filter((s) => suppressionMatches(s, original));
    matching.forEach((s) => used.add(s));
    const holding = matching.find((s) => !isExpired(s, today));
    if (holding) {
      suppressed.push({ finding: original, suppression: holding });
      continue;
    }
    const f: Finding = { ...original };
    // Of several expired suppressions, report the one that lapsed last.
    const expired = matching.sort((a, b) => (a.expires < b.expires ? 1 : -1))[0];
    if (expired) f.suppressionExpired = { reason: expired.reason, owner: expired.owner, expires: expired.expires };
    f.priority = priorityOf(f.severity, f.likelihood);
    const due = dueDate(f.severity, policy.firstSeen?.get(f.fingerprint) ?? today, sla);
    if (due !== undefined) f.due = due;
    if (annotate) f.message = annotateMessage(f, today);
    open.push(f);
  }
  return {
    open,
    suppressed,
    expiredSuppressions: suppressions.filter((s) => isExpired(s, today)),
    unusedSuppressions: suppressions.filter((s) => !used.has(s)),
  };
}

/** "msg [P1, due 2026-11-23]", "[..., overdue]", plus a note when a suppression lapsed. */
export function annotateMessage(f: Finding, today: string): string {
  const parts: string[] = [];
  if (f.priority) parts.push(f.priority);
  if (f.due) parts.push(f.due < today ? `due ${f.due}, OVERDUE` : `due ${f.due}`);
  let text = parts.length > 0 ? `${f.message} [${parts.join(', ')}]` : f.message;
  if (f.suppressionExpired) {
    const s = f.suppressionExpired;
    text += ` [suppression expired ${s.expires}: "${s.reason}" (owner ${s.owner})]`;
  }
  return text;
}
