import { maskIn, maskSecret } from '../core/mask.js';
import type { ProbeRequest, ProbeResponse } from './http.js';

const MAX_SHOWN = 160;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;

/**
 * Evidence text with secrets masked: every known secret (configured password, tokens we obtained),
 * anything shaped like a JWT, bearer/basic credentials and cookie values.
 */
export function maskEvidence(text: string, secrets: Iterable<string>): string {
  return maskIn(text, secrets)
    .replace(JWT, (m) => maskSecret(m))
    // Credentials are long runs of token characters; `Bearer realm="x"` in a challenge is not one.
    .replace(/\b(Bearer|Basic)\s+([A-Za-z0-9._~+/-]{12,}=*)(?![="])/gi, (_m, kind: string, v: string) => `${kind} ${maskSecret(v)}`)
    .replace(/\b(cookie|set-cookie):\s*([^=;\s]+)=([^;\r\n]*)/gi, (_m, h: string, n: string, v: string) => `${h}: ${n}=${v.includes('****') ? v : maskSecret(v)}`);
}

export function shorten(text: string, max = MAX_SHOWN): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** "POST /login body {...}": the request as a reader would retype it. */
export function describeRequest(req: ProbeRequest): string {
  const u = new URL(req.url);
  const target = req.rawTarget ?? `${u.pathname}${u.search}`;
  const hdrs = Object.entries(req.headers ?? {})
    .filter(([k]) => !/^(content-type|accept|user-agent|content-length)$/i.test(k))
    .map(([k, v]) => `${k}: ${shorten(v, 80)}`);
  const parts = [`${req.method} ${shorten(target, 120)}`];
  if (hdrs.length) parts.push(`[${hdrs.join('; ')}]`);
  if (req.body !== undefined) parts.push(`body ${shorten(req.body, 100)}`);
  return parts.join(' ');
}

/** "→ 200" plus the named response headers that exist, or the transport error. */
export function describeResponse(res: ProbeResponse, headerNames: string[] = []): string {
  if (res.dryRun) return '→ (dry run)';
  if (res.status === 0) return `→ no answer (${res.error ?? 'error'})`;
  const hs = headerNames.flatMap((n) => {
    const v = res.headers[n.toLowerCase()];
    if (v === undefined) return [];
    return [`${n}: ${shorten(Array.isArray(v) ? v.join(' | ') : v, 100)}`];
  });
  return `→ ${res.status}${hs.length ? ` (${hs.join('; ')})` : ''}`;
}
