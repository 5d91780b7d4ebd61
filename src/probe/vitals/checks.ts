import type { CheckResult } from '../../core/result.js';
import { pageLoadsTally, vitalActualText as actualText, type PagesVitals, type VitalsResult } from '../../core/vitals.js';

/**
 * The pages part's checks (docs/vitals.md#checks): one per threshold on the idle measurement (role threshold, so the
 * threshold policy applies), whether every page could be measured, and with pages.duringLoad how the thresholds
 * held while the load ran.
 */
export function pagesChecks(v: PagesVitals): CheckResult[] {
  const checks: CheckResult[] = v.idle.thresholds.map((t) => ({
    id: `pages.threshold:${t.metric}:${t.expression}`,
    role: 'threshold',
    title: `${t.metric} ${t.expression}${v.thresholds.defaulted ? ' (default: Google\'s "good" limit)' : ''}`,
    category: 'Performance',
    status: t.ok ? 'pass' : 'fail',
    evidence: t.actual === null ? 'no data for this vital (every load failed or the browser reported none)' : `actual ${actualText(t.metric, t.actual)} over ${v.idle.pages.length} page(s), cold and warm`,
    remediation: t.ok ? undefined : 'see the Web Vitals section: which page and mode is slow (LCP: render-blocking resources, large images; CLS: reserve space; INP: long event handlers)',
  }));
  checks.push(loadsCheck(v.idle));
  if (v.underLoad !== undefined) checks.push(underLoadCheck(v));
  return checks;
}

function loadsCheck(r: VitalsResult): CheckResult {
  const { total, failed, kinds, dead } = pageLoadsTally(r);
  return {
    id: 'pages.loads',
    title: 'Every page loaded in the browser',
    category: 'Performance',
    status: dead.length > 0 ? 'fail' : failed > 0 || r.skippedRuns > 0 ? 'warn' : 'pass',
    evidence: `${total - failed} of ${total} loads measured${kinds.length ? `; failed: ${kinds.join(', ')}` : ''}${dead.length ? `; never loaded: ${dead.join(', ')}` : ''}${r.skippedRuns ? `; ${r.skippedRuns} runs skipped (pages.maxTime)` : ''}`,
    remediation: dead.length ? 'check that the pages answer 2xx at these URLs' : undefined,
  };
}

function underLoadCheck(v: PagesVitals): CheckResult {
  const base = { id: 'pages.under-load', title: 'Web Vitals hold while the load runs', category: 'Performance' };
  const u = v.underLoad;
  if (!u) return { ...base, status: 'warn', evidence: `not measured under load: ${v.underLoadNote ?? 'no result'}` };
  const measured = u.pages.reduce((n, p) => n + p.runs.filter((x) => !x.error).length, 0);
  if (measured === 0) return { ...base, status: 'warn', evidence: `no page load finished while the load ran (${u.skippedRuns} runs skipped): give the load a longer duration or lower pages.runs` };
  const failing = u.thresholds.filter((t) => !t.ok);
  const idle = new Map(v.idle.thresholds.map((t) => [`${t.metric} ${t.expression}`, t.actual]));
  return {
    ...base,
    status: failing.length ? 'warn' : 'pass',
    evidence: `${measured} loads under load; ${u.thresholds.map((t) => `${t.metric} ${t.expression}: ${actualText(t.metric, idle.get(`${t.metric} ${t.expression}`) ?? null)} idle, ${actualText(t.metric, t.actual)} under load${t.ok ? '' : ' (FAIL)'}`).join('; ')}`,
    remediation: failing.length ? 'the UI degrades under load: see the Web Vitals section (idle vs under load) and the load timeline' : undefined,
  };
}
