import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import type { ServerGap } from '../../core/server-metrics.js';
import { SERVER_METRICS_DEFAULTS, scrapeTimeoutMs, type ServerMetricsOptions } from './options.js';
import { displayUrl, scrape } from './scrape.js';
import { SeriesReducer } from './series.js';

/** What a sampler saw: successful scrapes (reduced as they came), the failed ones and counts. */
export interface ScrapeLog {
  startAt: number;
  reducer: SeriesReducer;
  gaps: (ServerGap & { at: number })[];
  sources: { source: string; scrapes: number; ok: number; failed: number }[];
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Scrapes every URL each `intervalMs`, aligned on the run's start (epoch ms, the collector's
 * startAt), for as long as it runs. Nothing it does can stop or slow the run: each scrape is bounded
 * by a timeout below the interval and a body cap, a URL whose last scrape is still running is
 * skipped (a gap), timers are unref'd, and `stop()` aborts whatever is in flight and returns at once.
 */
export class ServerSampler {
  private readonly agent: Agent;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<string>();
  private readonly log: ScrapeLog;
  private timer: NodeJS.Timeout | undefined;
  private tick = 0;
  private stopped = false;

  constructor(
    private readonly o: ServerMetricsOptions,
    startAt: number,
  ) {
    const timeout = scrapeTimeoutMs(o);
    this.agent = new Agent({ connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout, connections: 1, keepAliveTimeout: Math.max(1000, o.intervalMs * 2) });
    this.log = { startAt, reducer: new SeriesReducer(o.map), gaps: [], sources: o.urls.map((u) => ({ source: displayUrl(u), scrapes: 0, ok: 0, failed: 0 })) };
  }

  start(): this {
    this.schedule();
    return this;
  }

  /** Stop scraping; in-flight scrapes are aborted (their gaps are not recorded: the run is over). */
  stop(): ScrapeLog {
    if (!this.stopped) {
      this.stopped = true;
      clearTimeout(this.timer);
      this.abort.abort();
      this.agent.destroy().catch(() => {});
    }
    return this.log;
  }

  /** The latest value of each series scraped so far (live outputs); seconds up to `lastT`. */
  latest(lastT: number): { name: string; unit: string; value: number }[] {
    return this.log.reducer.build(this.log.startAt, lastT).series.flatMap((s) => (s.points.length > 0 ? [{ name: s.name, unit: s.unit, value: s.points[s.points.length - 1]!.v }] : []));
  }

  private schedule(): void {
    if (this.stopped) return;
    const due = this.log.startAt + this.tick * this.o.intervalMs;
    this.timer = setTimeout(() => {
      this.tick++;
      this.scrapeAll(due);
      this.schedule();
    }, Math.max(0, due - now()));
    this.timer.unref();
  }

  private scrapeAll(due: number): void {
    this.o.urls.forEach((url, i) => {
      const src = this.log.sources[i]!;
      src.scrapes++;
      if (this.inFlight.has(url)) {
        this.gap(src, due, 'the previous scrape was still running');
        return;
      }
      this.inFlight.add(url);
      const at = now();
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(scrapeTimeoutMs(this.o))]);
      void scrape(url, { agent: this.agent, signal, maxBytes: this.o.maxBytes ?? SERVER_METRICS_DEFAULTS.maxBytes }).then((r) => {
        this.inFlight.delete(url);
        // Cut off by the end of the run: neither data nor a gap (the report may already be built).
        if (this.stopped) {
          src.scrapes--;
          return;
        }
        if (r.ok) {
          src.ok++;
          this.log.reducer.add({ source: src.source, at, samples: r.samples });
        } else this.gap(src, at, r.reason);
      });
    });
  }

  private gap(src: ScrapeLog['sources'][number], at: number, reason: string): void {
    src.failed++;
    this.log.gaps.push({ source: src.source, at, t: Math.max(0, Math.floor((at - this.log.startAt) / 1000)), reason });
  }
}
