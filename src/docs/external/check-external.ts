import type { Finding } from '../../core/result.js';
import { docFinding } from '../rules.js';
import { LinkCache } from './cache.js';
import { HostLimiter } from './host-limiter.js';
import { HttpChecker, type HttpCheckOptions } from './http-check.js';
import { urlMatcher } from './url-pattern.js';

export interface ExternalOptions extends HttpCheckOptions {
  concurrencyPerHost: number;
  spacingMs: number;
  /** Checks in flight across all hosts. */
  concurrency: number;
  exclude: readonly string[];
  /** Folder for the cache file; undefined: no cache. */
  cacheDir?: string;
  cacheMaxAgeMs: number;
}

/** An external link and every place it appears. */
export interface ExternalUse {
  url: string;
  file: string;
  line: number;
}

export interface ExternalSummary {
  findings: Finding[];
  urls: number;
  fromCache: number;
  excluded: number;
  requests: number;
  /** Why the cache could not be written (the review still stands; the next run asks again). */
  cacheError?: string;
}

/** Check each distinct URL once (fragment dropped), politely per host, answers cached on disk. */
export async function checkExternal(uses: readonly ExternalUse[], opts: ExternalOptions, signal?: AbortSignal): Promise<ExternalSummary> {
  const excluded = urlMatcher(opts.exclude);
  const byUrl = new Map<string, ExternalUse[]>();
  let excludedCount = 0;
  for (const u of uses) {
    const url = u.url.split('#')[0]!;
    if (excluded(url)) {
      excludedCount++;
      continue;
    }
    const list = byUrl.get(url) ?? [];
    list.push(u);
    byUrl.set(url, list);
  }
  const cache = await LinkCache.open(opts.cacheDir, opts.cacheMaxAgeMs);
  const limiter = new HostLimiter(opts.concurrencyPerHost, opts.spacingMs);
  const checker = new HttpChecker(opts, limiter);
  const results = new Map<string, { ok: boolean; message: string }>();
  let fromCache = 0;
  let requests = 0;
  const todo: string[] = [];
  for (const url of byUrl.keys()) {
    const hit = cache.get(url);
    if (hit) {
      fromCache++;
      results.set(url, hit);
    } else todo.push(url);
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !signal?.aborted) {
      const url = todo[next++]!;
      let host: string;
      try {
        host = new URL(url).host;
      } catch {
        results.set(url, { ok: false, message: 'not a valid URL' });
        continue;
      }
      const r = await limiter.run(host, () => checker.check(url));
      requests += r.requests;
      results.set(url, r);
      if (r.definitive) cache.set(url, { ok: r.ok, status: r.status, message: r.message, checkedAt: Date.now() });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, todo.length)) }, worker));
  } finally {
    await checker.close();
  }
  let cacheError: string | undefined;
  try {
    await cache.save();
  } catch (err) {
    cacheError = `cannot write the link cache in ${opts.cacheDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
  const findings: Finding[] = [];
  for (const [url, list] of byUrl) {
    const r = results.get(url);
    if (!r || r.ok) continue;
    for (const u of list) findings.push(docFinding('docs.external-broken', u.file, u.line, `${url}: ${r.message}`, url));
  }
  return { findings, urls: byUrl.size, fromCache, excluded: excludedCount, requests, ...(cacheError && { cacheError }) };
}
