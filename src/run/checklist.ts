import type { ChecklistConfig, ChecklistItem } from '../core/config/checklist-section.js';
import type { CheckResult, CheckStatus } from '../core/result.js';

/**
 * The readiness checklist as CheckResults (id `checklist.<category>.<slug>`), so every reporter
 * shows it. Automated items take their status from the checks they are bound to; manual items
 * pass while their attestation holds and warn when it is missing or expired. Pure: the run's checks
 * and today's date (YYYY-MM-DD, UTC) in, checklist checks out.
 */
export function evaluateChecklist(items: ChecklistConfig, checks: readonly CheckResult[], today: string): CheckResult[] {
  const used = new Set<string>();
  return items.map((item) => {
    let id = `checklist.${item.category.toLowerCase()}.${slug(item.title)}`;
    for (let n = 2; used.has(id); n++) id = `checklist.${item.category.toLowerCase()}.${slug(item.title)}-${n}`;
    used.add(id);
    const base = { id, title: item.title, category: item.category, role: 'checklist' as const };
    if (item.check !== undefined || item.threshold !== undefined) return { ...base, ...automated(item, checks) };
    if (item.attested) {
      const { by, date, expires, evidence } = item.attested;
      const said = `attested by ${by} on ${date}${evidence ? ` (evidence: ${evidence})` : ''}`;
      if (expires < today) {
        return { ...base, status: 'warn' as const, evidence: `manual: ${said}; expired on ${expires}`, remediation: 'confirm the item again and update `attested.date` and `attested.expires`' };
      }
      return { ...base, status: 'pass' as const, evidence: `manual: ${said}, valid until ${expires}` };
    }
    return { ...base, status: 'warn' as const, evidence: 'manual: not attested', remediation: 'confirm the item and add `attested: { by, date, expires, evidence }` to it in the config' };
  });
}

function automated(item: ChecklistItem, checks: readonly CheckResult[]): { status: CheckStatus; evidence: string; remediation?: string } {
  const bound = item.check !== undefined ? `check ${item.check}` : `threshold ${item.threshold}`;
  const matched = checks.filter((c) => c.role !== 'checklist' && (item.check !== undefined ? matchesId(item.check, c.id) : matchesThreshold(item.threshold!, c)));
  const ran = matched.filter((c) => c.status !== 'skip');
  if (ran.length === 0) {
    return { status: 'warn', evidence: `automated (${bound}): no such check ran`, remediation: 'configure the part that produces the check, or fix the binding' };
  }
  const status: CheckStatus = ran.some((c) => c.status === 'fail') ? 'fail' : ran.some((c) => c.status === 'warn') ? 'warn' : 'pass';
  const detail = ran.map((c) => `${c.id}: ${c.status}`).join(', ');
  return { status, evidence: `automated (${bound}): ${detail}` };
}

/**
 * An exact id, or a prefix when the pattern ends in `*`. "secrets.*" also matches the bare id "secrets": a part's
 * summary check and its sub-checks belong to the same family.
 */
export function matchesId(pattern: string, id: string): boolean {
  if (!pattern.endsWith('*')) return id === pattern;
  const prefix = pattern.slice(0, -1);
  return id.startsWith(prefix) || (prefix.endsWith('.') && id === prefix.slice(0, -1));
}

/**
 * Exact binding: the item's expression equals the threshold's condition ("p(95)<500") or its
 * "metric: condition" form, whitespace ignored. Never a substring: "p(95)<50" is not "p(95)<500".
 */
export function matchesThreshold(expr: string, c: CheckResult): boolean {
  const PREFIX = 'load.threshold:';
  if (c.role !== 'threshold' || !c.id.startsWith(PREFIX)) return false;
  // The id is load.threshold:<metric>:<condition>; a condition has no ':' but a tagged metric does.
  const rest = c.id.slice(PREFIX.length);
  const cut = rest.lastIndexOf(':');
  if (cut < 0) return false;
  const squash = (s: string) => s.replace(/\s+/g, '');
  const want = squash(expr);
  const metric = squash(rest.slice(0, cut));
  const condition = squash(rest.slice(cut + 1));
  return want === condition || want === `${metric}:${condition}`;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'item';
}
