/**
 * Fixed-window rate limit per client address, with the IETF draft headers
 * (RateLimit-Limit / -Remaining / -Reset, RateLimit-Policy) and Retry-After on 429.
 */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

/** Without configuration: generous for loopback load tests, modest for anyone else. */
export const DEFAULT_LOOPBACK_LIMIT: RateLimitOptions = { limit: 1_000_000, windowMs: 60_000 };
export const DEFAULT_REMOTE_LIMIT: RateLimitOptions = { limit: 600, windowMs: 60_000 };

export interface RateDecision {
  allowed: boolean;
  /** Headers to add to the response, flat [name, value, ...]. */
  headers: string[];
}

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    private readonly policyFor: (client: string) => RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  take(client: string): RateDecision {
    const t = this.now();
    const policy = this.policyFor(client);
    let w = this.windows.get(client);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + policy.windowMs };
      this.windows.set(client, w);
      if (t - this.lastSweep > policy.windowMs) this.sweep(t);
    }
    w.count++;
    const allowed = w.count <= policy.limit;
    const resetS = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
    const headers = [
      'RateLimit-Limit', String(policy.limit),
      'RateLimit-Remaining', String(Math.max(0, policy.limit - w.count)),
      'RateLimit-Reset', String(resetS),
      'RateLimit-Policy', `${policy.limit};w=${Math.max(1, Math.round(policy.windowMs / 1000))}`,
    ];
    if (!allowed) headers.push('Retry-After', String(resetS));
    return { allowed, headers };
  }

  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
  }
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}
