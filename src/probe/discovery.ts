import { parse as parseYaml } from 'yaml';
import { BudgetExhaustedError } from './budget.js';
import type { ProbeContext } from './context.js';
import { header, type ProbeResponse } from './http.js';
import { operationsFromOpenApi, type OpenApiOperation } from './openapi.js';
import { isHtml, parsePage } from './page.js';

export type EndpointSource = 'target' | 'config' | 'openapi' | 'form' | 'link' | 'robots' | 'sitemap';

/** One endpoint of the target found by discovery: where to send input and how. */
export interface Endpoint {
  method: string;
  /** Absolute URL on the target's origin. */
  url: string;
  source: EndpointSource;
  /** Takes a JSON body (an OpenAPI operation that says so, or an API-looking path). */
  json: boolean;
  /** Form or query field names, when known. */
  fields: string[];
}

export interface Discovery {
  endpoints: Endpoint[];
  /** How many endpoints each source gave (before the cap and de-duplication). */
  found: Partial<Record<EndpointSource, number>>;
  /** Found but left out because of MAX_ENDPOINTS. */
  dropped: number;
  /** Where an OpenAPI document was read, when one was. */
  openapi?: string;
  /** The budget ran out before robots.txt, the sitemaps and the OpenAPI locations were all read. */
  partial: boolean;
}

/** Endpoints kept for the active checks: enough to cover an API, bounded so the budget is not spread too thin. */
export const MAX_ENDPOINTS = 40;
const MAX_SITEMAP_URLS = 50;
/** Where frameworks serve their OpenAPI document by default. */
export const OPENAPI_PATHS = ['/openapi.json', '/swagger.json', '/v3/api-docs'];
/** Methods discovery hands to the active checks; DELETE is never sent, whatever the document says. */
const SAFE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH']);
/** Sources in the order their endpoints are worth probing: declared APIs first, crawled pages last. */
const PRIORITY: EndpointSource[] = ['target', 'config', 'openapi', 'form', 'link', 'robots', 'sitemap'];
const API_PATH = /\/(api|graphql|v\d+|rest|rpc)(\/|$)|\.json$/i;

/** Allow/Disallow paths without wildcards, and Sitemap URLs, from robots.txt. */
export function robotsEntries(text: string): { paths: string[]; sitemaps: string[] } {
  const paths: string[] = [];
  const sitemaps: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(allow|disallow|sitemap)\s*:\s*(\S+)/i.exec(line);
    if (!m) continue;
    if (m[1]!.toLowerCase() === 'sitemap') sitemaps.push(m[2]!);
    else if (m[2]!.startsWith('/') && m[2] !== '/' && !/[*$]/.test(m[2]!)) paths.push(m[2]!);
  }
  return { paths, sitemaps };
}

/** The <loc> URLs of a sitemap (or sitemap index). */
export function sitemapLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/gi)].map((m) => m[1]!.replace(/&amp;/g, '&')).slice(0, MAX_SITEMAP_URLS);
}

/** Ids, uuids and hashes in a path are one endpoint: /items/1 and /items/2 are probed once. */
export function endpointKey(method: string, url: string): string {
  const u = new URL(url);
  const path = u.pathname
    .split('/')
    .map((seg) => (/^(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{16,})$/i.test(seg) ? ':id' : seg))
    .join('/');
  return `${method} ${path}`;
}

/** Same-origin absolute URL of a reference on a page, or undefined (other origins, mailto:, javascript:, bad URLs). */
function sameOrigin(ref: string, base: string, origin: string): URL | undefined {
  try {
    const u = new URL(ref.trim(), base);
    if (u.origin !== origin) return undefined;
    u.hash = '';
    return u;
  } catch {
    return undefined;
  }
}

/** The discovery pass, once per run (memoised on the context); every request goes through the budget. */
export function discoveredEndpoints(ctx: ProbeContext): Promise<Discovery> {
  return ctx.memo('discovery', () => discover(ctx));
}

