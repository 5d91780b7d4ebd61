import type { MetricCatalog, MetricsView, TrendStats } from '../../core/thresholds/index.js';
import { VITALS, type Vital } from './bands.js';

/** The metrics a vitals threshold may name: `lcp p(75)<2500`, `cls{mode:cold} p(75)<0.1`. */
export const VITALS_METRICS: MetricCatalog = Object.freeze({
  lcp: { kind: 'trend', time: true, tags: ['mode'], description: 'Largest Contentful Paint, ms from navigation start.' },
  cls: { kind: 'trend', tags: ['mode'], description: 'Cumulative Layout Shift (largest session window), unitless.' },
  inp: { kind: 'trend', time: true, tags: ['mode'], description: 'Interaction to Next Paint of the scripted interaction, ms.' },
  fcp: { kind: 'trend', time: true, tags: ['mode'], description: 'First Contentful Paint, ms from navigation start.' },
  ttfb: { kind: 'trend', time: true, tags: ['mode'], description: 'Time to first byte of the document (navigation responseStart), ms.' },
});

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
