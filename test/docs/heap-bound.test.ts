import { setImmediate as tick } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { HeapBound, collectGarbage } from '../../src/docs/heap-bound.js';

it('collectGarbage frees what nothing references, without leaving gc exposed to new contexts', async () => {
  let garbage: number[] | undefined = Array.from({ length: 10_000 }, (_, i) => i);
  const ref = new WeakRef(garbage);
  garbage = undefined;
  // A WeakRef keeps its target alive until the current job ends.
  await tick();
  collectGarbage();
  expect(ref.deref()).toBeUndefined();
  expect(runInNewContext('typeof gc')).toBe('undefined');
});

it('HeapBound collects once the heap has grown by its step, and not before', () => {
  const bound = new HeapBound(16 * 1024 * 1024);
  bound.check();
  expect(bound.collections).toBe(0);
  // 32 MB of doubles on the JS heap, kept alive: the heap has grown by more than a step.
  const kept = Array.from({ length: 32 }, () => new Array<number>(128 * 1024).fill(1.5));
  bound.check();
  expect(bound.collections).toBe(1);
  // Right after a collection the floor is the live heap: no growth, no collection.
  bound.check();
  expect(bound.collections).toBe(1);
  expect(kept.length).toBe(32);
});

it('HeapBound.compact runs two full collections and takes the heap after them as the new floor', () => {
  const bound = new HeapBound(16 * 1024 * 1024);
  let kept: number[][] | undefined = Array.from({ length: 24 }, () => new Array<number>(128 * 1024).fill(2.5));
  expect(kept.length).toBe(24);
  kept = undefined;
  bound.compact();
  expect(bound.collections).toBe(2);
  // The 24 MB dropped before compact() is not counted as growth afterwards.
  bound.check();
  expect(bound.collections).toBe(2);
});
