import { OWASP, fail, pass, type ProbeCheck } from '../check.js';

export const headersContentTypeOptions: ProbeCheck = {
  id: 'headers.content-type-options',
  title: 'X-Content-Type-Options',
  category: 'Security',
  refs: { owasp: [OWASP.A05], cwe: ['CWE-693', 'CWE-430'], soc2: ['CC6.6'], iso27001: ['A.8.9'] },
  remediation: 'Send X-Content-Type-Options: nosniff on every response.',
  async run(ctx) {
    const { req, res } = await ctx.baseline();
    const v = ctx.header(res, 'x-content-type-options');
    const shown = ctx.show(req, res, ['X-Content-Type-Options']);
    if (v?.trim().toLowerCase() === 'nosniff') return pass(shown);
    return fail(`${v === undefined ? 'missing' : 'not "nosniff"'}: ${shown}`);
  },
};
