import { randomBytes } from 'node:crypto';
import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import type { ProbeResponse } from '../http.js';

/** Bad logins sent at most; a login that is still answered normally after this many is not throttled. */
export const MAX_ATTEMPTS = 20;
const LOCKED = /too many|locked|try again later|temporarily blocked|rate limit/i;

/** Body with the parts that legitimately differ (ids, times, numbers, the username itself) blanked out. */
const normalise = (res: ProbeResponse, names: string[]) => {
  let b = res.body;
  for (const n of names) b = b.split(n).join('<user>');
  return `${res.status} ${b.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<id>').replace(/\d+/g, '<n>')}`;
};

export const authBruteforce: ProbeCheck = {
  id: 'auth.bruteforce',
  title: 'Login throttled, no user enumeration',
  category: 'Security',
  refs: { owasp: [OWASP.A07], cwe: ['CWE-307', 'CWE-204', 'CWE-203'], soc2: ['CC6.1', 'CC6.6'], iso27001: ['A.8.5'] },
  remediation: 'Throttle or lock repeated failed logins (429/423 with Retry-After), and answer unknown and known users with the same status and body.',
  cost: { min: 22, max: 26 },
  async run(ctx) {
    const login = await ctx.loginEndpoint();
    if (!login) return skip('no login endpoint configured (probe.login.path) or found at /login, /api/login, /auth/login, ...');
    const known = login.username ?? 'admin';
    const unknown = `gonogo-${randomBytes(4).toString('hex')}`;
    const wrong = () => `wrong-${randomBytes(6).toString('hex')}`;
    const first = { unknown: await ctx.send(ctx.loginRequest(login, unknown, wrong())), known: await ctx.send(ctx.loginRequest(login, known, wrong())) };
    const enumeration = normalise(first.unknown, [unknown]) !== normalise(first.known, [known]);
    const diff = `unknown user → ${first.unknown.status} ${JSON.stringify(first.unknown.body.slice(0, 60))}; ${login.username ? 'test account' : '"admin"'} → ${first.known.status} ${JSON.stringify(first.known.body.slice(0, 60))}`;
    let throttledAt: number | undefined;
    let last: ProbeResponse = first.known;
    const lastReq = ctx.loginRequest(login, known, '********');
    for (let n = 3; n <= MAX_ATTEMPTS && throttledAt === undefined; n++) {
      last = await ctx.send(ctx.loginRequest(login, n % 2 ? unknown : known, wrong()));
      if (last.status === 429 || last.status === 423 || (last.status !== 0 && LOCKED.test(last.body))) throttledAt = n;
    }
    const where = `${login.method} ${new URL(ctx.url(login.path)).pathname}`;
    if (throttledAt === undefined) return fail(`${MAX_ATTEMPTS} bad logins on ${where} and none throttled or locked (last ${ctx.show(lastReq, last)})${enumeration ? `; answers also differ: ${ctx.mask(diff)}` : ''}`);
    const shown = ctx.show(lastReq, last, ['Retry-After']);
    if (enumeration) return fail(`throttled at attempt ${throttledAt}, but unknown and known users get different answers: ${ctx.mask(diff)}`);
    if (!login.username) return warn(`throttled at attempt ${throttledAt} (${shown}); enumeration only compared with "admin": set probe.login.username for a real account`);
    return pass(`throttled at attempt ${throttledAt} on ${where} (${shown}); unknown and known users answered alike`);
  },
};
