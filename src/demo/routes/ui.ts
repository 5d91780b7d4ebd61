import type { Route } from '../http/router.js';
import type { Services } from '../services.js';
import { APP_CSS, APP_JS } from '../ui/assets.js';

/** The page's own CSP: scripts and styles only from this origin, fetches only to it; nothing inline. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type R = Route<Services>;
// Public, rate-limited, and subject to injected latency (routeLatencyMs["/app"] delays page and assets).
const page = { access: 'public', limited: true, faults: true } as const;

export const uiRoutes: R[] = [
  {
    method: 'GET', pattern: '/app', ...page,
    handler: async (ctx, s) => {
      const { total, items } = await s.store.search('', undefined, 20, 0);
      const k = s.knobs();
      const rows = items.map((i) => `<li class="item" data-name="${escapeHtml(i.name.toLowerCase())}"><b>${escapeHtml(i.name)}</b> ${escapeHtml(i.description)}</li>`).join('');
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>gonogo demo items</title>`
        + `<link rel="stylesheet" href="/app/app.css"><script src="/app/app.js" defer></script></head>`
        + `<body data-banner-ms="${k.appBannerDelayMs}" data-click-block-ms="${k.appClickBlockMs}">`
        + `<h1 id="hero">Items in the gonogo demo service (${total})</h1>`
        // The button comes first: gonogo vitals' scripted interaction clicks the first visible control.
        + `<button id="go" type="button">Search</button> <input id="search" type="search" aria-label="search items">`
        + `<p id="count"></p><ul id="items">${rows}</ul></body></html>`;
      ctx.headers.push('Content-Security-Policy', PAGE_CSP);
      s.send.text(ctx, 200, 'text/html; charset=utf-8', html);
    },
  },
  { method: 'GET', pattern: '/app/app.js', ...page, handler: (ctx, s) => s.send.text(ctx, 200, 'text/javascript; charset=utf-8', APP_JS) },
  { method: 'GET', pattern: '/app/app.css', ...page, handler: (ctx, s) => s.send.text(ctx, 200, 'text/css; charset=utf-8', APP_CSS) },
];
