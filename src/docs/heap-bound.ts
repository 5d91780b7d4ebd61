import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection now. V8's collector is reached without starting Node with --expose-gc: the flag is on
 * only while a fresh context hands us its `gc`.
 */
export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    try {
      gc = runInNewContext('gc') as () => void;
    } finally {
      v8.setFlagsFromString('--no-expose-gc');
    }
  }
  gc();
}

/**
 * Keeps a long review's heap near its live data. Each file's parse is garbage a moment later, but the larger files'
 * tokens live through two young collections and are promoted; V8 then lets the old generation grow to several times
 * the live size before it collects it (on the 21k-file tree: two full collections in the whole review, heap 125 MB
 * for 43 MB live; BENCHMARKS.md). A full collection whenever the heap has grown by `stepBytes` since the last one
 * bounds it, for a few collections of ~0.2 s each. Meant for a process that does nothing else meanwhile (`gonogo docs`).
 */
export class HeapBound {
  private floor = v8.getHeapStatistics().used_heap_size;
  collections = 0;

  constructor(private readonly stepBytes: number) {}

  /** After each file: cheap (one heap statistics call) unless the heap has grown by a step. */
  check(): void {
    if (v8.getHeapStatistics().used_heap_size >= this.floor + this.stepBytes) this.collect();
  }

  collect(): void {
    collectGarbage();
    this.collections++;
    this.floor = v8.getHeapStatistics().used_heap_size;
  }

  /**
   * Two full collections: the first finds the old generation's pages nearly empty after a phase's data is dropped,
   * the second moves their few live objects together, so those pages go back to the system (measured: old space
   * 45 MB committed for 16 MB live after the 21k-file link checks; one collection leaves it at 45 MB).
   */
  compact(): void {
    this.collect();
    this.collect();
  }
}
