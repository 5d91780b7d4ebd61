/**
 * The request budget and scope guard every probe request passes through: only the allowed origins,
 * at most `maxRequests` requests, at most `rate` per second. Pure bookkeeping; the client does the I/O.
 */
export class BudgetExhaustedError extends Error {
  /** `share`: the check used up what the planner gave it (the whole budget may still have requests left). */
  constructor(readonly max: number, readonly share = false) {
    super(share ? `the check's share of ${max} requests is used up` : `request budget of ${max} exhausted`);
    this.name = 'BudgetExhaustedError';
  }
}

export class OutOfScopeError extends Error {
  constructor(readonly url: string, readonly allowed: readonly string[]) {
    super(`${url} is outside the probe's scope (${allowed.join(', ')})`);
    this.name = 'OutOfScopeError';
  }
}

export interface BudgetOptions {
  maxRequests: number;
  /** Requests per second; undefined = as fast as the checks send. */
  rate?: number;
  /** Origins that may be contacted (the configured origin, and the http:// twin when configured). */
  origins: readonly string[];
}

export class Budget {
  private used = 0;
  private nextSlot = 0;

  constructor(readonly opts: BudgetOptions) {}

  get spent(): number {
    return this.used;
  }

  get remaining(): number {
    return Math.max(0, this.opts.maxRequests - this.used);
  }

  /** Throws when the URL is out of scope; a check never builds such a URL on purpose, so this guards against bugs. */
  assertInScope(url: string): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new OutOfScopeError(url, this.opts.origins);
    }
    if (!this.opts.origins.includes(origin)) throw new OutOfScopeError(url, this.opts.origins);
  }

  /** Takes one request from the budget and returns how long to wait before sending it (rate pacing). */
  take(now: number): number {
    if (this.used >= this.opts.maxRequests) throw new BudgetExhaustedError(this.opts.maxRequests);
    this.used++;
    if (!this.opts.rate) return 0;
    const interval = 1000 / this.opts.rate;
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    return slot - now;
  }
}

/** The same URL on the same host over plain http, as the tls.redirect check needs it (port 80 only for default https). */
export function httpTwin(target: string): string | undefined {
  const u = new URL(target);
  if (u.protocol !== 'https:' || u.port !== '') return undefined;
  return `http://${u.host}`;
}
