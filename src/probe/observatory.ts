import { assessCsp, parseCsp, scriptSources } from './csp.js';

/**
 * An HTTP Observatory-compatible score: baseline 100, the modifiers of Mozilla's published scoring
 * table (httpobs/docs/scoring.md, 2024 revision: no X-XSS-Protection, HPKP or contribute.json), bonuses
 * only when the score without them is at least 90, floor 0, and the same letter grades.
 */
export interface ObservatoryInput {
  https: boolean;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Redirection test outcome: 'to-https' | 'missing' | 'off-host' | 'not-to-https' | 'no-http' (not checked). */
  redirection: 'to-https' | 'missing' | 'off-host' | 'not-to-https' | 'no-http';
}

export interface ObservatoryResult {
  score: number;
  grade: string;
  modifiers: { test: string; result: string; modifier: number }[];
}

const GRADES: [number, string][] = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F'],
];

export function grade(score: number): string {
  return GRADES.find(([min]) => score >= min)![1];
}

const get = (h: ObservatoryInput['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

export function observatoryScore(input: ObservatoryInput): ObservatoryResult {
  const m: ObservatoryResult['modifiers'] = [];
  const add = (test: string, result: string, modifier: number) => m.push({ test, result, modifier });
  const h = input.headers;

  // Content Security Policy
  const cspHeader = get(h, 'content-security-policy');
  if (!cspHeader) add('content-security-policy', 'csp-not-implemented', -25);
  else {
    const csp = parseCsp(cspHeader);
    const a = assessCsp(csp);
    const scripts = scriptSources(csp) ?? [];
    if (a.unsafe.some((u) => u.includes('unsafe-inline') || u.includes('too broad') || u.includes('unrestricted'))) add('content-security-policy', 'csp-implemented-with-unsafe-inline', -20);
    else if (scripts.includes("'unsafe-eval'")) add('content-security-policy', 'csp-implemented-with-unsafe-eval', -10);
    else if (input.https && [...csp.values()].flat().some((s) => s === 'http:' || s.startsWith('http://'))) add('content-security-policy', 'csp-implemented-with-insecure-scheme', -20);
    else if ((csp.get('style-src') ?? csp.get('default-src') ?? []).includes("'unsafe-inline'")) add('content-security-policy', 'csp-implemented-with-unsafe-inline-in-style-src-only', 0);
    else if (csp.get('default-src')?.join(' ') === "'none'") add('content-security-policy', 'csp-implemented-with-no-unsafe-default-src-none', 10);
    else add('content-security-policy', 'csp-implemented-with-no-unsafe', 5);
  }

  // Cookies
  const hsts = input.https ? get(h, 'strict-transport-security') : undefined;
  const hstsAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(hsts ?? '')?.[1] ?? NaN);
  const cookies = ([] as string[]).concat(h['set-cookie'] ?? []);
  if (cookies.length === 0) add('cookies', 'cookies-not-found', 0);
  else {
    const parsed = cookies.map((c) => ({ name: c.split('=')[0]!.trim(), attrs: c.toLowerCase() }));
    const session = (c: { name: string }) => /sess|sid|auth|token|login|jwt/i.test(c.name);
    const secure = (c: { attrs: string }) => input.https && /;\s*secure\b/.test(c.attrs);
    const httpOnly = (c: { attrs: string }) => /;\s*httponly\b/.test(c.attrs);
    const sameSite = (c: { attrs: string }) => /;\s*samesite\s*=\s*(strict|lax|none)/.exec(c.attrs)?.[1];
    if (parsed.some((c) => session(c) && !secure(c))) add('cookies', hstsAge > 0 ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag', hstsAge > 0 ? -10 : -40);
    else if (parsed.some((c) => session(c) && !httpOnly(c))) add('cookies', 'cookies-session-without-httponly-flag', -30);
    else if (parsed.some((c) => !secure(c))) add('cookies', hstsAge > 0 ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag', hstsAge > 0 ? -5 : -20);
    else if (parsed.some((c) => sameSite(c) === 'none')) add('cookies', 'cookies-samesite-flag-invalid', -20);
    else if (parsed.every((c) => sameSite(c))) add('cookies', 'cookies-secure-with-httponly-sessions-and-samesite', 5);
    else add('cookies', 'cookies-secure-with-httponly-sessions', 0);
  }

  // Cross-origin Resource Sharing (header only; no crossdomain.xml fetch)
  const acao = get(h, 'access-control-allow-origin');
  if (acao === undefined) add('cross-origin-resource-sharing', 'cross-origin-resource-sharing-not-implemented', 0);
  else if (acao.trim() === '*') add('cross-origin-resource-sharing', 'cross-origin-resource-sharing-implemented-with-public-access', 0);
  else add('cross-origin-resource-sharing', 'cross-origin-resource-sharing-implemented-with-restricted-access', 0);

  // Redirection
  const redirectMod = { 'to-https': 0, 'no-http': 0, 'off-host': -5, missing: -20, 'not-to-https': -20 }[input.redirection];
  add('redirection', `redirection-${{ 'to-https': 'to-https', 'no-http': 'not-needed-no-http', 'off-host': 'off-host-from-http', missing: 'missing', 'not-to-https': 'not-to-https' }[input.redirection]}`, redirectMod);

  // Referrer Policy (the last recognised token wins, as in browsers)
  const rp = get(h, 'referrer-policy');
  const rpToken = rp?.split(',').map((s) => s.trim().toLowerCase()).filter((s) => REFERRER_TOKENS.has(s)).pop();
  if (rp === undefined) add('referrer-policy', 'referrer-policy-not-implemented', 0);
  else if (!rpToken) add('referrer-policy', 'referrer-policy-header-invalid', -5);
  else if (['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(rpToken)) add('referrer-policy', 'referrer-policy-private', 5);
  else if (rpToken === 'no-referrer-when-downgrade') add('referrer-policy', 'referrer-policy-no-referrer-when-downgrade', 0);
  else add('referrer-policy', 'referrer-policy-unsafe', -5);

  // HTTP Strict Transport Security
  if (!input.https) add('strict-transport-security', 'hsts-not-implemented-no-https', -20);
  else if (hsts === undefined) add('strict-transport-security', 'hsts-not-implemented', -20);
  else if (!Number.isFinite(hstsAge)) add('strict-transport-security', 'hsts-header-invalid', -20);
  else if (hstsAge >= 15768000) add('strict-transport-security', 'hsts-implemented-max-age-at-least-six-months', 0);
  else add('strict-transport-security', 'hsts-implemented-max-age-less-than-six-months', -10);

  // Subresource Integrity
  const type = get(h, 'content-type') ?? '';
  if (!/html/i.test(type)) add('subresource-integrity', 'sri-not-implemented-response-not-html', 0);
  else {
    const scripts = [...input.body.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)[^>]*>/gi)];
    const external = scripts.filter((s) => /^(https?:)?\/\//i.test(s[1]!));
    if (scripts.length === 0) add('subresource-integrity', 'sri-not-implemented-but-no-scripts-loaded', 0);
    else if (external.length === 0) add('subresource-integrity', 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin', 0);
    else if (external.some((s) => /^http:/i.test(s[1]!) || (!input.https && s[1]!.startsWith('//')))) add('subresource-integrity', 'sri-not-implemented-and-external-scripts-not-loaded-securely', -50);
    else if (external.every((s) => /\bintegrity\s*=/.test(s[0]))) add('subresource-integrity', 'sri-implemented-and-external-scripts-loaded-securely', 5);
    else add('subresource-integrity', 'sri-not-implemented-but-external-scripts-loaded-securely', -5);
  }

  // X-Content-Type-Options
  const xcto = get(h, 'x-content-type-options');
  if (xcto === undefined) add('x-content-type-options', 'x-content-type-options-not-implemented', -5);
  else if (xcto.trim().toLowerCase() === 'nosniff') add('x-content-type-options', 'x-content-type-options-nosniff', 0);
  else add('x-content-type-options', 'x-content-type-options-header-invalid', -5);

  // X-Frame-Options
  const xfo = get(h, 'x-frame-options')?.trim().toLowerCase();
  if (cspHeader && parseCsp(cspHeader).has('frame-ancestors')) add('x-frame-options', 'x-frame-options-implemented-via-csp', 5);
  else if (xfo === undefined) add('x-frame-options', 'x-frame-options-not-implemented', -20);
  else if (xfo === 'deny' || xfo === 'sameorigin') add('x-frame-options', 'x-frame-options-sameorigin-or-deny', 0);
  else if (xfo.startsWith('allow-from')) add('x-frame-options', 'x-frame-options-allow-from-origin', 0);
  else add('x-frame-options', 'x-frame-options-header-invalid', -20);

  // Cross-Origin-Resource-Policy
  const corp = get(h, 'cross-origin-resource-policy')?.trim().toLowerCase();
  if (corp === undefined) add('cross-origin-resource-policy', 'corp-not-implemented', 0);
  else if (['same-origin', 'same-site', 'cross-origin'].includes(corp)) add('cross-origin-resource-policy', `corp-implemented-with-${corp}`, 0);
  else add('cross-origin-resource-policy', 'corp-header-invalid', -5);

  const penalties = m.filter((x) => x.modifier < 0).reduce((s, x) => s + x.modifier, 0);
  const bonuses = m.filter((x) => x.modifier > 0).reduce((s, x) => s + x.modifier, 0);
  const base = 100 + penalties;
  const score = Math.max(0, base >= 90 ? base + bonuses : base);
  return { score, grade: grade(score), modifiers: m };
}

const REFERRER_TOKENS = new Set(['no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url']);
