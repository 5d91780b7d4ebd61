import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** What one load generator thread (quick Driver or ScenarioWorker) reports when it is done. */
export interface GeneratorStats {
  /** Open model: sends that left more than lateMs after their intended time. */
  late: number;
  /** ...of which the cause was that every connection was busy. */
  lateNoConnection: number;
  /** Open model: scheduled before the end but never sent. */
  dropped: number;
  maxSendLagMs: number;
  /** Requests still in flight when the grace period ran out. */
  interrupted: number;
  /** TCP/TLS connections opened. */
  opens: number;
  eventLoopUtilization: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** When this worker actually stopped sending, relative to the run start. */
  sendWindowMs: number;
}

/**
 * How busy a generator thread's event loop was between `start` and `stop`: the figures the
 * self-check reads to tell a slow target from a saturated generator. Not on the per-request path.
 */
export class LoopProbe {
  private readonly delay = monitorEventLoopDelay({ resolution: 10 });
  private elu = performance.eventLoopUtilization();

  start(): void {
    this.delay.enable();
    this.elu = performance.eventLoopUtilization();
  }

  stop(): Pick<GeneratorStats, 'eventLoopUtilization' | 'eventLoopDelayP99Ms' | 'eventLoopDelayMaxMs'> {
    this.delay.disable();
    return {
      eventLoopUtilization: performance.eventLoopUtilization(this.elu).utilization,
      eventLoopDelayP99Ms: this.delay.count > 0 ? this.delay.percentile(99) / 1e6 : 0,
      eventLoopDelayMaxMs: this.delay.count > 0 ? this.delay.max / 1e6 : 0,
    };
  }
}
