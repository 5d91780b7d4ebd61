import { OWASP, fail, pass, skip, type ProbeCheck } from '../check.js';

const noStore = (v: string | undefined) => v !== undefined && /(^|,)\s*no-store\s*(,|$)/i.test(v);

export const headersCacheControl: ProbeCheck = {
  id: 'headers.cache-control',
  title: 'No caching of authenticated responses',
  category: 'Security',
  refs: { owasp: [OWASP.A04, OWASP.A05], cwe: ['CWE-524', 'CWE-525'], soc2: ['CC6.1'], iso27001: ['A.8.12'] },
  remediation: 'Send Cache-Control: no-store on login answers and every response to an authenticated request.',
  async run(ctx) {
    const session = await ctx.session();
    if (!session) return skip('no authenticated response to inspect: set probe.login (path, username, password) for a test account');
    const bad: string[] = [];
    const good: string[] = [];
    const loginShown = ctx.show(session.loginRequest, session.loginResponse, ['Cache-Control']);
    (noStore(ctx.header(session.loginResponse, 'cache-control')) ? good : bad).push(`login ${loginShown}`);
    const { endpoints } = await ctx.protectedEndpoints();
    for (const ep of endpoints.slice(0, 3)) {
      const req = { method: ep.method, url: ctx.url(ep.path), headers: session.headers };
      const res = await ctx.send(req);
      if (res.status < 200 || res.status >= 300) continue;
      (noStore(ctx.header(res, 'cache-control')) ? good : bad).push(ctx.show(req, res, ['Cache-Control']));
    }
    if (bad.length) return fail(`authenticated response without Cache-Control: no-store: ${bad.join(' | ')}`);
    return pass(`no-store on ${good.length} authenticated responses: ${good.join(' | ')}`);
  },
};
