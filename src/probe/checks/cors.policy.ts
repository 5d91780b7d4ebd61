import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import type { ProbeRequest } from '../http.js';

/** A reserved name (RFC 2606): it is only ever sent as a header value, never contacted. */
const EVIL = 'https://gonogo-probe.invalid';

export const corsPolicy: ProbeCheck = {
  id: 'cors.policy',
  title: 'CORS policy',
  category: 'Security',
  refs: { owasp: [OWASP.A01, OWASP.A05], cwe: ['CWE-942', 'CWE-346'], soc2: ['CC6.1', 'CC6.6'], iso27001: ['A.8.9', 'A.8.26'] },
  remediation: 'Allow only a fixed list of trusted origins; never reflect the Origin header or "null", and never combine a wildcard with credentials.',
  cost: { min: 8, max: 12 },
  async run(ctx) {
    const { endpoints } = await ctx.protectedEndpoints();
    const urls = [ctx.settings.target, ...endpoints.slice(0, 1).map((e) => ctx.url(e.path))];
    const failures: string[] = [];
    const warnings: string[] = [];
    let tried = 0;
    for (const url of urls) {
      for (const origin of [EVIL, 'null']) {
        const reqs: ProbeRequest[] = [
          { method: 'GET', url, headers: { origin } },
          { method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization' } },
        ];
        for (const req of reqs) {
          const res = await ctx.send(req);
          tried++;
          const acao = ctx.header(res, 'access-control-allow-origin')?.trim();
          const creds = ctx.header(res, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
          const shown = ctx.show(req, res, ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']);
          if (acao === origin && creds) failures.push(`${origin === 'null' ? '"null"' : 'arbitrary'} Origin reflected with credentials: ${shown}`);
          else if (acao === '*' && creds) failures.push(`wildcard with credentials: ${shown}`);
          else if (acao === origin) warnings.push(`arbitrary Origin reflected (no credentials): ${shown}`);
        }
      }
    }
    if (failures.length) return fail(failures.join(' | '));
    if (warnings.length) return warn(warnings.join(' | '));
    return pass(`${tried} requests with Origin ${EVIL} and null: no origin reflected, no wildcard with credentials`);
  },
};
