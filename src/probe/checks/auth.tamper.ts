import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import type { ProbeContext, Session } from '../context.js';
import type { ProbeRequest } from '../http.js';
import { alterSignature, decodeJwt, isJwt, signHs256, unsigned, WEAK_SECRETS } from '../jwt.js';

export const authTamper: ProbeCheck = {
  id: 'auth.tamper',
  title: 'Tampered tokens refused',
  category: 'Security',
  refs: { owasp: [OWASP.A07, OWASP.A02], cwe: ['CWE-347', 'CWE-345', 'CWE-613', 'CWE-287'], soc2: ['CC6.1'], iso27001: ['A.8.5', 'A.8.24'] },
  remediation: 'Verify every token: pin the algorithm (never "none"), check the signature with a strong key, and enforce exp.',
  cost: { min: 4, max: 16 },
  async run(ctx) {
    const target = await protectedTarget(ctx);
    if (!target) return skip('no protected endpoint refused an anonymous request, so there is nothing to present tokens to (set probe.protectedEndpoints)');
    const session = await ctx.session();
    const now = Math.floor(Date.now() / 1000);
    const real = session?.token && isJwt(session.token) ? decodeJwt(session.token) : undefined;
    const payload = real?.payload ?? { sub: 'admin', role: 'admin', iat: now, exp: now + 3600 };
    const notes: string[] = [];
    if (!real) notes.push(session ? 'the session token is not a JWT; forged tokens only' : 'no test account (probe.login): forged tokens only');
    const cases: [string, string][] = [];
    if (session?.token && real) cases.push(['altered signature', alterSignature(session.token)]);
    cases.push(['alg none', unsigned(payload)], ['alg NONE', unsigned(payload, 'NONE')]);
    cases.push(['signed with a random key', signHs256(payload, `gonogo-${Math.random()}`)]);
    for (const key of WEAK_SECRETS.slice(0, 3)) cases.push([`signed with weak key "${key}"`, signHs256(payload, key)]);
    if (ctx.settings.expiredToken) cases.push(['expired (probe.expiredToken)', ctx.settings.expiredToken]);
    else notes.push('expiry not tested with a validly signed token: set probe.expiredToken');
    const forgedExpired = { ...payload, iat: now - 7200, exp: now - 3600 };
    cases.push(['expired, re-encoded', session?.token && real ? `${session.token.split('.')[0]}.${Buffer.from(JSON.stringify(forgedExpired)).toString('base64url')}.${real.signature}` : unsigned(forgedExpired)]);

    // The real token must work, or refusals of forged ones prove nothing.
    if (session) {
      const ok = await ctx.send(withToken(target, session, session.token));
      if (ok.status < 200 || ok.status >= 300) notes.push(`the valid session is refused too (${ok.status}), so refusals below may not be about the tampering`);
    }
    const accepted: string[] = [];
    const odd: string[] = [];
    const refused: string[] = [];
    for (const [label, token] of cases) {
      const req = withToken(target, session, token);
      const res = await ctx.send(req);
      const line = `${label}: ${ctx.show(req, res)}`;
      if (res.status >= 200 && res.status < 400) accepted.push(line);
      else if (res.status === 401 || res.status === 403) refused.push(label);
      else odd.push(line);
    }
    const tail = notes.length ? ` (${notes.join('; ')})` : '';
    if (accepted.length) return fail(`accepted: ${accepted.join(' | ')}${tail}`);
    if (odd.length) return warn(`not answered with 401: ${odd.join(' | ')}${tail}`);
    return pass(`${refused.length} tampered tokens refused on ${target.method} ${new URL(target.url).pathname}: ${refused.join(', ')}${tail}`);
  },
};

/** The first protected endpoint that refuses an anonymous request (shared fact with auth.required's list). */
async function protectedTarget(ctx: ProbeContext): Promise<ProbeRequest | undefined> {
  const { endpoints } = await ctx.protectedEndpoints();
  for (const ep of endpoints.slice(0, 6)) {
    const req = { method: ep.method, url: ctx.url(ep.path) };
    const res = await ctx.send(req);
    if (res.status === 401 || res.status === 403) return req;
  }
  return undefined;
}

function withToken(target: ProbeRequest, session: Session | undefined, token: string | undefined): ProbeRequest {
  if (session?.via === 'cookie' && session.headers.cookie && session.token) {
    return { ...target, headers: { cookie: session.headers.cookie.replace(session.token, token ?? '') } };
  }
  return { ...target, headers: { authorization: `Bearer ${token ?? ''}` } };
}
