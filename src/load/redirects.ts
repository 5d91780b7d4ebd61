import { encodeRequest } from './http/request.js';
import type { H2Request } from './http/h2-request.js';
import type { RequestTemplate } from './plan.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Whether a status is a redirect that is followed (with a Location). */
export function isFollowedRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The method of the next hop: 303 becomes GET; 301/302 after POST become GET as browsers do; 307/308 keep it. */
export function redirectMethod(status: number, method: string): string {
  return status === 303 && method !== 'HEAD' ? 'GET' : (status === 301 || status === 302) && method === 'POST' ? 'GET' : method;
}
const CACHE_LIMIT = 256;

export interface RedirectHop {
  bytes: Buffer;
  path: string;
  method: string;
  isHead: boolean;
  /** The hop as HTTP/2 headers, made on first use over HTTP/2. */
  h2?: H2Request;
}

/**
 * Follows redirects within the target's origin (the scope a load test was given); a redirect to
 * another origin is recorded as the 3xx it is. Encoded hops are cached: a load test hits the same
 * few Locations again and again.
 */
export class RedirectFollower {
  private readonly cache = new Map<string, RedirectHop | null>();

  constructor(
    private readonly origin: string,
    private readonly template: RequestTemplate,
  ) {}

  /** The next hop for a response, or undefined when it is not a redirect we follow. */
  next(status: number, location: string, fromPath: string, method: string): RedirectHop | undefined {
    if (!REDIRECT_STATUSES.has(status)) return undefined;
    const nextMethod = redirectMethod(status, method);
    const key = `${nextMethod} ${fromPath} ${location}`;
    let hop = this.cache.get(key);
    if (hop === undefined) {
      hop = this.build(location, fromPath, nextMethod);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, hop);
    }
    return hop ?? undefined;
  }

  private build(location: string, fromPath: string, method: string): RedirectHop | null {
    let url: URL;
    try {
      url = new URL(location, this.origin + fromPath);
    } catch {
      return null;
    }
    if (url.origin !== this.origin) return null;
    const path = url.pathname + url.search;
    const keepBody = method === this.template.method && method !== 'GET' && method !== 'HEAD';
    const bytes = encodeRequest({ method, path, host: url.host, headers: this.template.headers, body: keepBody ? this.template.body : undefined });
    return { bytes, path, method, isHead: method === 'HEAD' };
  }
}
