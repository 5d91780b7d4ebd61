/**
 * A bounded connection pool: at most `max` connections in use, callers beyond that wait in FIFO order
 * and give up after `acquireTimeoutMs` (HikariCP's connectionTimeout). The connections themselves come
 * from the engine (one PGlite session per slot, or a pg client); this class is the bound and the
 * bookkeeping that /metrics shows under HikariCP's names.
 */
export class PoolTimeoutError extends Error {
  constructor(readonly waitedMs: number, readonly max: number) {
    super(`no database connection free within ${waitedMs} ms (pool of ${max})`);
    this.name = 'PoolTimeoutError';
  }
}

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

export interface PoolStats {
  max: number;
  active: number;
  idle: number;
  pending: number;
  /** Acquisitions that timed out, since start. */
  timeouts: number;
  /** Acquisitions granted, since start. */
  acquired: number;
  /** Most connections in use at once, since start. */
  peakActive: number;
}

export class BoundedPool {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private timeouts = 0;
  private acquired = 0;
  private peak = 0;

  constructor(
    private maxSize: number,
    private readonly acquireTimeoutMs: number,
    /** Called with each wait, in seconds (the acquire-time histogram). */
    private readonly onWait: (seconds: number) => void = () => {},
  ) {}

  get max(): number {
    return this.maxSize;
  }

  /** Resize at run time (the dbPoolSize knob): a larger pool serves waiters at once; a smaller one drains as connections return. */
  resize(max: number): void {
    this.maxSize = max;
    while (this.active < this.maxSize && this.waiting.length > 0) this.grantNext();
  }

  stats(): PoolStats {
    return { max: this.maxSize, active: this.active, idle: Math.max(0, this.maxSize - this.active), pending: this.waiting.length, timeouts: this.timeouts, acquired: this.acquired, peakActive: this.peak };
  }

  /** Run `work` holding one connection; waits for a free one, or throws PoolTimeoutError. */
  async with<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    const t0 = performance.now();
    if (this.active < this.maxSize && this.waiting.length === 0) {
      this.take(t0);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          this.take(t0);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          this.timeouts++;
          reject(new PoolTimeoutError(Math.round(performance.now() - t0), this.maxSize));
        }, this.acquireTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  private take(t0: number): void {
    this.active++;
    this.acquired++;
    this.peak = Math.max(this.peak, this.active);
    this.onWait((performance.now() - t0) / 1000);
  }

  private release(): void {
    this.active--;
    if (this.active < this.maxSize && this.waiting.length > 0) this.grantNext();
  }

  private grantNext(): void {
    this.waiting.shift()!.grant();
  }
}
