import type { EventEmitter } from 'node:events';
import type { LoadEvents, Progress } from '../load/engine.js';
import { formatMs, formatCount } from './format.js';

/**
 * Live progress: one line rewritten in place on a TTY; otherwise a plain line every few
 * seconds, so CI logs stay readable. Subscribes to the run's events only.
 */
export function attachProgress(run: EventEmitter<LoadEvents>, out: NodeJS.WriteStream, opts: { quiet: boolean; intervalMs?: number }): () => void {
  if (opts.quiet) return () => {};
  const tty = out.isTTY === true;
  const every = opts.intervalMs ?? 5000;
  let printed = 0;
  const line = (p: Progress) =>
    `${formatDur(p.elapsedMs)} / ${formatDur(p.elapsedMs + p.remainingMs)} (${formatDur(p.remainingMs)} left)  ${formatCount(p.rps)} req/s  p95 ${formatMs(p.p95Ms)}  ${formatCount(p.requests)} requests  ${formatCount(p.errors)} errors  ${p.connections} connections`;
  const onProgress = (p: Progress) => {
    if (tty) out.write(`\r\x1b[2K${line(p)}`);
    else if (Math.floor(p.elapsedMs / every) > printed) {
      printed = Math.floor(p.elapsedMs / every);
      out.write(line(p) + '\n');
    }
  };
  const onAbort = (reason: string) => out.write(`${tty ? '\r\x1b[2K' : ''}stopping: ${reason}\n`);
  run.on('progress', onProgress);
  run.on('abort', onAbort);
  return () => {
    run.off('progress', onProgress);
    run.off('abort', onAbort);
    if (tty) out.write('\r\x1b[2K');
  };
}

function formatDur(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
