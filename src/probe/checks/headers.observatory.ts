import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import { observatoryScore } from '../observatory.js';
import { probeRedirect } from '../redirect-probe.js';

export const headersObservatory: ProbeCheck = {
  id: 'headers.observatory',
  title: 'HTTP Observatory score',
  category: 'Security',
  refs: { owasp: [OWASP.A05], cwe: ['CWE-693'], soc2: ['CC6.6', 'CC6.7'], iso27001: ['A.8.9'] },
  remediation: 'Fix the penalised tests listed (CSP, HSTS, X-Frame-Options, cookies, redirection, ...) until the grade is B or better.',
  async run(ctx) {
    const { req, res } = await ctx.baseline();
    const redirect = await probeRedirect(ctx);
    const r = observatoryScore({ https: ctx.isHttps, headers: res.headers, body: res.body, redirection: redirect.outcome });
    const penalties = r.modifiers.filter((m) => m.modifier !== 0).map((m) => `${m.result} ${m.modifier > 0 ? '+' : ''}${m.modifier}`);
    const evidence = `score ${r.score}, grade ${r.grade} (${penalties.join(', ') || 'no modifiers'}) for ${ctx.show(req, res)}`;
    if (r.score >= 70) return pass(evidence);
    if (r.score >= 50) return warn(evidence);
    return fail(evidence);
  },
};
