import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface MetricsSources {
  queueDepth(): number;
  tasksRunning(): number;
  items(): number;
}

interface Children {
  inc(): void;
  observe(v: number): void;
}

/**
 * Prometheus metrics (text exposition format 0.0.4): requests and latency by route / method / status,
 * filter blocks and rate-limit refusals, queue depth, plus prom-client's process metrics (CPU, memory,
 * event-loop lag, GC). One registry per server, so several servers in one process stay apart.
 */
export class DemoMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly duration: Histogram<'route' | 'method' | 'status'>;
  private readonly blocked: Counter<'rule'>;
  private readonly limited: Counter;
  private readonly children = new Map<string, Children>();

  constructor(src: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern, method and status.', labelNames: ['route', 'method', 'status'], registers });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request arrival to the end of the response, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.blocked = new Counter({ name: 'demo_requests_blocked_total', help: 'Requests the request filter answered with 403, by rule.', labelNames: ['rule'], registers });
    this.limited = new Counter({ name: 'demo_rate_limited_total', help: 'Requests answered 429 by the per-client rate limit.', registers });
    new Gauge({ name: 'demo_task_queue_depth', help: 'Tasks waiting in the queue.', registers, collect() { this.set(src.queueDepth()); } });
    new Gauge({ name: 'demo_tasks_running', help: 'Tasks running now.', registers, collect() { this.set(src.tasksRunning()); } });
    new Gauge({ name: 'demo_items', help: 'Items in the data store.', registers, collect() { this.set(src.items()); } });
  }

  observe(route: string, method: string, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : 'OTHER';
    const key = `${route} ${m} ${status}`;
    let c = this.children.get(key);
    if (!c) {
      const labels = { route, method: m, status: String(status) };
      const counter = this.requests.labels(labels);
      const hist = this.duration.labels(labels);
      c = { inc: () => counter.inc(), observe: (v) => hist.observe(v) };
      this.children.set(key, c);
    }
    c.inc();
    c.observe(seconds);
  }

  blockedBy(rule: string): void {
    this.blocked.inc({ rule });
  }

  rateLimited(): void {
    this.limited.inc();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    // prom-client 15 writes NaN as "Nan" (e.g. event-loop lag before the first sample); the format says NaN.
    return (await this.registry.metrics()).replace(/ Nan$/gm, ' NaN');
  }
}
