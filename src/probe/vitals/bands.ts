/** Google's Web Vitals bands (web.dev/articles/vitals): good at or below `good`, poor above `poor`. */
export const VITALS = ['lcp', 'cls', 'inp', 'fcp', 'ttfb'] as const;
export type Vital = (typeof VITALS)[number];
export type Band = 'good' | 'needs-improvement' | 'poor';

export const BANDS: Readonly<Record<Vital, { good: number; poor: number; unit: 'ms' | '' }>> = Object.freeze({
  lcp: { good: 2500, poor: 4000, unit: 'ms' },
  inp: { good: 200, poor: 500, unit: 'ms' },
  cls: { good: 0.1, poor: 0.25, unit: '' },
  fcp: { good: 1800, poor: 3000, unit: 'ms' },
  ttfb: { good: 800, poor: 1800, unit: 'ms' },
});

export function bandOf(vital: Vital, value: number): Band {
  const b = BANDS[vital];
  return value <= b.good ? 'good' : value <= b.poor ? 'needs-improvement' : 'poor';
}
