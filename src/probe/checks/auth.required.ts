import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import { explainStatus, readStatus } from '../status-reading.js';

export const authRequired: ProbeCheck = {
  id: 'auth.required',
  title: 'Protected endpoints need credentials',
  category: 'Security',
  refs: { owasp: [OWASP.A01, OWASP.A07], cwe: ['CWE-306', 'CWE-284', 'CWE-862'], soc2: ['CC6.1', 'CC6.2'], iso27001: ['A.5.15', 'A.8.5'] },
  remediation: 'Answer every request to a protected endpoint without valid credentials with 401 (or 403), before any work is done.',
  cost: { min: 6, max: 20 },
  async run(ctx) {
    const { endpoints, source } = await ctx.protectedEndpoints();
    const failures: string[] = [];
    const oddities: string[] = [];
    const ok: string[] = [];
    const missing: string[] = [];
    for (const ep of endpoints) {
      const req = { method: ep.method, url: ctx.url(ep.path), ...(['POST', 'PUT', 'PATCH'].includes(ep.method) ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) };
      const res = await ctx.send(req);
      const shown = ctx.show(req, res, ['Location', 'WWW-Authenticate']);
      if (res.status === 401 || res.status === 403) ok.push(shown);
      else if (res.status === 404) missing.push(shown);
      // No answer, a refused method (405/501) or a throttled one (429, 503 + Retry-After) says nothing about auth.
      else if (['no-answer', 'refused', 'throttled'].includes(readStatus(res))) oddities.push(`${shown} ${explainStatus(res)}`);
      else if (res.status < 400 || res.status >= 500) failures.push(shown);
      else oddities.push(shown);
    }
    const from = source === 'config' ? 'probe.protectedEndpoints' : source === 'openapi' ? 'the OpenAPI file' : 'well-known paths';
    if (failures.length) return fail(`answered without credentials (must be 401/403, never 2xx, 3xx or 5xx): ${failures.join(' | ')}`);
    if (source === 'well-known' && ok.length === 0) return skip(`no protected endpoint configured (probe.protectedEndpoints or probe.openapi) and none of the well-known ones exist (${endpoints.map((e) => e.path).join(', ')})`);
    if (oddities.length || (source !== 'well-known' && missing.length)) return warn(`unexpected answers: ${[...oddities, ...(source !== 'well-known' ? missing : [])].join(' | ')}; refused: ${ok.length}`);
    return pass(`${ok.length} endpoint(s) from ${from} refuse anonymous requests: ${ok.join(' | ')}`);
  },
};
