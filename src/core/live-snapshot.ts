/**
 * The once-a-second picture of a running load test that live outputs (the dashboard, Prometheus
 * remote write) read. Load runs publish it to the process's `liveFeed`; nothing is built unless
 * something subscribed, so a run without --dashboard / --remote-write pays nothing.
 */
export interface LiveSnapshot {
  /** 1 for the first load run of this process; capacity steps and baseline profiles count up. */
  run: number;
  /** Epoch ms of this snapshot. */
  at: number;
  elapsedMs: number;
  durationMs: number;
  /** The last second every worker has completed (requests, rate and latency of that second). */
  second: { t: number; requests: number; errors: number; p50: number; p95: number; p99: number };
  /** Run totals so far. */
  requests: number;
  errors: number;
  bytes: number;
  /** Failed requests so far by class (http_4xx, timeout, refused, ...); classes with 0 are left out. */
  errorClasses: Record<string, number>;
  /** Virtual users / connections busy now. */
  users: number;
  /** Every threshold evaluated over the run so far (actual null: nothing measured yet). */
  thresholds: LiveThreshold[];
  /** The busiest endpoints (most requests), at most MAX_LIVE_ENDPOINTS; the report has them all. */
  endpoints: LiveEndpoint[];
  /** Endpoints left out of `endpoints` (0 when all are there). */
  endpointsOmitted: number;
  /** Latest value of each server-side series (--metrics), when scraped. */
  server: LiveServerValue[];
}

/** Live figures stay cheap (percentiles, the remote-write body) however many endpoints a scenario names. */
export const MAX_LIVE_ENDPOINTS = 100;

export interface LiveThreshold {
  metric: string;
  expression: string;
  actual: number | null;
  ok: boolean;
}

export interface LiveEndpoint {
  name: string;
  method: string;
  scenario?: string;
  requests: number;
  errors: number;
  /** Responses by status class: "2xx", "3xx", "4xx", "5xx"; "none" for requests without a response. */
  statusClasses: Record<string, number>;
  /** Latency percentiles over the run so far, ms. */
  p50: number;
  p95: number;
  p99: number;
}

export interface LiveServerValue {
  name: string;
  unit: string;
  value: number;
}

type Subscriber = (s: LiveSnapshot) => void;

/**
 * The process's live channel: the CLI subscribes its live outputs, every load run (quick, scripted,
 * each capacity step or baseline profile, the load part of `gonogo run`) publishes to it. A
 * subscriber that throws is dropped: a live output must never break the run.
 */
class LiveFeed {
  private readonly subs = new Set<Subscriber>();
  private runs = 0;

  get active(): boolean {
    return this.subs.size > 0;
  }

  /** A number for the next load run. */
  nextRun(): number {
    return ++this.runs;
  }

  subscribe(fn: Subscriber): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  publish(s: LiveSnapshot): void {
    for (const fn of this.subs) {
      try {
        fn(s);
      } catch {
        this.subs.delete(fn);
      }
    }
  }
}

export const liveFeed = new LiveFeed();
