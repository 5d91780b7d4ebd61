import { BANDS, describeThrottle, VITALS, type Vital } from '../core/vitals.js';
import type { VitalsResult, VitalSummary } from '../probe/vitals/run.js';
import { sanitizeForTerminal as printable } from '../report/sanitize-terminal.js';

function fmt(v: Vital, x: number | null): string {
  if (x === null) return '-';
  return BANDS[v].unit === 'ms' ? `${Math.round(x)} ms` : x.toFixed(3);
}

function row(v: Vital, s: VitalSummary): string {
  const band = s.band === null ? 'no data' : s.band;
  return `    ${v.toUpperCase().padEnd(5)} p50 ${fmt(v, s.p50).padStart(9)}  p75 ${fmt(v, s.p75).padStart(9)}  p95 ${fmt(v, s.p95).padStart(9)}  ${band} (n=${s.count})`;
}

/** The terminal table: per page and mode, each vital's percentiles and Google's band judged on p75. */
export function renderVitalsSummary(r: VitalsResult): string {
  const out: string[] = [];
  for (const p of r.pages) {
    out.push(`${printable(p.url)}`);
    for (const mode of ['cold', 'warm'] as const) {
      out.push(`  ${mode}:`);
      for (const v of VITALS) out.push(row(v, p.vitals[mode][v]));
    }
    const failed = p.runs.filter((x) => x.error);
    if (failed.length) out.push(`  ${failed.length} failed runs: ${[...new Set(failed.map((x) => printable(x.error!)))].join(', ')}`);
    if (p.blockedRequests.length) out.push(`  ${p.blockedRequests.length} requests to other origins blocked (allow with --allow-origin), e.g. ${printable(p.blockedRequests[0]!)}`);
    const interaction = p.runs.find((x) => x.interaction)?.interaction;
    if (interaction) out.push(`  INP interaction: ${printable(interaction)}`);
  }
  if (r.throttle.cpu !== 1 || r.throttle.network) out.push(`throttled: ${describeThrottle(r.throttle)}`);
  if (r.skippedRuns) out.push(`${r.skippedRuns} runs skipped: --max-time reached`);
  for (const t of r.thresholds) out.push(`${t.ok ? 'PASS' : 'FAIL'}  ${t.metric} ${t.expression}  (actual ${t.actual === null ? 'no data' : Number(t.actual.toFixed(3))})`);
  out.push(`bands: good / needs-improvement / poor — ${VITALS.map((v) => `${v.toUpperCase()} ≤${BANDS[v].good}/≤${BANDS[v].poor}${BANDS[v].unit}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
