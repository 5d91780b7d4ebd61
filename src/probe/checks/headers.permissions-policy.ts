import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';

const POWERFUL = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture', 'serial', 'bluetooth'];

export const headersPermissionsPolicy: ProbeCheck = {
  id: 'headers.permissions-policy',
  title: 'Permissions-Policy',
  category: 'Security',
  refs: { owasp: [OWASP.A05], cwe: ['CWE-693'], soc2: ['CC6.6'], iso27001: ['A.8.9'] },
  remediation: 'Send Permissions-Policy disabling features the site does not use, e.g. camera=(), microphone=(), geolocation=().',
  async run(ctx) {
    const { req, res } = await ctx.baseline();
    const shown = ctx.show(req, res, ['Permissions-Policy', 'Feature-Policy']);
    const v = ctx.header(res, 'permissions-policy');
    if (v === undefined) {
      if (ctx.header(res, 'feature-policy')) return warn(`only the deprecated Feature-Policy: ${shown}`);
      return warn(`missing: ${shown}`);
    }
    const directives = new Map(v.split(',').map((d) => d.trim().split('=').map((s) => s.trim()) as [string, string | undefined]).filter(([k]) => k));
    const open = POWERFUL.filter((f) => /^\(?\s*\*\s*\)?$/.test(directives.get(f) ?? ''));
    if (open.length) return fail(`grants ${open.join(', ')} to every origin: ${shown}`);
    const restricted = POWERFUL.filter((f) => directives.has(f));
    if (restricted.length === 0) return warn(`restricts none of ${POWERFUL.slice(0, 3).join(', ')}…: ${shown}`);
    return pass(`restricts ${restricted.join(', ')}: ${shown}`);
  },
};
