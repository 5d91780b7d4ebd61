import { BANDS, describeThrottle, VITALS, type Band, type Mode, type PagesVitals, type Vital, type VitalsResult, type VitalSummary } from '../core/vitals.js';

/** One row of the report's "Web Vitals" table: a page, a mode, a vital; idle and (pages.duringLoad) under load. */
export interface VitalsRow {
  page: string;
  mode: Mode;
  vital: Vital;
  idle: VitalSummary;
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

export function vitalsRows(v: PagesVitals): VitalsRow[] {
  const under = new Map((v.underLoad?.pages ?? []).map((p) => [p.url, p]));
  return v.idle.pages.flatMap((p) =>
    (['cold', 'warm'] as const).flatMap((mode) =>
      VITALS.map((vital) => {
        const u = under.get(p.url)?.vitals[mode][vital];
        return { page: p.url, mode, vital, idle: p.vitals[mode][vital], ...(u ? { underLoad: u } : {}) };
      }),
    ),
  );
}

const loadsText = (r: VitalsResult) => {
  const total = r.pages.reduce((n, p) => n + p.runs.length, 0);
  const failed = r.pages.reduce((n, p) => n + p.errors, 0);
  return `${total - failed} of ${total} page loads measured${failed ? ` (${failed} failed: ${[...new Set(r.pages.flatMap((p) => p.runs.flatMap((x) => (x.error ? [x.error] : []))))].join(', ')})` : ''}${r.skippedRuns ? `, ${r.skippedRuns} skipped` : ''}`;
};

/** The lines above the table: how it was measured, what was judged, what happened under load. Plain text, escaped by the reporter. */
export function vitalsNotes(v: PagesVitals): string[] {
  const i = v.idle;
  const notes = [
    `Chromium (${i.browser}), ${i.runsPerMode} runs per page and mode (cold: new context, warm: reloads); throttling: ${describeThrottle(i.throttle)}; ${loadsText(i)}.`,
    `Percentiles per page and mode; the band is Google's, judged on p75 (good / needs improvement / poor: ${VITALS.map((x) => `${x.toUpperCase()} ≤${BANDS[x].good}/≤${BANDS[x].poor}${BANDS[x].unit ? ' ms' : ''}`).join(', ')}).`,
    `Thresholds${v.thresholds.defaulted ? ' (none configured: Google\'s "good" limits at p75)' : ''}: ${i.thresholds.map((t) => `${t.metric} ${t.expression} ${t.ok ? 'pass' : 'FAIL'}`).join(', ') || 'none'}.`,
  ];
  if (v.underLoad) {
    const rps = v.underLoad.pages.flatMap((p) => p.runs.flatMap((r) => (r.loadRps !== undefined && !r.error ? [r.loadRps] : []))).sort((a, b) => a - b);
    notes.push(`Under load: measured while the load part ran${rps.length ? ` (load at ${rps[0]}–${rps[rps.length - 1]} req/s when the page loads started)` : ''}; ${loadsText(v.underLoad)}; thresholds under load: ${v.underLoad.thresholds.map((t) => `${t.metric} ${t.expression} ${t.ok ? 'pass' : 'FAIL'}`).join(', ') || 'none'}.`);
  } else if (v.underLoad === null) {
    notes.push(`Under load: not measured (${v.underLoadNote ?? 'no result'}).`);
  }
  const blocked = i.pages.reduce((n, p) => n + p.blockedRequests.length, 0);
  if (blocked) notes.push(`${blocked} requests to other origins were blocked (allow them with pages.allowOrigins).`);
  return notes;
}
