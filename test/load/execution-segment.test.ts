import { describe, expect, it } from 'vitest';
import { ArrivalSchedule, scheduledIterations } from '../../src/load/executors/arrival.js';
import { UserRamp, usersOnWorker } from '../../src/load/executors/closed.js';
import type { ClosedPlan, OpenPlan } from '../../src/load/executors/plan.js';
import {
  fillSequence,
  formatSegment,
  formatSequence,
  parseSegment,
  parseSequence,
  resolveSegmentation,
  stripeCount,
  stripeIndex,
  stripes,
  type Stripe,
} from '../../src/load/segment/execution-segment.js';
import { parseStartAt } from '../../src/load/segment/run-identity.js';
import { GonogoError } from '../../src/core/errors.js';
import { randomSequence, rng, stripesOf } from './segment-random.js';

const CASES = 300;

describe('execution segment syntax (k6)', () => {
  it('reads fractions, decimals and percentages; a single value is the first segment', () => {
    for (const t of ['1/2:3/4', '0.5:0.75', '50%:75%', '2/4:75%']) expect(formatSegment(parseSegment(t))).toBe('1/2:3/4');
    expect(formatSegment(parseSegment('20%'))).toBe('0:1/5');
    expect(formatSequence(parseSequence('0,1/3,2/3,1'))).toBe('0,1/3,2/3,1');
  });

  it('rejects empty, reversed and out-of-range segments with the flag named', () => {
    for (const bad of ['1/2:1/2', '2/3:1/3', '0:3/2', 'a:b', '1/0', '0:1:2']) {
      const err = (() => {
        try {
          parseSegment(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(err, bad).toBeInstanceOf(GonogoError);
      expect((err as GonogoError).where).toBe('--execution-segment');
      expect((err as GonogoError).exitCode).toBe(2);
    }
    expect(() => resolveSegmentation('0:1/2', '0,1/3,2/3,1')).toThrow(/not one of the segments/);
    expect(() => parseSequence('0,1/2,1/3,1')).toThrow(/must increase/);
  });

  it('takes ISO-8601 start times with a zone only', () => {
    expect(parseStartAt('2026-12-04T09:00:00Z')).toBe(Date.UTC(2026, 11, 4, 9));
    expect(parseStartAt('2026-12-04T10:00:00+01:00')).toBe(Date.UTC(2026, 11, 4, 9));
    expect(() => parseStartAt('2026-12-04 09:00')).toThrow(/ISO-8601/);
    expect(() => parseStartAt('tomorrow')).toThrow(/ISO-8601/);
  });
});

describe('striping (k6 segmented index)', () => {
  it('equal thirds take one number of every three, in sequence order', () => {
    expect(stripesOf('0,1/3,2/3,1').map((s) => s.positions)).toEqual([[0], [1], [2]]);
  });

  it('property: the stripes of any sequence partition every block of lcd numbers', () => {
    const r = rng(1);
    for (let c = 0; c < CASES; c++) {
      const seq = randomSequence(r);
      const ss = stripesOf(seq);
      const owner = new Array<number>(ss[0]!.lcd).fill(-1);
      ss.forEach((s, i) => {
        for (const p of s.positions) {
          expect(owner[p], `${seq}: ${p} taken twice`).toBe(-1);
          owner[p] = i;
        }
      });
      expect(owner.includes(-1), `${seq}: a number nobody takes`).toBe(false);
    }
  });

  it('property: shares of any n add up exactly; a whole number of blocks gives each segment exactly its length', () => {
    const r = rng(2);
    for (let c = 0; c < CASES; c++) {
      const seq = randomSequence(r);
      const full = fillSequence(parseSequence(seq));
      const ss = stripes(full);
      const n = Math.floor(r() * 100_000);
      const shares = ss.map((s) => stripeCount(s, n));
      expect(shares.reduce((a, b) => a + b, 0), seq).toBe(n);
      const blocks = Math.floor(n / ss[0]!.lcd);
      ss.forEach((s, i) => {
        expect(stripeCount(s, blocks * s.lcd)).toBe(blocks * s.positions.length);
        // Within a block the greedy striping is off the ideal share by less than one block's worth.
        expect(Math.abs(shares[i]! - (n * s.positions.length) / s.lcd), `${seq} n=${n}`).toBeLessThan(s.positions.length + 1);
      });
      // stripeIndex enumerates exactly the numbers stripeCount counts.
      const s = ss[Math.floor(r() * ss.length)]!;
      const k = stripeCount(s, n);
      if (k > 0) expect(stripeIndex(s, k - 1)).toBeLessThan(n);
      expect(stripeIndex(s, k)).toBeGreaterThanOrEqual(n);
    }
  });
});

/** Every segment of the sequence, each with its own worker count, as the runner deals them. */
function segmentWorkers(seq: string, r: () => number): { stripe: Stripe; workers: number }[] {
  return stripesOf(seq).map((stripe) => ({ stripe, workers: 1 + Math.floor(r() * 4) }));
}

describe('every executor takes exactly its share (property)', () => {
  it('ramping users: at every moment the segments\' workers run exactly the unsplit user count', () => {
    const r = rng(3);
    for (let c = 0; c < 100; c++) {
      const seq = randomSequence(r);
      const parts = segmentWorkers(seq, r);
      const stages = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({ durationMs: 1000 + Math.floor(r() * 10_000), target: Math.floor(r() * 1000) }));
      const plan: ClosedPlan = { model: 'closed', type: 'ramping-users', startUsers: Math.floor(r() * 50), stages, spawnRate: r() < 0.5 ? null : 1 + r() * 200, durationMs: stages.reduce((a, s) => a + s.durationMs, 0), maxUsers: 1000 };
      const ramp = new UserRamp(plan);
      for (let t = 0; t <= plan.durationMs; t += 100) {
        const whole = ramp.at(t);
        let sum = 0;
        for (const { stripe, workers } of parts) for (let w = 0; w < workers; w++) sum += usersOnWorker(stripeCount(stripe, whole), w, workers);
        expect(sum, `${seq} t=${t}`).toBe(whole);
      }
    }
  });

  it('arrival rate (constant and ramping): the segments\' arrivals are the unsplit arrivals, each once, at the same times', () => {
    const r = rng(4);
    for (let c = 0; c < 60; c++) {
      const seq = randomSequence(r);
      const parts = segmentWorkers(seq, r);
      const ramping = r() < 0.5;
      const startRate = ramping ? Math.floor(r() * 50) : 1 + Math.floor(r() * 80);
      const stages = ramping ? Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ durationMs: 500 + Math.floor(r() * 5000), target: Math.floor(r() * 100) })) : [{ durationMs: 1000 + Math.floor(r() * 5000), target: startRate }];
      const plan: OpenPlan = { model: 'open', type: ramping ? 'ramping-arrival-rate' : 'constant-arrival-rate', startRate, stages, durationMs: stages.reduce((a, s) => a + s.durationMs, 0), preAllocatedUsers: 1, maxUsers: 1 };
      const unsplit = new ArrivalSchedule(plan);
      const expected: number[] = [];
      for (let k = 0; ; k++) {
        const t = unsplit.timeOf(k);
        if (!(t < plan.durationMs)) break;
        expected.push(t);
      }
      expect(expected.length).toBe(scheduledIterations(plan));
      const got: number[] = [];
      for (const { stripe, workers } of parts) {
        for (let w = 0; w < workers; w++) {
          // As runner.ts runOpen: local arrival k = w, w + W, ...; its time is the unsplit arrival stripeIndex(k).
          const sched = new ArrivalSchedule(plan);
          for (let k = w; ; k += workers) {
            const t = sched.timeOf(stripeIndex(stripe, k));
            if (!(t < plan.durationMs)) break;
            got.push(t);
          }
        }
      }
      expect(got.sort((a, b) => a - b), seq).toEqual(expected);
    }
  });

  it('quick mode open model: the segments\' send slots are the unsplit slots; dropped counting agrees', () => {
    const r = rng(5);
    for (let c = 0; c < 100; c++) {
      const seq = randomSequence(r);
      const parts = segmentWorkers(seq, r);
      const slots = Math.floor(r() * 5000);
      const seen = new Uint8Array(slots);
      let counted = 0;
      for (const { stripe, workers } of parts) {
        for (let w = 0; w < workers; w++) {
          // driver.ts: send n of worker w is slot stripeIndex(w + n * W); beginStop counts the due ones the same way.
          let n = 0;
          for (; stripeIndex(stripe, w + n * workers) < slots; n++) seen[stripeIndex(stripe, w + n * workers)]!++;
          expect(n).toBe(usersOnWorker(stripeCount(stripe, slots), w, workers));
          counted += n;
        }
      }
      expect(counted, seq).toBe(slots);
      expect(seen.every((x) => x === 1)).toBe(true);
    }
  });

  it('a segment without a sequence is striped in its own filled sequence, as k6 does', () => {
    const s = resolveSegmentation('1/3:2/3', undefined);
    expect(s.sequence).toBeNull();
    expect(stripeCount(s.stripe, 300)).toBe(100);
    const withSeq = resolveSegmentation('0:1/3', '0,1/3,1');
    expect(withSeq.stripe.positions).toEqual([1]);
  });
});
