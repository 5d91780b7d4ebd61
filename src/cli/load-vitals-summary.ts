import { BANDS, VITALS, type Vital } from '../core/vitals.js';
import type { LoadVitals } from '../core/load-result.js';
import type { VitalsResult, VitalSummary } from '../probe/vitals/run.js';
import { sanitizeForTerminal as printable } from '../report/sanitize-terminal.js';
import { pad } from './format.js';

const value = (v: Vital, x: number | null) => (x === null ? '-' : BANDS[v].unit === 'ms' ? `${Math.round(x)} ms` : x.toFixed(3));
const cell = (v: Vital, s: VitalSummary | undefined) => (s && s.p75 !== null ? `${value(v, s.p75)} ${s.band}` : 'no data');

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function loads(r: VitalsResult | null): string {
  if (!r) return 'none';
  const runs = r.pages.flatMap((p) => p.runs);
  const ok = runs.filter((x) => !x.error).length;
  return `${ok} of ${runs.length} measured${r.skippedRuns ? `, ${r.skippedRuns} skipped` : ''}`;
}

/** The load summary's Web Vitals section: per page, mode and vital the p75 idle and under load, with Google's band. */
export function renderLoadVitals(v: LoadVitals, c: (code: string, s: string) => string): string[] {
  const out = ['', 'web vitals (p75 and Google\'s band; idle: after the load)'];
  const rps = median((v.underLoad?.pages ?? []).flatMap((p) => p.runs.flatMap((x) => (x.loadRps !== undefined && !x.error ? [x.loadRps] : []))));
  out.push(`  page loads under load: ${loads(v.underLoad)}${rps !== null ? ` (median load ${Math.round(rps)} req/s as each started)` : ''}; idle: ${v.idle ? loads(v.idle) : `not measured (${printable(v.idleNote ?? 'no result')})`}`);
  if (v.underLoadNote) out.push(c('33', `  not measured under load: ${printable(v.underLoadNote)}`));
  const urls = [...new Set([...(v.underLoad?.pages ?? []), ...(v.idle?.pages ?? [])].map((p) => p.url))];
  for (const url of urls) {
    const u = v.underLoad?.pages.find((p) => p.url === url);
    const i = v.idle?.pages.find((p) => p.url === url);
    out.push(`  ${printable(url)}`, `    ${pad('', 11)}${pad('idle', 24)}under load`);
    for (const mode of ['cold', 'warm'] as const) {
      for (const vital of VITALS) out.push(`    ${pad(`${vital.toUpperCase()} ${mode}`, 11)}${pad(cell(vital, i?.vitals[mode][vital]), 24)}${cell(vital, u?.vitals[mode][vital])}`);
    }
    const failed = [...new Set((u?.runs ?? []).flatMap((x) => (x.error ? [printable(x.error)] : [])))];
    if (failed.length) out.push(`    failed under load: ${failed.join(', ')}`);
  }
  const idle = new Map((v.idle?.thresholds ?? []).map((t) => [`${t.metric} ${t.expression}`, t.actual]));
  const shown = (x: number | null | undefined) => (x === null || x === undefined ? 'no data' : String(Number(x.toFixed(3))));
  const judged = v.underLoad?.thresholds ?? v.thresholds.expressions.map((e) => ({ metric: e, expression: '', actual: null, ok: false }));
  if (judged.length) out.push(`  thresholds (judged under load${v.thresholds.defaulted ? '; default: Google\'s "good" limits' : ''})`);
  for (const t of judged) out.push(`    ${t.ok ? c('32', '✓') : c('31', '✗')} ${t.metric}${t.expression ? `: ${t.expression}` : ''}  (under load ${shown(t.actual)}, idle ${shown(idle.get(`${t.metric} ${t.expression}`))})`);
  return out;
}
