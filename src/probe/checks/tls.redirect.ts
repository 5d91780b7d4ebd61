import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import { probeRedirect } from '../redirect-probe.js';

export const tlsRedirect: ProbeCheck = {
  id: 'tls.redirect',
  title: 'HTTP redirects to HTTPS',
  category: 'Security',
  refs: { owasp: [OWASP.A02, OWASP.A05], cwe: ['CWE-319'], soc2: ['CC6.7'], iso27001: ['A.8.24'] },
  remediation: 'Answer every plain-http request with a 301/308 redirect to the same host over https.',
  async run(ctx) {
    const r = await probeRedirect(ctx);
    const shown = r.req && r.res ? ctx.show(r.req, r.res, ['Location']) : '';
    if (!ctx.isHttps) {
      if (r.outcome === 'to-https') return pass(`the http:// target redirects to https: ${shown}`);
      // Plain http that stays plain http is the finding itself, not a reason to look away.
      return fail(`the http:// target is served without a redirect to https${shown ? `: ${shown}` : ''}; probe the https URL to run the other TLS checks`);
    }
    switch (r.outcome) {
      case 'to-https':
        return pass(shown);
      case 'no-http':
        if (r.reason) return skip(r.reason);
        return pass(`nothing answers on plain http: ${shown}`);
      case 'off-host':
        return warn(`redirects to https on another host, so HSTS for this host is never set: ${shown}`);
      case 'missing':
        return fail(`plain http is served without a redirect: ${shown}`);
      case 'not-to-https':
        return fail(`redirects, but not to https: ${shown}`);
    }
  },
};
