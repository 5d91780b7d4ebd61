import { VITALS, type Mode, type Vital, type VitalsResult } from '../../core/vitals.js';

/**
 * Web Vitals in `gonogo compare`: per condition (idle, under load), page and mode (cold, warm) the p75 of each vital,
 * baseline against actual. A `gonogo vitals` result counts as idle: it was measured without gonogo's own load.
 */
export type VitalsCondition = 'idle' | 'under load';

export interface PageVitalsFigures {
  condition: VitalsCondition;
  page: string;
  mode: Mode;
  /** p75 per vital; null when the vital had no samples. */
  p75: Record<Vital, number | null>;
}

export interface VitalDelta {
  baseline: number | null;
  actual: number | null;
  /** Relative change, actual/baseline - 1; null when either side has no samples or the baseline is 0. */
  change: number | null;
  regression: boolean;
  improvement: boolean;
}

export interface VitalsCompareRow {
  condition: VitalsCondition;
  page: string;
  mode: Mode;
  vitals: Record<Vital, VitalDelta>;
}

/** The figures of one vitals result (null or absent: nothing measured in that condition). */
export function pageVitalsFigures(r: VitalsResult | null | undefined, condition: VitalsCondition): PageVitalsFigures[] {
  if (!r) return [];
  return r.pages.flatMap((p) =>
    (['cold', 'warm'] as const).map((mode) => ({
      condition,
      page: p.url,
      mode,
      p75: Object.fromEntries(VITALS.map((v) => [v, p.vitals[mode][v].p75])) as Record<Vital, number | null>,
    })),
  );
}

export const vitalsKey = (f: { condition: string; page: string; mode: string }) => `pages › ${f.condition} › ${f.page} › ${f.mode}`;

/** How one number compares, with compare's latency rule: worse beyond the noise margin and beyond an absolute floor. */
export type Judge = (baseline: number, actual: number, floor: number) => Omit<VitalDelta, 'baseline' | 'actual'>;

/**
 * Rows for the pages present in both snapshots. The floor is the latency floor (ms) for the timed vitals and
 * `minCls` for CLS, which has no unit. A vital without samples on either side is shown, never a regression.
 */
export function compareVitals(a: PageVitalsFigures[], b: PageVitalsFigures[], judge: Judge, floors: { minLatencyMs: number; minCls: number }) {
  const ia = new Map(a.map((f) => [vitalsKey(f), f]));
  const ib = new Map(b.map((f) => [vitalsKey(f), f]));
  const rows: VitalsCompareRow[] = [];
  for (const [k, f] of ib) {
    const base = ia.get(k);
    if (!base) continue;
    const vitals = Object.fromEntries(
      VITALS.map((v) => {
        const x = base.p75[v];
        const y = f.p75[v];
        const d: VitalDelta = x === null || y === null ? { baseline: x, actual: y, change: null, regression: false, improvement: false } : { baseline: x, actual: y, ...judge(x, y, v === 'cls' ? floors.minCls : floors.minLatencyMs) };
        return [v, d];
      }),
    ) as Record<Vital, VitalDelta>;
    rows.push({ condition: f.condition, page: f.page, mode: f.mode, vitals });
  }
  return {
    rows,
    onlyInBaseline: [...ia.keys()].filter((k) => !ib.has(k)),
    onlyInActual: [...ib.keys()].filter((k) => !ia.has(k)),
    regressions: rows.reduce((n, r) => n + VITALS.filter((v) => r.vitals[v].regression).length, 0),
  };
}
