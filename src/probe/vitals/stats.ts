import type { MetricsView, TrendStats } from '../../core/thresholds/index.js';
import { VITALS, type Vital } from '../../core/vitals.js';

/** Nearest-rank percentile of sorted values (the same rank rule on every vital). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function trendStats(values: readonly number[]): TrendStats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    percentile: (p) => percentile(sorted, p),
  };
}

export type Samples = Record<'cold' | 'warm', Record<Vital, number[]>>;

export function emptySamples(): Samples {
  const one = () => Object.fromEntries(VITALS.map((v) => [v, [] as number[]])) as Record<Vital, number[]>;
  return { cold: one(), warm: one() };
}

/** Threshold view over all pages' samples; `{mode:cold}` narrows to one mode, no tag means both. */
export function samplesView(all: readonly Samples[]): MetricsView {
  return {
    trend(metric, tags) {
      if (!(VITALS as readonly string[]).includes(metric)) return undefined;
      const modes: ('cold' | 'warm')[] = tags.mode === 'cold' || tags.mode === 'warm' ? [tags.mode] : tags.mode ? [] : ['cold', 'warm'];
      return trendStats(all.flatMap((s) => modes.flatMap((m) => s[m][metric as Vital])));
    },
    rate: () => undefined,
    counter: () => undefined,
  };
}
