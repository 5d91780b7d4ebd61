import type { ProbeResponse } from './http.js';

/**
 * What an HTTP status means for a probe, read the same way by every check:
 * - `refused`: the server declines the method or feature (405 Method Not Allowed, 501 Not Implemented);
 *   that is a correct, deliberate answer, not an error.
 * - `throttled`: 429, or 503 with Retry-After (overload, maintenance): the request was not judged, try later.
 * - `server-error`: any other 5xx (503 without Retry-After included): the input broke something.
 */
export type StatusReading = 'no-answer' | 'ok' | 'redirect' | 'client-error' | 'refused' | 'throttled' | 'server-error';

export function readStatus(res: ProbeResponse): StatusReading {
  const s = res.status;
  if (s === 0) return 'no-answer';
  if (s === 405 || s === 501) return 'refused';
  if (s === 429) return 'throttled';
  if (s === 503 && res.headers['retry-after'] !== undefined) return 'throttled';
  if (s >= 500) return 'server-error';
  if (s >= 400) return 'client-error';
  if (s >= 300) return 'redirect';
  return 'ok';
}

const REASONS: Record<number, string> = {
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** "501 Not Implemented (the method is refused)" style text for evidence. */
export function explainStatus(res: ProbeResponse): string {
  const reading = readStatus(res);
  const reason = REASONS[res.status] ? ` ${REASONS[res.status]}` : '';
  const retry = res.headers['retry-after'];
  switch (reading) {
    case 'refused':
      return `${res.status}${reason} (refused)`;
    case 'throttled':
      return `${res.status}${reason} (throttled${retry !== undefined ? `, Retry-After ${String(retry)}` : ''}: not judged)`;
    default:
      return `${res.status}${reason}`;
  }
}
