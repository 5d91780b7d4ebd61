import type { LoadVitals } from '../core/load-result.js';
import type { CheckResult } from '../core/result.js';
import { pageLoadsTally, vitalActualText, type VitalsResult } from '../core/vitals.js';

/**
 * The checks of `gonogo load --vitals` (docs/load.md#web-vitals-during-the-load): one per vitals threshold, judged on
 * the pages measured while the load ran (they fail the run, as load thresholds do), and whether the pages loaded.
 */
export function loadVitalsChecks(v: LoadVitals): CheckResult[] {
  const idle = new Map((v.idle?.thresholds ?? []).map((t) => [`${t.metric} ${t.expression}`, t.actual]));
  const judged = v.underLoad?.thresholds ?? [];
  const defaulted = v.thresholds.defaulted ? ' (default: Google\'s "good" limit)' : '';
  const checks: CheckResult[] = judged.map((t) => ({
    id: `load.vitals-threshold:${t.metric}:${t.expression}`,
    role: 'threshold',
    title: `${t.metric} ${t.expression} under load${defaulted}`,
    category: 'Performance',
    status: t.ok ? 'pass' : 'fail',
    evidence: `under load ${vitalActualText(t.metric, t.actual)}, idle ${v.idle ? vitalActualText(t.metric, idle.get(`${t.metric} ${t.expression}`) ?? null) : 'not measured'}`,
    remediation: t.ok ? undefined : 'the UI degrades under load: compare the Web Vitals idle and under load, and the load timeline',
  }));
  // Nothing measured under load while thresholds were set fails the run (LoadVitals.passed): one check says so.
  if (!v.underLoad && v.thresholds.expressions.length > 0) {
    checks.push({ id: 'load.vitals-threshold', role: 'threshold', title: `Web Vitals thresholds under load: ${v.thresholds.expressions.join(', ')}`, category: 'Performance', status: 'fail', evidence: `not measured under load: ${v.underLoadNote ?? 'no result'}`, remediation: 'give the load a duration of a few page loads, or check that the pages load' });
  }
  checks.push(pagesLoadedCheck(v));
  return checks;
}

function pagesLoadedCheck(v: LoadVitals): CheckResult {
  const text = (what: string, r: VitalsResult | null, note: string | undefined) => {
    if (!r) return `${what}: not measured (${note ?? 'no result'})`;
    const t = pageLoadsTally(r);
    return `${what}: ${t.total - t.failed} of ${t.total} loads measured${t.kinds.length ? ` (failed: ${t.kinds.join(', ')})` : ''}${r.skippedRuns ? `, ${r.skippedRuns} skipped` : ''}${t.dead.length ? `; never loaded: ${t.dead.join(', ')}` : ''}`;
  };
  const dead = [v.underLoad, v.idle].some((r) => r && pageLoadsTally(r).dead.length > 0);
  const partial = [v.underLoad, v.idle].some((r) => r && (pageLoadsTally(r).failed > 0 || r.skippedRuns > 0)) || !v.underLoad || !v.idle;
  return {
    id: 'load.vitals-pages',
    title: 'Every page loaded in the browser, under load and idle',
    category: 'Performance',
    status: dead ? 'fail' : partial ? 'warn' : 'pass',
    evidence: `${text('under load', v.underLoad, v.underLoadNote)}; ${text('idle', v.idle, v.idleNote)}`,
    remediation: dead ? 'check that the pages answer 2xx at these URLs' : undefined,
  };
}
