import { httpTwin } from './budget.js';
import type { ProbeContext } from './context.js';
import type { ProbeRequest, ProbeResponse } from './http.js';

export type RedirectOutcome = 'to-https' | 'missing' | 'off-host' | 'not-to-https' | 'no-http';

export interface RedirectProbe {
  outcome: RedirectOutcome;
  req?: ProbeRequest;
  res?: ProbeResponse;
  /** Why nothing was checked, when outcome is 'no-http' for want of a plain-http URL. */
  reason?: string;
}

/** The plain-http URL of the same host that may be contacted: configured, or http://host for a default-port https target. */
export function plainHttpUrl(ctx: ProbeContext): string | undefined {
  if (!ctx.isHttps) return ctx.settings.target;
  return ctx.settings.tls.httpUrl ?? httpTwin(ctx.settings.target);
}

/** One GET on the plain-http URL, shared by tls.redirect and the Observatory score. */
export function probeRedirect(ctx: ProbeContext): Promise<RedirectProbe> {
  return ctx.memo('redirect', async (): Promise<RedirectProbe> => {
    const httpUrl = plainHttpUrl(ctx);
    if (!httpUrl) return { outcome: 'no-http', reason: 'the https target uses a non-default port; set probe.tls.httpUrl to the plain-http URL of the same host' };
    const req = { method: 'GET', url: httpUrl };
    const res = ctx.isHttps ? await ctx.send(req) : (await ctx.baseline()).res;
    if (res.status === 0) return { outcome: 'no-http', req, res };
    const location = ctx.header(res, 'location');
    if (res.status < 300 || res.status >= 400 || !location) return { outcome: 'missing', req, res };
    let to: URL;
    try {
      to = new URL(location, httpUrl);
    } catch {
      return { outcome: 'missing', req, res };
    }
    if (to.protocol !== 'https:') return { outcome: 'not-to-https', req, res };
    if (to.hostname !== new URL(httpUrl).hostname) return { outcome: 'off-host', req, res };
    return { outcome: 'to-https', req, res };
  });
}
