import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import { assessCsp, parseCsp } from '../csp.js';

export const headersCsp: ProbeCheck = {
  id: 'headers.csp',
  title: 'Content-Security-Policy',
  category: 'Security',
  refs: { owasp: [OWASP.A03, OWASP.A05], cwe: ['CWE-693', 'CWE-79', 'CWE-1021'], soc2: ['CC6.6'], iso27001: ['A.8.9', 'A.8.26'] },
  remediation: "Send a Content-Security-Policy without 'unsafe-inline'/'unsafe-eval' or wildcards in script-src, with object-src 'none' and frame-ancestors.",
  async run(ctx) {
    const { req, res } = await ctx.baseline();
    const v = ctx.header(res, 'content-security-policy');
    const shown = ctx.show(req, res, ['Content-Security-Policy', 'Content-Security-Policy-Report-Only']);
    if (v === undefined) {
      if (ctx.header(res, 'content-security-policy-report-only')) return warn(`only a report-only policy, which enforces nothing: ${shown}`);
      return fail(`no Content-Security-Policy header: ${shown}`);
    }
    const { unsafe, weak } = assessCsp(parseCsp(v));
    if (unsafe.length) return fail(`${unsafe.join('; ')}: ${shown}`);
    if (weak.length) return warn(`${weak.join('; ')}: ${shown}`);
    return pass(`policy restricts scripts, objects and framing: ${shown}`);
  },
};
