import { isIP } from 'node:net';
import { UsageError } from '../core/errors.js';

export const DEFAULT_DASHBOARD = { host: '127.0.0.1', port: 5665 } as const;

export interface DashboardAddress {
  host: string;
  port: number;
  /** The host is not a loopback address: the page is reachable from other machines. */
  exposed: boolean;
}

/**
 * `--dashboard [host:]port` (or `true` when the flag has no value): 127.0.0.1:5665 by default,
 * port 0 picks a free one. `where` names the flag or config key in errors.
 */
export function parseDashboardAddress(value: string | number | true, where: string): DashboardAddress {
  if (value === true) return { ...DEFAULT_DASHBOARD, exposed: false };
  const text = String(value).trim();
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) {
    const hint = /^https?:/i.test(text) ? 'it reads the next argument as its address: put the target URL before --dashboard, or write --dashboard=5665' : 'write PORT or HOST:PORT, e.g. 5665 or 127.0.0.1:5665 (0 picks a free port)';
    throw new UsageError(`${where}: "${text}" is not [host:]port`, { where, hint });
  }
  const host = m[1] === undefined ? DEFAULT_DASHBOARD.host : m[1].replace(/^\[|\]$/g, '');
  return { host, port, exposed: !isLoopback(host) };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
