import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import { parseCsp } from '../csp.js';

export const headersFrameOptions: ProbeCheck = {
  id: 'headers.frame-options',
  title: 'Clickjacking protection',
  category: 'Security',
  refs: { owasp: [OWASP.A05], cwe: ['CWE-1021'], soc2: ['CC6.6'], iso27001: ['A.8.9'] },
  remediation: "Send X-Frame-Options: DENY (or SAMEORIGIN) and CSP frame-ancestors 'none' (or 'self').",
  async run(ctx) {
    const { req, res } = await ctx.baseline();
    const shown = ctx.show(req, res, ['X-Frame-Options', 'Content-Security-Policy']);
    const csp = ctx.header(res, 'content-security-policy');
    const ancestors = csp ? parseCsp(csp).get('frame-ancestors') : undefined;
    const xfo = ctx.header(res, 'x-frame-options')?.trim().toLowerCase();
    if (ancestors?.includes('*')) return fail(`frame-ancestors * allows any site to frame the page: ${shown}`);
    if (ancestors || xfo === 'deny' || xfo === 'sameorigin') return pass(shown);
    if (xfo?.startsWith('allow-from')) return warn(`ALLOW-FROM is ignored by current browsers; use CSP frame-ancestors: ${shown}`);
    return fail(`${xfo === undefined ? 'no X-Frame-Options and no CSP frame-ancestors' : `invalid X-Frame-Options "${xfo}"`}: ${shown}`);
  },
};
