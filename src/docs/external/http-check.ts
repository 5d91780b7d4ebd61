import { Agent, request } from 'undici';
import { retryAfterMs } from './retry-after.js';
import type { HostLimiter } from './host-limiter.js';

export interface HttpCheckOptions {
  timeoutMs: number;
  retries: number;
  /** Longest Retry-After we wait for; a longer one ends the retries. */
  maxRetryAfterMs: number;
  /** Wait before retry n (0-based) when the server gives no Retry-After. */
  backoffMs: number;
  maxRedirects: number;
  /** Statuses that count as working besides 2xx (e.g. 403 for sites that refuse robots). */
  accept: ReadonlySet<number>;
  userAgent: string;
}

export interface UrlResult {
  ok: boolean;
  status?: number;
  message: string;
  /** A definitive answer worth caching (not a timeout, a reset or a 5xx/429 that outlived the retries). */
  definitive: boolean;
  requests: number;
}

interface Answer {
  status: number;
  location?: string;
  retryAfter?: string;
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One external URL: HEAD (GET when HEAD is refused), redirects followed by hand, 429/5xx retried. */
export class HttpChecker {
  private readonly agent: Agent;

  constructor(
    private readonly opts: HttpCheckOptions,
    private readonly limiter: HostLimiter,
  ) {
    this.agent = new Agent({ connect: { timeout: opts.timeoutMs }, headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs, connections: 8 });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  async check(url: string): Promise<UrlResult> {
    const counter = { n: 0 };
    const head = await this.follow(url, 'HEAD', counter);
    // Many servers answer HEAD with 403/404/405/501 while GET works: ask again with GET. Not after a
    // network error, a 429 or a 5xx that outlived the retries: GET would meet the same trouble.
    const refused = head.status !== undefined && ((head.status >= 400 && head.status < 500 && head.status !== 429) || head.status === 501);
    const result = !head.ok && refused ? await this.follow(url, 'GET', counter) : head;
    return { ...result, requests: counter.n };
  }

  private async follow(start: string, method: 'HEAD' | 'GET', counter: { n: number }): Promise<Omit<UrlResult, 'requests'>> {
    let url = start;
    const seen = new Set<string>([url]);
    const chain: string[] = [];
    for (let hop = 0; ; hop++) {
      const a = await this.withRetries(url, method, counter);
      if ('error' in a) return { ok: false, message: a.error, definitive: false };
      if (a.status >= 300 && a.status < 400 && a.location !== undefined) {
        if (hop >= this.opts.maxRedirects) return { ok: false, status: a.status, message: `more than ${this.opts.maxRedirects} redirects`, definitive: true };
        let next: string;
        try {
          next = new URL(a.location, url).href;
        } catch {
          return { ok: false, status: a.status, message: `redirect to an invalid URL "${a.location}"`, definitive: true };
        }
        if (seen.has(next)) return { ok: false, status: a.status, message: `redirect loop back to ${next}`, definitive: true };
        seen.add(next);
        chain.push(next);
        url = next;
        continue;
      }
      const ok = (a.status >= 200 && a.status < 300) || this.opts.accept.has(a.status);
      const via = chain.length > 0 ? ` (after ${chain.length} redirect${chain.length === 1 ? '' : 's'}, ending at ${url})` : '';
      const transient = a.status === 429 || a.status >= 500;
      return { ok, status: a.status, message: `HTTP ${a.status}${via}`, definitive: ok || !transient };
    }
  }

  private async withRetries(url: string, method: 'HEAD' | 'GET', counter: { n: number }): Promise<Answer | { error: string }> {
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      await this.limiter.pace(host);
      counter.n++;
      const a = await this.once(url, method);
      const retryable = 'error' in a ? a.retryable : a.status === 429 || a.status >= 500;
      if (!retryable || attempt >= this.opts.retries) return a;
      const asked = 'error' in a ? undefined : retryAfterMs(a.retryAfter);
      if (asked !== undefined && asked > this.opts.maxRetryAfterMs) return a;
      await sleep(asked ?? this.opts.backoffMs * 2 ** attempt);
    }
  }

  private async once(url: string, method: 'HEAD' | 'GET'): Promise<Answer | { error: string; retryable: boolean }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('timed out', 'TimeoutError')), this.opts.timeoutMs);
    try {
      const res = await request(url, { method, dispatcher: this.agent, headers: { 'user-agent': this.opts.userAgent, accept: '*/*' }, signal: abort.signal });
      // Only the status matters: drop the body without reading it.
      res.body.on('error', () => {});
      res.body.destroy();
      return { status: res.statusCode, location: header(res.headers.location), retryAfter: header(res.headers['retry-after']) };
    } catch (err) {
      const e = err as Error & { code?: string; cause?: { code?: string } };
      const code = e.code ?? e.cause?.code;
      if (abort.signal.aborted || e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        return { error: `no answer within ${this.opts.timeoutMs / 1000} s`, retryable: true };
      }
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { error: `host ${new URL(url).hostname} not found`, retryable: code === 'EAI_AGAIN' };
      return { error: `${code ?? e.name}: ${e.message}`, retryable: code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' };
    } finally {
      clearTimeout(timer);
    }
  }
}
