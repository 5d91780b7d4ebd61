import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import { setCookies } from '../http.js';

const SESSION_LIKE = /sess|sid|auth|token|jwt|login|remember|csrf|xsrf/i;

export const cookiesFlags: ProbeCheck = {
  id: 'cookies.flags',
  title: 'Cookie flags',
  category: 'Security',
  refs: { owasp: [OWASP.A05, OWASP.A07], cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'], soc2: ['CC6.1', 'CC6.7'], iso27001: ['A.8.5', 'A.8.24'] },
  remediation: 'Set cookies with Secure, HttpOnly (for session cookies) and SameSite=Lax or Strict.',
  async run(ctx) {
    const sources = [await ctx.baseline()];
    const session = await ctx.session();
    if (session) sources.push({ req: session.loginRequest, res: session.loginResponse });
    const problems: string[] = [];
    const notes: string[] = [];
    const seen: string[] = [];
    for (const { req, res } of sources) {
      for (const line of setCookies(res)) {
        const name = line.split('=')[0]!.trim();
        const attrs = line.split(';').slice(1).map((a) => a.trim().toLowerCase());
        const has = (a: string) => attrs.some((x) => x === a || x.startsWith(`${a}=`));
        const sameSite = attrs.find((a) => a.startsWith('samesite='))?.slice('samesite='.length);
        const where = `${name} from ${req.method} ${new URL(req.url).pathname}`;
        seen.push(name);
        const missing: string[] = [];
        if (!has('secure')) (ctx.isHttps ? missing : notes).push(ctx.isHttps ? 'Secure' : `${name} has no Secure (target is http://)`);
        if (!has('httponly') && SESSION_LIKE.test(name)) missing.push('HttpOnly');
        if (!sameSite) missing.push('SameSite');
        else if (sameSite === 'none' && !has('secure')) missing.push('Secure with SameSite=None');
        if (missing.length) problems.push(`${where} lacks ${missing.join(', ')}: ${ctx.mask(`set-cookie: ${line}`)}`);
      }
    }
    if (seen.length === 0) return pass(`no cookies set by ${sources.map((s) => `${s.req.method} ${new URL(s.req.url).pathname}`).join(', ')}`);
    if (problems.length) return fail(problems.join(' | '));
    if (notes.length) return warn(notes.join('; '));
    return pass(`${seen.length} cookie(s) with Secure, HttpOnly and SameSite: ${seen.join(', ')}`);
  },
};
