/**
 * Politeness per host: at most `concurrency` checks in flight, and at least `spacingMs` between
 * the starts of two requests to the same host (retries and redirects included).
 */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly nextStart = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly spacingMs: number,
  ) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    if ((this.active.get(host) ?? 0) >= this.concurrency) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(host) ?? [];
        q.push(resolve);
        this.waiting.set(host, q);
      });
    } else this.active.set(host, (this.active.get(host) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const next = this.waiting.get(host)?.shift();
      // Hand the slot straight to the next waiter; otherwise give it back.
      if (next) next();
      else this.active.set(host, (this.active.get(host) ?? 1) - 1);
    }
  }

  /** Wait until a request to `host` may start, and reserve that start. */
  async pace(host: string): Promise<void> {
    if (this.spacingMs <= 0) return;
    const now = Date.now();
    const at = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, at + this.spacingMs);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}
