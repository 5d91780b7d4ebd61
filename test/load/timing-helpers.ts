import { expect } from 'vitest';

/** The tolerance: within 10% of the truth or 2 ms, whichever is larger. */
export function expectWithin(actual: number, truth: number, label: string): void {
  const tol = Math.max(truth * 0.1, 2);
  expect(Math.abs(actual - truth), `${label}: gonogo ${actual} ms vs server ${truth.toFixed(3)} ms (tolerance ${tol.toFixed(2)} ms)`).toBeLessThanOrEqual(tol);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
