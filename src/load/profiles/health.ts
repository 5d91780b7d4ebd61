import http from 'node:http';
import https from 'node:https';
import { TargetUnreachableError } from '../../core/errors.js';

export interface HealthResult {
  url: string;
  status: number;
  ms: number;
}

/**
 * GET the health URL once before any load: a refused connection, a timeout or a 5xx means the
 * target is down, and the suite stops with exit 3 and a clear message instead of running profiles
 * full of errors.
 */
export function healthCheck(url: URL, timeoutMs: number, insecure: boolean): Promise<HealthResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const lib = url.protocol === 'https:' ? https : http;
    const down = (why: string, hint: string) => reject(new TargetUnreachableError(`health check failed: ${url.href} ${why}`, { where: url.href, hint }));
    const req = lib.get(url, { timeout: timeoutMs, rejectUnauthorized: !insecure, headers: { 'user-agent': 'gonogo baseline' } }, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 500) down(`answered ${status}`, 'the service is up but unhealthy; fix it before measuring a baseline');
        else resolve({ url: url.href, status, ms: Math.round((performance.now() - t0) * 10) / 10 });
      });
    });
    req.on('timeout', () => {
      req.destroy();
      down(`did not answer within ${timeoutMs} ms`, 'is the service running and reachable from here?');
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') down('refused the connection (is it running?)', 'start the service, or check the port');
      else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') down(`: host name did not resolve`, 'check the host name');
      else down(`failed: ${err.message}`, 'check the URL and that the service is running');
    });
  });
}
