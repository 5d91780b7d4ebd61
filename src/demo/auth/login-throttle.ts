/**
 * Slows down password guessing. Failures are counted per user name (known or not, so the answers
 * cannot tell accounts apart) and per client; past the limit the name or client is locked for a while.
 */
export interface ThrottleOptions {
  /** Failed logins per user name before it is locked. */
  maxFailures: number;
  /** Failed logins per client address before it is locked (covers spraying across names). */
  maxClientFailures: number;
  /** Window in which failures count, and how long a lock lasts, in milliseconds. */
  windowMs: number;
  lockoutMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { maxFailures: 5, maxClientFailures: 50, windowMs: 15 * 60_000, lockoutMs: 60_000 };

interface Entry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly opts: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until a new attempt is allowed for this name / client; 0 when allowed. */
  retryAfterMs(username: string, client: string): number {
    const t = this.now();
    return Math.max(this.lockLeft(`u:${username.toLowerCase()}`, t), this.lockLeft(`c:${client}`, t));
  }

  fail(username: string, client: string): void {
    this.bump(`u:${username.toLowerCase()}`, this.opts.maxFailures);
    this.bump(`c:${client}`, this.opts.maxClientFailures);
  }

  succeed(username: string): void {
    this.entries.delete(`u:${username.toLowerCase()}`);
  }

  private lockLeft(key: string, t: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (e.lockedUntil > t) return e.lockedUntil - t;
    if (e.lockedUntil !== 0 || t - e.firstAt > this.opts.windowMs) this.entries.delete(key);
    return 0;
  }

  private bump(key: string, max: number): void {
    const t = this.now();
    let e = this.entries.get(key);
    if (!e || t - e.firstAt > this.opts.windowMs) {
      e = { failures: 0, firstAt: t, lockedUntil: 0 };
      this.entries.set(key, e);
    }
    e.failures++;
    if (e.failures >= max) e.lockedUntil = t + this.opts.lockoutMs;
    if (this.entries.size > 100_000) this.sweep(t);
  }

  private sweep(t: number): void {
    for (const [k, e] of this.entries) if (e.lockedUntil <= t && t - e.firstAt > this.opts.windowMs) this.entries.delete(k);
  }
}
