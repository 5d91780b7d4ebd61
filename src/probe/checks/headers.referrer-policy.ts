import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';

const PRIVATE = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const KNOWN = new Set([...PRIVATE, 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'unsafe-url']);

export const headersReferrerPolicy: ProbeCheck = {
  id: 'headers.referrer-policy',
  title: 'Referrer-Policy',
  category: 'Security',
  refs: { owasp: [OWASP.A01, OWASP.A05], cwe: ['CWE-200', 'CWE-598'], soc2: ['CC6.7'], iso27001: ['A.8.9'] },
  remediation: 'Send Referrer-Policy: strict-origin-when-cross-origin (or no-referrer).',
  async run(ctx) {
    const { req, res } = await ctx.baseline();
    const shown = ctx.show(req, res, ['Referrer-Policy']);
    const v = ctx.header(res, 'referrer-policy');
    if (v === undefined) return warn(`missing; browsers default to strict-origin-when-cross-origin, but older ones leak full URLs: ${shown}`);
    // Browsers use the last token they understand.
    const token = v.split(',').map((s) => s.trim().toLowerCase()).filter((s) => KNOWN.has(s)).pop();
    if (!token) return fail(`unrecognised value: ${shown}`);
    if (PRIVATE.has(token)) return pass(shown);
    if (token === 'no-referrer-when-downgrade') return warn(`full URLs go to other https sites: ${shown}`);
    return fail(`"${token}" sends the full URL or origin to other sites: ${shown}`);
  },
};
