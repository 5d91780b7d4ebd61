import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { liveFeed, type LiveServerValue } from '../core/live-snapshot.js';
import type { Progress, RunCollector } from './collector.js';

export interface LoadEvents {
  start: [{ workers: number; connections: number; rate: number | null; durationMs: number }];
  progress: [Progress];
  abort: [string];
}

/** One load generator (inline driver or worker thread) as the run sees it. */
export interface Runner {
  stop(): void;
}

/**
 * What quick mode's LoadRun and scripted mode's ScenarioRun share: the `result` promise, the
 * generators to stop, the abort reason, the once-a-second progress tick. Nothing here runs per request.
 */
export abstract class RunBase<R> extends EventEmitter<LoadEvents> {
  readonly result: Promise<R>;
  protected runners: Runner[] = [];
  protected abortReason: string | null = null;
  protected resolve!: (r: R) => void;
  protected reject!: (e: unknown) => void;
  private tick: NodeJS.Timeout | undefined;
  private readonly failHooks: (() => void)[] = [];
  /** The server-side series' latest values for live outputs (set by a front end that scrapes --metrics). */
  protected liveServer: (() => LiveServerValue[]) | undefined;

  constructor() {
    super();
    this.result = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  /** Stop early (SIGINT, a failed abort-on-fail threshold). The result records the reason. */
  stop(reason: string): void {
    if (this.abortReason !== null) return;
    this.abortReason = reason;
    this.emit('abort', reason);
    for (const r of this.runners) r.stop();
  }

  /**
   * Once a second, just after each second's slices have been flushed by the workers: emit progress
   * and stop when an abortOnFail threshold fails.
   */
  protected startProgress(collector: RunCollector, connections: () => number): void {
    const run = liveFeed.nextRun();
    const onTick = () => {
      const p = collector.progress(connections());
      if (p === undefined) return;
      this.emit('progress', p);
      if (liveFeed.active) publishLive(() => collector.snapshot(run, p.connections, this.liveServer?.() ?? []));
      const failing = collector.failingAbort(p.elapsedMs);
      if (failing) this.stop(`threshold ${failing.source} failed (abortOnFail)`);
    };
    this.tick = setTimeout(() => {
      this.tick = setInterval(onTick, 1000);
      onTick();
    }, Math.max(0, collector.startAt - (performance.timeOrigin + performance.now())) + 1000 + 60);
  }

  /** The result's `aborted`: why the run stopped early, or null. */
  protected aborted(): { reason: string } | null {
    return this.abortReason === null ? null : { reason: this.abortReason };
  }

  protected stopTicks(): void {
    clearTimeout(this.tick);
    clearInterval(this.tick);
  }

  /** Start the generators; a stop that came before they existed reaches them now. */
  protected setRunners(runners: Runner[]): void {
    this.runners = runners;
    if (this.abortReason !== null) for (const r of this.runners) r.stop();
  }

  /** Something to stop when the run fails (the server-metrics sampler). */
  protected onFail(hook: () => void): void {
    this.failHooks.push(hook);
  }

  protected fail(err: unknown): void {
    this.stopTicks();
    for (const h of this.failHooks) h();
    for (const r of this.runners) r.stop();
    this.reject(err);
  }
}

/** A live snapshot that cannot be built is skipped: live outputs never break the run. */
function publishLive(build: () => ReturnType<RunCollector['snapshot']>): void {
  try {
    liveFeed.publish(build());
  } catch {
    // skipped second
  }
}

/**
 * Run a generator in a worker thread: `onMessage` gets every message, the thread ends after its
 * `done` message, and an error or an exit before `done` goes to `onError`.
 */
export function runInWorker<M extends { type: string }>(script: URL, workerData: unknown, label: string, onMessage: (m: M) => void, onError: (e: unknown) => void): Runner {
  const w = new Worker(script, { workerData });
  let done = false;
  w.on('message', (m: M) => {
    if (m.type === 'done') {
      done = true;
      void w.terminate();
    }
    onMessage(m);
  });
  w.on('error', onError);
  w.on('exit', (code) => {
    if (!done) onError(new Error(`${label} exited with code ${code} before finishing`));
  });
  return { stop: () => w.postMessage({ type: 'stop' }) };
}
