import { fillSequence, parseSequence, stripes, type Stripe } from '../../src/load/segment/execution-segment.js';

/** A small seeded PRNG (mulberry32) so every failing case can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random full sequence: 1..7 cut points with denominators up to 12, or percentages. */
export function randomSequence(r: () => number): string {
  const den = [2, 3, 4, 5, 6, 7, 8, 10, 12, 100][Math.floor(r() * 10)]!;
  const cuts = new Set<number>();
  const n = 1 + Math.floor(r() * Math.min(7, den - 1));
  while (cuts.size < n) cuts.add(1 + Math.floor(r() * (den - 1)));
  const pts = [0, ...[...cuts].sort((a, b) => a - b), den];
  return pts.map((p) => (p === 0 ? '0' : p === den ? '1' : den === 100 && r() < 0.5 ? `${p}%` : `${p}/${den}`)).join(',');
}

export function stripesOf(seq: string): Stripe[] {
  return stripes(fillSequence(parseSequence(seq)));
}
