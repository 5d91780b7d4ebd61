import type { Finding, Severity } from '../../core/result.js';
import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import { discoveredEndpoints } from '../discovery.js';
import { header, type ProbeResponse } from '../http.js';
import { isHtml, parsePage, type PageFacts } from '../page.js';

/** The passive rules (ZAP-baseline-like): each finding's ruleId, its severity and what it maps to. */
export const PASSIVE_RULES = {
  'passive.mixed-content': { severity: 'medium', cwe: 'CWE-319', owasp: OWASP.A02, what: 'an https page loads a resource over http' },
  'passive.inline-script': { severity: 'low', cwe: 'CWE-79', owasp: OWASP.A03, what: 'inline script without a CSP nonce' },
  'passive.csrf-token': { severity: 'medium', cwe: 'CWE-352', owasp: OWASP.A01, what: 'POST form without an anti-CSRF token field' },
  'passive.password-autocomplete': { severity: 'low', cwe: 'CWE-522', owasp: OWASP.A07, what: 'password field without autocomplete="off" / "new-password" / "current-password"' },
  'passive.comment-info': { severity: 'low', cwe: 'CWE-615', owasp: OWASP.A05, what: 'HTML comment with internal information' },
  'passive.reflected-param': { severity: 'medium', cwe: 'CWE-79', owasp: OWASP.A03, what: 'a query parameter is reflected unescaped' },
} as const satisfies Record<string, { severity: Severity; cwe: string; owasp: string; what: string }>;
type PassiveRule = keyof typeof PASSIVE_RULES;

const MAX_PAGES = 5;
const CSRF_FIELD = /csrf|xsrf|authenticity_token|__requestverificationtoken|_token|nonce/i;
const COMMENT_INFO = /\b(TODO|FIXME|HACK|XXX|password|passwd|secret|api[_-]?key|token|debug|internal|staging|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[\w.-]+@[\w-]+\.[\w.]+|select\s.+\sfrom)\b/i;
const MARKER = 'gnr8"q<x>';

export const passivePages: ProbeCheck = {
  id: 'passive.pages',
  title: 'Passive scan of the pages',
  category: 'Security',
  refs: { owasp: [OWASP.A01, OWASP.A02, OWASP.A03, OWASP.A05, OWASP.A07], cwe: ['CWE-319', 'CWE-79', 'CWE-352', 'CWE-522', 'CWE-615'], soc2: ['CC6.1', 'CC6.6', 'CC6.7'], iso27001: ['A.8.9', 'A.8.26', 'A.8.28'] },
  remediation: 'Load every resource over https, give inline scripts a CSP nonce (or move them to files), put an anti-CSRF token in every state-changing form, set autocomplete on password fields, strip internal comments from served HTML, and encode reflected input.',
  usesDiscovery: true,
  cost: { min: 1, max: 2 * MAX_PAGES },
  async run(ctx) {
    const d = await discoveredEndpoints(ctx);
    const pages = d.endpoints.filter((e) => e.method === 'GET' && (e.source === 'target' || e.source === 'link' || e.source === 'sitemap')).slice(0, MAX_PAGES);
    const findings: Finding[] = [];
    let read = 0;
    for (const page of pages) {
      if (ctx.room === 0) break;
      const res = page.source === 'target' ? (await ctx.baseline()).res : await ctx.send({ method: 'GET', url: page.url });
      if (res.status < 200 || res.status >= 300 || !isHtml(header(res, 'content-type'), res.body)) continue;
      read++;
      findings.push(...pageFindings(page.url, parsePage(res.body), res, ctx.mask.bind(ctx)));
      if (ctx.room === 0) continue;
      const u = new URL(page.url);
      u.searchParams.set('gonogo_reflect', MARKER);
      const echo = await ctx.send({ method: 'GET', url: u.href });
      if (echo.body.includes(MARKER)) findings.push(finding('passive.reflected-param', page.url, `the parameter gonogo_reflect=${JSON.stringify(MARKER)} comes back unescaped in ${u.pathname}`));
    }
    if (read === 0) return skip(`no HTML page to read among ${pages.length} discovered page(s)`);
    const counts = Object.keys(PASSIVE_RULES)
      .map((r) => [r, findings.filter((f) => f.ruleId === r).length] as const)
      .filter(([, n]) => n > 0)
      .map(([r, n]) => `${r} ${n}`);
    const evidence = `${read} HTML page(s) read${counts.length ? `: ${counts.join(', ')}` : ', nothing found'}`;
    const out = findings.some((f) => f.severity === 'medium') ? fail(evidence) : findings.length ? warn(evidence) : pass(evidence);
    return { ...out, findings };
  },
};

function pageFindings(url: string, page: PageFacts, res: ProbeResponse, mask: (s: string) => string): Finding[] {
  const out: Finding[] = [];
  const https = url.startsWith('https:');
  const csp = header(res, 'content-security-policy') ?? '';
  if (https) for (const r of page.resources) if (/^http:\/\//i.test(r.url)) out.push(finding('passive.mixed-content', url, `<${r.tag}> loads ${r.url}`));
  // A CSP with a nonce or hash makes the nonce attribute the thing to check; without any CSP every inline script counts.
  for (const s of page.scripts) if (!s.src && s.code.trim() && !s.nonce && !/'sha(256|384|512)-/.test(csp)) out.push(finding('passive.inline-script', url, `inline script without a nonce: ${JSON.stringify(s.code.trim().slice(0, 60))}`));
  for (const f of page.forms) {
    if (f.method === 'POST' && !f.fields.some((x) => x.type === 'hidden' && CSRF_FIELD.test(x.name))) out.push(finding('passive.csrf-token', url, `POST form to ${f.action || '(this page)'} has no anti-CSRF token field (fields: ${f.fields.map((x) => x.name).join(', ') || 'none'})`));
    for (const x of f.fields) if (x.type === 'password' && !/^(off|new-password|current-password)$/i.test(x.autocomplete ?? '')) out.push(finding('passive.password-autocomplete', url, `password field "${x.name}" has autocomplete=${x.autocomplete ?? '(unset)'}`));
  }
  for (const c of page.comments) {
    const m = COMMENT_INFO.exec(c);
    if (m) out.push(finding('passive.comment-info', url, mask(`comment mentions "${m[0]}": ${JSON.stringify(c.trim().slice(0, 80))}`)));
  }
  return out;
}

function finding(ruleId: PassiveRule, url: string, message: string): Finding {
  const r = PASSIVE_RULES[ruleId];
  return { ruleId, severity: r.severity, message: `${message} (${r.cwe}, ${r.owasp.split('-')[0]})`, location: { url, method: 'GET' }, fingerprint: `${ruleId}:${new URL(url).pathname}:${message.slice(0, 60)}` };
}
