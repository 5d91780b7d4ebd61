import { Agent } from 'undici';
import type { SeriesKey } from '../../core/server-metrics.js';
import { SERVER_METRICS_DEFAULTS, type PrometheusOptions } from './options.js';
import { promApiGet } from './prometheus-api.js';
import { unitFor } from './prometheus.js';

interface InstantVector {
  metric: Record<string, string>;
  value: [number, string];
}

/** One missed poll of one query (timeout, HTTP error, bad answer): a hole in the live view, never an error of the run. */
export interface LivePollGap {
  query: string;
  reason: string;
}

const MAX_BODY = 1024 * 1024;

/**
 * The configured `--prometheus` queries during the run: one instant query each per interval, so
 * they appear on the live outputs like scraped series. Bounded: at most one request per query in
 * flight (a poll still running when the next is due is skipped as a gap), each timed out below the
 * interval, answers over 1 MiB dropped. The after-run query_range stays the report's source of truth.
 */
export class PrometheusLivePoller {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly values = new Map<string, { name: string; unit: string; value: number }>();
  private readonly inFlight = new Set<string>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  readonly gaps: LivePollGap[] = [];
  polls = 0;

  constructor(
    private readonly o: PrometheusOptions,
    private readonly intervalMs: number,
  ) {
    this.timeoutMs = Math.max(50, Math.min(o.timeoutMs ?? SERVER_METRICS_DEFAULTS.prometheusTimeoutMs, Math.floor(intervalMs * 0.8)));
    this.agent = new Agent({ connect: { timeout: this.timeoutMs }, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs, connections: 2 });
  }

  start(): this {
    const queries = Object.entries(this.o.queries ?? {});
    if (queries.length === 0) return this;
    const tick = () => {
      for (const [key, query] of queries) void this.poll(key as SeriesKey, query);
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Synchronous: pending polls are aborted, never awaited. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
    void this.agent.destroy().catch(() => {});
  }

  latest(): { name: string; unit: string; value: number }[] {
    return [...this.values.values()];
  }

  private async poll(key: SeriesKey, query: string): Promise<void> {
    this.polls++;
    if (this.inFlight.has(key)) {
      this.gaps.push({ query, reason: 'the previous query was still running' });
      return;
    }
    this.inFlight.add(key);
    try {
      const r = await this.instant(query);
      if (typeof r === 'string') {
        if (!this.abort.signal.aborted) this.gaps.push({ query, reason: r });
        return;
      }
      // Same names as the after-run series (makeSeries): resource.role, with the labels when several.
      for (const v of r) {
        const n = Number(v.value[1]);
        if (!Number.isFinite(n)) continue;
        const labels = Object.entries(v.metric).map(([k, x]) => `${k}="${x}"`).join(',');
        const name = r.length > 1 ? `${key}{${labels}}` : key;
        this.values.set(name, { name, unit: unitFor(key), value: n });
      }
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async instant(query: string): Promise<InstantVector[] | string> {
    const data = await promApiGet(this.o.url, 'query', { query }, { agent: this.agent, timeoutMs: this.timeoutMs, maxBody: MAX_BODY, signal: this.abort.signal });
    if (typeof data === 'string') return data;
    if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
    if (data.resultType !== 'vector' || !Array.isArray(data.result)) return 'the answer is not an instant vector';
    return (data.result as InstantVector[]).filter((v) => v && typeof v.metric === 'object' && Array.isArray(v.value));
  }
}
