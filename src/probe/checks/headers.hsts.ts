import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';

const SIX_MONTHS = 15_768_000;

/** hstspreload.org's rules for the header: a year or more, includeSubDomains, the preload directive. */
const PRELOAD_MIN_AGE = 31_536_000;

export function preloadGaps(value: string, maxAge: number): string[] {
  const gaps: string[] = [];
  if (maxAge < PRELOAD_MIN_AGE) gaps.push(`max-age ${maxAge} < ${PRELOAD_MIN_AGE}`);
  if (!/(?:^|;)\s*includesubdomains\s*(?:;|$)/i.test(value)) gaps.push('no includeSubDomains');
  if (!/(?:^|;)\s*preload\s*(?:;|$)/i.test(value)) gaps.push('no preload directive');
  return gaps;
}

export const headersHsts: ProbeCheck = {
  id: 'headers.hsts',
  title: 'Strict-Transport-Security',
  category: 'Security',
  refs: { owasp: [OWASP.A02, OWASP.A05], cwe: ['CWE-319', 'CWE-523'], soc2: ['CC6.7'], iso27001: ['A.8.24'] },
  remediation: 'Send Strict-Transport-Security: max-age=63072000; includeSubDomains on every https response.',
  async run(ctx) {
    if (!ctx.isHttps) return skip('target is http://: browsers ignore HSTS over plain http (probe the https URL)');
    const { req, res } = await ctx.baseline();
    const shown = ctx.show(req, res, ['Strict-Transport-Security']);
    const v = ctx.header(res, 'strict-transport-security');
    if (v === undefined) return fail(`no Strict-Transport-Security header: ${shown}`);
    const age = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(v);
    if (!age) return fail(`invalid Strict-Transport-Security (no max-age): ${shown}`);
    const secs = Number(age[1]);
    if (secs === 0) return fail(`max-age=0 switches HSTS off: ${shown}`);
    const preload = preloadGaps(v, secs);
    const preloadNote = preload.length ? `not ready for the HSTS preload list (${preload.join(', ')})` : 'ready for the HSTS preload list';
    if (secs < SIX_MONTHS) return warn(`max-age=${secs} is under six months (${SIX_MONTHS}); ${preloadNote}: ${shown}`);
    // Asking for preload without meeting its rules gets the domain refused by the list.
    if (/(?:^|;)\s*preload\s*(?:;|$)/i.test(v) && preload.length) return warn(`the preload directive is set but ${preloadNote}: ${shown}`);
    return pass(`max-age=${secs}${/includesubdomains/i.test(v) ? ' with includeSubDomains' : ''}; ${preloadNote}: ${shown}`);
  },
};
