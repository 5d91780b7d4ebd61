import type { ChecklistConfig, ChecklistItem } from '../core/config/checklist-section.js';
import type { CheckResult, CheckStatus } from '../core/result.js';

/**
 * The readiness checklist as CheckResults (id `checklist.<category>.<slug>`), so every reporter
 * shows it. Automated items take their status from the checks they are bound to; manual items
 * pass when attested and warn when not. Pure: the run's checks in, checklist checks out.
 */
export function evaluateChecklist(items: ChecklistConfig, checks: readonly CheckResult[]): CheckResult[] {
  const used = new Set<string>();
  return items.map((item) => {
    let id = `checklist.${item.category.toLowerCase()}.${slug(item.title)}`;
    for (let n = 2; used.has(id); n++) id = `checklist.${item.category.toLowerCase()}.${slug(item.title)}-${n}`;
    used.add(id);
    const base = { id, title: item.title, category: item.category, role: 'checklist' as const };
    if (item.check !== undefined || item.threshold !== undefined) return { ...base, ...automated(item, checks) };
    if (item.attested) {
      const { by, on, evidence } = item.attested;
      return { ...base, status: 'pass' as const, evidence: `manual: attested by ${by} on ${on}${evidence ? ` (evidence: ${evidence})` : ''}` };
    }
    return { ...base, status: 'warn' as const, evidence: 'manual: not attested', remediation: 'confirm the item and add `attested: { by, on, evidence }` to it in the config' };
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

function matchesThreshold(expr: string, c: CheckResult): boolean {
  if (c.role !== 'threshold') return false;
  const squash = (s: string) => s.replace(/\s+/g, '');
  return squash(c.title).includes(squash(expr)) || squash(c.id).includes(squash(expr));
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'item';
}
