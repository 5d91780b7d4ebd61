import { performance } from 'node:perf_hooks';
import type { LoadResult } from '../../core/load-result.js';
import type { ServerReport } from '../../core/server-metrics.js';
import { analyseBottlenecks } from './bottlenecks.js';
import type { ServerMetricsOptions } from './options.js';
import { queryPrometheus } from './prometheus.js';
import { PrometheusLivePoller } from './prometheus-live.js';
import { ServerSampler, type ScrapeLog } from './sampler.js';
import { SeriesReducer } from './series.js';

/**
 * The server side of one load run: started with the run (its epoch start, the collector's
 * startAt), stopped when the generators are done, then turned into the result's `server`. Both
 * front ends (quick mode, scenarios) and so every profile, baseline and capacity step use it through
 * their run options' `metrics`.
 */
export class ServerWatch {
  private readonly sampler: ServerSampler | undefined;
  private readonly poller: PrometheusLivePoller | undefined;
  private log: ScrapeLog | undefined;

  private constructor(
    private readonly o: ServerMetricsOptions,
    private readonly startAt: number,
  ) {
    this.sampler = o.urls.length > 0 ? new ServerSampler(o, startAt).start() : undefined;
    this.poller = o.prometheus?.queries && Object.keys(o.prometheus.queries).length > 0 ? new PrometheusLivePoller(o.prometheus, o.intervalMs).start() : undefined;
  }

  /** Start scraping now; undefined when there is nothing to watch. */
  static start(o: ServerMetricsOptions | undefined, startAt: number): ServerWatch | undefined {
    if (!o || (o.urls.length === 0 && !o.prometheus)) return undefined;
    return new ServerWatch(o, startAt);
  }

  /** Stop scraping (idempotent, synchronous: never delays the end of the run). */
  stop(): void {
    this.log ??= this.sampler?.stop();
    this.stopped = true;
    this.poller?.stop();
  }

  private stopped = false;

  /**
   * Latest values for live outputs: scraped series, then the configured --prometheus queries polled
   * as instant queries (the catalogue query is only run after the run).
   */
  live(): { name: string; unit: string; value: number }[] {
    if (this.stopped) return [];
    const scraped = this.sampler ? this.sampler.latest(Math.max(0, Math.floor((performance.timeOrigin + performance.now() - this.startAt) / 1000))) : [];
    return [...scraped, ...(this.poller?.latest() ?? [])];
  }

  /**
   * Stop, query Prometheus over the run's window (bounded by its timeout), align everything on the
   * result's timeline and analyse it: the result's `server`.
   */
  async report(result: Pick<LoadResult, 'timeline' | 'generator' | 'durationMs'>): Promise<ServerReport> {
    this.stop();
    const log = this.log;
    const lastT = Math.max(0, Math.ceil(result.durationMs / 1000) - 1, ...result.timeline.map((p) => p.t));
    const reducer = log?.reducer ?? new SeriesReducer(this.o.map);
    const warnings: string[] = [];
    const sources = [...(log?.sources ?? [])];
    const extra = [];
    if (this.o.prometheus) {
      const step = Math.max(1, Math.round(this.o.intervalMs / 1000));
      // One step before the start gives counters a baseline for the first second.
      const p = await queryPrometheus(this.o.prometheus, { startMs: this.startAt - step * 1000, endMs: this.startAt + (lastT + 1) * 1000, stepSec: step, runStartAt: this.startAt });
      for (const ob of p.observations) reducer.add(ob);
      extra.push(...p.series);
      warnings.push(...p.warnings);
    }
    if (this.poller && this.poller.gaps.length > 0) {
      const reasons = new Map<string, number>();
      for (const g of this.poller.gaps) reasons.set(g.reason, (reasons.get(g.reason) ?? 0) + 1);
      warnings.push(`${this.poller.gaps.length} of ${this.poller.polls} live Prometheus queries gave no data: ${[...reasons].map(([r, n]) => `${r} (${n})`).join(', ')}`);
    }
    const built = reducer.build(this.startAt, lastT);
    const series = [...built.series, ...extra.filter((s) => s.points.length > 0)];
    for (const s of sources) {
      if (s.failed === 0) continue;
      const reasons = new Map<string, number>();
      for (const g of log!.gaps) if (g.source === s.source) reasons.set(g.reason, (reasons.get(g.reason) ?? 0) + 1);
      warnings.push(`${s.failed} of ${s.scrapes} scrapes of ${s.source} gave no data: ${[...reasons].map(([r, n]) => `${r} (${n})`).join(', ')}`);
    }
    return {
      intervalMs: this.o.intervalMs,
      sources,
      series,
      gaps: (log?.gaps ?? []).map(({ source, t, reason }) => ({ source, t, reason })),
      warnings,
      unmapped: built.unmapped,
      bottlenecks: analyseBottlenecks({ series, timeline: result.timeline, generator: result.generator, limits: this.o.limits }),
    };
  }
}

export { analyseBottlenecks, type BottleneckInput } from './bottlenecks.js';
export type { ServerMetricsOptions, PrometheusOptions } from './options.js';