async function discover(ctx: ProbeContext): Promise<Discovery> {
  const origin = ctx.target.origin;
  const target = ctx.settings.target;
  const candidates: Endpoint[] = [];
  const add = (source: EndpointSource, method: string, url: URL | undefined, extra: Partial<Endpoint> = {}) => {
    if (!url || !SAFE_METHODS.has(method)) return;
    candidates.push({ method, url: url.href, source, json: extra.json ?? API_PATH.test(url.pathname), fields: extra.fields ?? [...url.searchParams.keys()] });
  };
  add('target', 'GET', new URL(target));
  for (const ep of ctx.settings.knownEndpoints) add('config', ep.method.toUpperCase(), sameOrigin(ctx.url(ep.path), target, origin));

  // The page itself: links and forms.
  const { res } = await ctx.baseline();
  if (res.status >= 200 && res.status < 300 && isHtml(header(res, 'content-type'), res.body)) {
    const page = parsePage(res.body);
    for (const f of page.forms) add('form', f.method === 'POST' ? 'POST' : 'GET', sameOrigin(f.action || target, target, origin), { fields: f.fields.map((x) => x.name) });
    for (const href of page.links) add('link', 'GET', sameOrigin(href, target, origin));
  }

  // What was found before the share ran out is kept: a partial discovery is still worth probing.
  let stopped = false;
  const fetch = async (url: string): Promise<ProbeResponse | undefined> => {
    if (stopped) return undefined;
    try {
      return await ctx.send({ method: 'GET', url });
    } catch (err) {
      if (!(err instanceof BudgetExhaustedError)) throw err;
      stopped = true;
      return undefined;
    }
  };

  // robots.txt, then the sitemaps it names (or /sitemap.xml).
  let sitemaps = [`${origin}/sitemap.xml`];
  const robots = await fetch(`${origin}/robots.txt`);
  if (robots?.status === 200 && !isHtml(header(robots, 'content-type'), robots.body)) {
    const entries = robotsEntries(robots.body);
    for (const p of entries.paths) add('robots', 'GET', sameOrigin(p, origin, origin));
    const named = entries.sitemaps.map((s) => sameOrigin(s, origin, origin)?.href).filter((s): s is string => s !== undefined);
    if (named.length) sitemaps = named.slice(0, 2);
  }
  for (const url of sitemaps) {
    const sm = await fetch(url);
    if (sm?.status === 200 && /<urlset|<sitemapindex/i.test(sm.body)) for (const loc of sitemapLocs(sm.body)) add('sitemap', 'GET', sameOrigin(loc, origin, origin));
  }

  // An OpenAPI document: the configured file, else the first default location that serves one.
  let operations: readonly OpenApiOperation[] = ctx.settings.openapiOperations;
  let openapi = operations.length ? 'probe.openapi' : undefined;
  for (const path of operations.length ? [] : OPENAPI_PATHS) {
    const doc = await fetch(`${origin}${path}`);
    if (doc?.status !== 200) continue;
    const ops = operationsFromOpenApi(parseQuietly(doc.body));
    if (ops.length) {
      operations = ops;
      openapi = `${origin}${path}`;
      break;
    }
  }
  for (const op of operations) add('openapi', op.method, sameOrigin(ctx.url(op.path), target, origin), { json: op.json });

  const found: Discovery['found'] = {};
  for (const c of candidates) found[c.source] = (found[c.source] ?? 0) + 1;
  const seen = new Set<string>();
  const unique = [...candidates]
    .sort((a, b) => PRIORITY.indexOf(a.source) - PRIORITY.indexOf(b.source))
    .filter((c) => {
      const key = endpointKey(c.method, c.url);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { endpoints: unique.slice(0, MAX_ENDPOINTS), found, dropped: Math.max(0, unique.length - MAX_ENDPOINTS), openapi, partial: stopped };
}

function parseQuietly(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
}

/** "3 from the page's links, 2 from forms, …" for evidence. */
export function describeDiscovery(d: Discovery): string {
  const parts = PRIORITY.filter((s) => s !== 'target' && d.found[s]).map((s) => `${d.found[s]} from ${s === 'openapi' ? `OpenAPI (${d.openapi})` : s}`);
  return `${d.endpoints.filter((e) => e.source !== 'target').length} endpoint(s) discovered${parts.length ? ` (${parts.join(', ')})` : ''}${d.dropped ? `; ${d.dropped} more left out (at most ${MAX_ENDPOINTS})` : ''}${d.partial ? '; the budget ran out before robots.txt, the sitemap and the OpenAPI locations were all read' : ''}`;
}
