import { performance } from 'node:perf_hooks';

/** Workers send their slices once per slice (one second). */
const FLUSH_MS = 1000;

/**
 * Flush just after each slice boundary so each message mostly carries whole seconds: calls
 * `flush(through)` (the last slice index that is complete) every second until `finished()`.
 * Each timer goes into `timers` so the generator can clear them when it stops.
 */
export function scheduleFlushes(runStart: number, timers: NodeJS.Timeout[], finished: () => boolean, flush: (through: number) => void): void {
  const elapsed = performance.now() - runStart;
  const nextBoundary = (Math.floor(elapsed / FLUSH_MS) + 1) * FLUSH_MS + 20;
  timers.push(
    setTimeout(() => {
      if (finished()) return;
      flush(Math.floor((performance.now() - runStart) / FLUSH_MS) - 1);
      scheduleFlushes(runStart, timers, finished, flush);
    }, nextBoundary - elapsed),
  );
}
