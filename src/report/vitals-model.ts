import { BANDS, describeThrottle, pageLoadsTally, VITALS, type Band, type Mode, type ReportVitals, type Vital, type VitalsResult, type VitalSummary } from '../core/vitals.js';

/** One row of the report's "Web Vitals" table: a page, a mode, a vital; idle and (duringLoad, load --vitals) under load. */
export interface VitalsRow {
  page: string;
  mode: Mode;
  vital: Vital;
  /** Absent when the page was not measured idle (a `gonogo load` interrupted before its idle measurement). */
  idle?: VitalSummary;
  underLoad?: VitalSummary;
}

export const BAND_LABEL: Readonly<Record<Band, string>> = { good: 'good', 'needs-improvement': 'needs improvement', poor: 'poor' };

/** "1234 ms", "0.130", "-" when nothing was measured. */
export function vitalValue(v: Vital, x: number | null): string {
  if (x === null) return '-';
  return BANDS[v].unit === 'ms' ? `${Math.round(x)} ms` : x.toFixed(3);
}

export function bandText(s: VitalSummary | undefined): string {
  return s?.band ? BAND_LABEL[s.band] : 'no data';
}

export function vitalsRows(v: ReportVitals): VitalsRow[] {
  const idle = new Map((v.idle?.pages ?? []).map((p) => [p.url, p]));
  const under = new Map((v.underLoad?.pages ?? []).map((p) => [p.url, p]));
  return [...new Set([...idle.keys(), ...under.keys()])].flatMap((url) =>
    (['cold', 'warm'] as const).flatMap((mode) =>
      VITALS.map((vital) => {
        const i = idle.get(url)?.vitals[mode][vital];
        const u = under.get(url)?.vitals[mode][vital];
        return { page: url, mode, vital, ...(i ? { idle: i } : {}), ...(u ? { underLoad: u } : {}) };
      }),
    ),
  );
}

const loadsText = (r: VitalsResult) => {
  const { total, failed, kinds } = pageLoadsTally(r);
  return `${total - failed} of ${total} page loads measured${failed ? ` (${failed} failed: ${kinds.join(', ')})` : ''}${r.skippedRuns ? `, ${r.skippedRuns} skipped` : ''}`;
};

const judged = (r: VitalsResult) => r.thresholds.map((t) => `${t.metric} ${t.expression} ${t.ok ? 'pass' : 'FAIL'}`).join(', ') || 'none';

/** The lines above the table: how it was measured, what was judged, what happened under load. Plain text, escaped by the reporter. */
export function vitalsNotes(v: ReportVitals): string[] {
  const i = v.idle ?? v.underLoad;
  const defaulted = v.thresholds.defaulted ? ' (none configured: Google\'s "good" limits at p75)' : '';
  const notes = [
    ...(i ? [`Chromium (${i.browser}), ${i.runsPerMode} runs per page and mode (cold: new context, warm: reloads); throttling: ${describeThrottle(i.throttle)}${v.idle ? `; ${loadsText(v.idle)}` : ''}.`] : []),
    `Percentiles per page and mode; the band is Google's, judged on p75 (good / needs improvement / poor: ${VITALS.map((x) => `${x.toUpperCase()} ≤${BANDS[x].good}/≤${BANDS[x].poor}${BANDS[x].unit ? ' ms' : ''}`).join(', ')}).`,
    // gonogo load judges its thresholds under load (LoadVitals.passed), the pages part idle.
    v.passed === undefined ? `Thresholds${defaulted}: ${v.idle ? judged(v.idle) : 'none'}.` : `Thresholds${defaulted}, judged under load: ${v.underLoad ? judged(v.underLoad) : `${v.thresholds.expressions.join(', ') || 'none'} (not measured under load)`}; ${v.passed ? 'all held' : 'FAILED'}.`,
  ];
  if (v.idle === null) notes.push(`Idle: not measured (${v.idleNote ?? 'no result'}).`);
  if (v.underLoad) {
    const rps = v.underLoad.pages.flatMap((p) => p.runs.flatMap((r) => (r.loadRps !== undefined && !r.error ? [r.loadRps] : []))).sort((a, b) => a - b);
    notes.push(`Under load: measured while the load part ran${rps.length ? ` (load at ${rps[0]}–${rps[rps.length - 1]} req/s when the page loads started)` : ''}; ${loadsText(v.underLoad)}; thresholds under load: ${judged(v.underLoad)}.`);
  } else if (v.underLoad === null) {
    notes.push(`Under load: not measured (${v.underLoadNote ?? 'no result'}).`);
  }
  const blocked = (i?.pages ?? []).reduce((n, p) => n + p.blockedRequests.length, 0);
  if (blocked) notes.push(`${blocked} requests to other origins were blocked (allow them with pages.allowOrigins).`);
  return notes;
}
