import { AREA_TITLES, type AreaCoverage } from '../core/coverage.js';
import { PART_CATALOGUE, type PartInfo, type PartName } from '../core/part-catalogue.js';
import type { CheckResult } from '../core/result.js';
import type { PartStatus } from '../core/run-report.js';

/**
 * Each part's area (declared in the part catalogue) as passed, failed or not covered, in the order of
 * `statuses`. Pure: the parts' statuses and the checks each part produced in, one row per part out.
 */
export function coverage(statuses: readonly PartStatus[], checks: Partial<Record<PartName, readonly CheckResult[]>>): AreaCoverage[] {
  return statuses.map((s) => {
    const area = (PART_CATALOGUE[s.name] as PartInfo).area;
    const row = (status: AreaCoverage['status'], detail: string): AreaCoverage => ({ area, title: AREA_TITLES[area], part: s.name, status, detail });
    if (s.status === 'skipped') return row('not-covered', `${s.name} skipped: ${s.reason ?? 'not configured'}`);
    if (s.status === 'error') return row('failed', `${s.name} did not complete: ${s.reason ?? 'error'}`);
    const own = checks[s.name] ?? [];
    const ran = own.filter((c) => c.status !== 'skip');
    if (ran.length === 0) {
      return row('not-covered', own.length === 0 ? `${s.name} ran but produced no checks` : `${s.name} ran but all ${own.length} of its checks were skipped`);
    }
    const n = (st: CheckResult['status']) => own.filter((c) => c.status === st).length;
    const counts = [`${n('pass')} passed`, n('warn') ? `${n('warn')} warned` : '', n('fail') ? `${n('fail')} failed` : '', n('skip') ? `${n('skip')} skipped` : ''].filter(Boolean).join(', ');
    return row(n('fail') > 0 ? 'failed' : 'passed', `${s.name} ran ${own.length} check${own.length === 1 ? '' : 's'}: ${counts}`);
  });
}
