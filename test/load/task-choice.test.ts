import { describe, expect, it } from 'vitest';
import { usersOnWorker } from '../../src/load/executors/closed.js';
import { stripeCount, stripeIndex } from '../../src/load/segment/execution-segment.js';
import { iterationVisit, WeightedChoice } from '../../src/load/scenario/task-choice.js';
import { randomSequence, rng, stripesOf } from './segment-random.js';

/** 2..8 children: whole weights, fractions and zeros (a zero-weight task is never run). */
function randomWeights(r: () => number): number[] {
  for (;;) {
    const n = 2 + Math.floor(r() * 7);
    const w = Array.from({ length: n }, () => (r() < 0.15 ? 0 : r() < 0.5 ? 1 + Math.floor(r() * 9) : Math.round(r() * 500) / 100));
    if (w.some((x) => x > 0)) return w;
  }
}

const countPicks = (c: WeightedChoice, n: number, visits: Iterable<number>) => {
  const counts = new Array<number>(n).fill(0);
  for (const k of visits) counts[c.pick(k).child]!++;
  return counts;
};

function* range(from: number, to: number): Generator<number> {
  for (let k = from; k < to; k++) yield k;
}

describe('weighted task choice (deterministic, task-choice.ts)', () => {
  it('3 : 1 takes exactly 3 of every 4 visits, heaviest first; weight 0 is never taken', () => {
    const c = new WeightedChoice([1, 3, 0]);
    expect([...range(0, 8)].map((k) => c.pick(k).child)).toEqual([1, 1, 0, 1, 1, 1, 0, 1]);
    expect(countPicks(c, 3, range(0, 4000))).toEqual([1000, 3000, 0]);
  });

  it('property: over any run of consecutive visits each child is within 2 picks of its share; at every prefix within 1.5', () => {
    const r = rng(11);
    for (let t = 0; t < 300; t++) {
      const w = randomWeights(r);
      const total = w.reduce((a, b) => a + b, 0);
      const c = new WeightedChoice(w);
      const picks = [...range(0, 3000)].map((k) => c.pick(k).child);
      const counts = new Array<number>(w.length).fill(0);
      let worst = 0;
      picks.forEach((p, k) => {
        counts[p]!++;
        counts.forEach((n, i) => (worst = Math.max(worst, Math.abs(n - ((k + 1) * w[i]!) / total))));
      });
      expect(worst, `${w}`).toBeLessThanOrEqual(1.5);
      for (let a = 0; a < 50; a++) {
        const from = Math.floor(r() * 2000);
        const len = 1 + Math.floor(r() * 1000);
        const win = new Array<number>(w.length).fill(0);
        for (let k = from; k < from + len; k++) win[picks[k]!]!++;
        const off = Math.max(...win.map((n, i) => Math.abs(n - (len * w[i]!) / total)));
        expect(off, `${w} [${from}, ${from + len})`).toBeLessThanOrEqual(2);
      }
      w.forEach((x, i) => x === 0 && expect(counts[i], `${w}`).toBe(0));
    }
  });

  it('a child\'s own visit numbers are 0, 1, 2, ... in order (what a nested weighted group below it counts)', () => {
    const r = rng(12);
    for (let t = 0; t < 100; t++) {
      const w = randomWeights(r);
      const c = new WeightedChoice(w);
      const next = new Array<number>(w.length).fill(0);
      const wrong: string[] = [];
      for (let k = 0; k < 2000; k++) {
        const p = c.pick(k);
        if (p.visit !== next[p.child]) wrong.push(`k=${k}: child ${p.child} visit ${p.visit}, expected ${next[p.child]}`);
        next[p.child]!++;
      }
      expect(wrong, `${w}`).toEqual([]);
    }
  });

  it('property, open model: for any sequence the segments\' picks (arrival by arrival) are exactly the unsplit run\'s', () => {
    const r = rng(13);
    for (let t = 0; t < 150; t++) {
      const seq = randomSequence(r);
      const w = randomWeights(r);
      // An outer weighted group whose first child is itself a weighted group: the nested picks must add up too.
      const outer = new WeightedChoice([w[0]! + 1, ...w.slice(1)]);
      const inner = new WeightedChoice(w);
      const arrivals = Math.floor(r() * 3000);
      const pickOf = (k: number) => {
        const o = outer.pick(k);
        return o.child === 0 ? `0/${inner.pick(o.visit).child}` : `${o.child}`;
      };
      const unsplit = [...range(0, arrivals)].map(pickOf);
      const split = new Array<string | undefined>(arrivals);
      for (const stripe of stripesOf(seq)) {
        const workers = 1 + Math.floor(r() * 3);
        // As runner.ts runOpen: worker w's local arrivals are w, w + W, ...; arrival k of the whole run is stripeIndex(k).
        for (let wk = 0; wk < workers; wk++) {
          for (let k = wk; stripeIndex(stripe, k) < arrivals; k += workers) {
            const g = stripeIndex(stripe, k);
            // An arrival sent twice would show as a pick where the unsplit run has none below.
            split[g] = split[g] === undefined ? pickOf(iterationVisit(g, 0, 0)) : 'twice';
          }
        }
      }
      expect(split, seq).toEqual(unsplit);
    }
  });

  it('property, closed model: user u\'s j-th iteration picks the same in any segment; the first iterations of all users take exact shares', () => {
    const r = rng(14);
    for (let t = 0; t < 100; t++) {
      const seq = randomSequence(r);
      const w = randomWeights(r);
      const total = w.reduce((a, b) => a + b, 0);
      const c = new WeightedChoice(w);
      const users = 1 + Math.floor(r() * 200);
      // Iterations per user: whatever the target allowed (not the split's business), the same split or not.
      const iters = Array.from({ length: users }, () => Math.floor(r() * 30));
      const picksOf = (id: number) => [...range(0, iters[id - 1]!)].map((j) => c.pick(iterationVisit(undefined, id, j)).child);
      const unsplit = new Map([...range(1, users + 1)].map((id) => [id, picksOf(id)]));
      const split = new Map<number, number[]>();
      for (const stripe of stripesOf(seq)) {
        const workers = 1 + Math.floor(r() * 3);
        for (let wk = 0; wk < workers; wk++) {
          // As runner.ts newUser: the segment's local user w + i·W is user stripeIndex(local) + 1 of the whole run.
          for (let i = 0; i < usersOnWorker(stripeCount(stripe, users), wk, workers); i++) {
            const id = stripeIndex(stripe, wk + i * workers) + 1;
            expect(split.has(id), `${seq}: user ${id} twice`).toBe(false);
            split.set(id, picksOf(id));
          }
        }
      }
      expect(new Map([...split].sort((a, b) => a[0] - b[0])), seq).toEqual(unsplit);
      // Round 0 (every user's first iteration) covers visits 0 .. users-1: within 1.5 of each share.
      const first = countPicks(c, w.length, [...range(0, users)].map((u) => iterationVisit(undefined, u + 1, 0)));
      first.forEach((n, i) => expect(Math.abs(n - (users * w[i]!) / total), `${w} users=${users}`).toBeLessThanOrEqual(1.5));
    }
  });
});
