import { BudgetExhaustedError } from '../budget.js';
import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import type { Finding } from '../../core/result.js';
import { shorten } from '../evidence.js';
import { buildRequest, matrixCases, matrixGrade, type MatrixCase } from '../matrix.js';
import { mapLimit } from '../pool.js';

const CONCURRENCY = 8;

export const wafMatrix: ProbeCheck = {
  id: 'waf.matrix',
  title: 'WAF attack matrix',
  category: 'Security',
  refs: { owasp: [OWASP.A03, OWASP.A05], cwe: ['CWE-20', 'CWE-89', 'CWE-79', 'CWE-22', 'CWE-78', 'CWE-1336', 'CWE-611', 'CWE-90', 'CWE-943', 'CWE-93', 'CWE-917'], soc2: ['CC6.6', 'CC7.1'], iso27001: ['A.8.20', 'A.8.26'] },
  remediation: 'Run the WAF in blocking mode with decoding of every placement (query, path, headers, cookies, JSON and form bodies); fix each listed bypass or its false positive.',
  async run(ctx) {
    const origin = ctx.target.origin;
    const all = matrixCases();
    // Leave room for the checks after this one; a partial matrix says so.
    const room = Math.max(0, ctx.budget.remaining - 150);
    const cases = all.length <= room ? all : all.filter((_, i) => i % Math.ceil(all.length / Math.max(1, room)) === 0);
    let sent = 0;
    const outcomes = await mapLimit(cases, CONCURRENCY, async (c) => {
      const p = buildRequest(c, ctx.settings.waf.path);
      try {
        const res = await ctx.send({ method: p.method, url: `${origin}${p.target}`, rawTarget: p.target, headers: p.headers, body: p.body });
        sent++;
        // A 429 means the rate limit answered, not the WAF: that case was not judged.
        return { c, p, status: res.status, blocked: ctx.isBlocked(res), error: res.status === 0 || res.status === 429 };
      } catch (err) {
        if (err instanceof BudgetExhaustedError) return { c, p, status: -1, blocked: false, error: true };
        throw err;
      }
    });
    const attacks = outcomes.filter((o) => o.c.kind === 'attack' && !o.error);
    const benign = outcomes.filter((o) => o.c.kind === 'benign' && !o.error);
    const errors = outcomes.filter((o) => o.error).length;
    const blocked = attacks.filter((o) => o.blocked).length;
    const benignPassed = benign.filter((o) => !o.blocked).length;
    if (attacks.length === 0) return warn(`no answers to judge (${errors} requests failed or were not sent)`);
    const blockedPct = (100 * blocked) / attacks.length;
    const benignPct = benign.length ? (100 * benignPassed) / benign.length : 100;
    const grade = matrixGrade(blockedPct, benignPct);

    const endpoint = ctx.url(ctx.settings.waf.path);
    const bypasses = attacks.filter((o) => !o.blocked);
    const falsePositives = benign.filter((o) => o.blocked);
    const findings: Finding[] = [
      // The location is the endpoint; the payload and where it went are in the message (a raw payload is no valid URI).
      ...bypasses.map((o) => finding(ctx.mask(`bypass: ${label(o.c)} → ${o.status}: ${shorten(o.c.payload, 80)}`), endpoint, o.p.method, 'medium', o.c)),
      ...falsePositives.map((o) => finding(`false positive: benign ${label(o.c)} → ${o.status}: ${shorten(o.c.payload, 80)}`, endpoint, o.p.method, 'low', o.c)),
    ];
    const tally = (key: (c: MatrixCase) => string) => {
      const m = new Map<string, [number, number]>();
      for (const o of attacks) {
        const t = m.get(key(o.c)) ?? [0, 0];
        t[0] += o.blocked ? 1 : 0;
        t[1] += 1;
        m.set(key(o.c), t);
      }
      return [...m].map(([k, [b, n]]) => `${k} ${b}/${n}`).join(', ');
    };
    const partial = cases.length < all.length ? ` (sampled ${cases.length} of ${all.length} cases to stay within the budget)` : '';
    const evidence = `grade ${grade}: blocked ${blocked}/${attacks.length} attacks (${blockedPct.toFixed(1)}%), passed ${benignPassed}/${benign.length} benign (${benignPct.toFixed(1)}%); ${bypasses.length} bypasses, ${falsePositives.length} false positives${errors ? `, ${errors} not judged (no answer or 429)` : ''}${partial}; blocked per category: ${tally((c) => c.category)}; per encoding: ${tally((c) => c.encoding)}; per placement: ${tally((c) => c.placement)}; sent ${sent}`;
    const out = grade === 'A' || grade === 'B' ? pass(evidence) : grade === 'F' ? fail(evidence) : warn(evidence);
    return { ...out, findings };
  },
};

function label(c: MatrixCase): string {
  return `${c.category} in ${c.placement} (${c.encoding})`;
}

function finding(message: string, url: string, method: string, severity: 'medium' | 'low', c: MatrixCase): Finding {
  return { ruleId: 'waf.matrix', severity, message, location: { url, method }, fingerprint: `waf.matrix:${c.kind}:${c.category}:${c.encoding}:${c.placement}:${c.payload.length}:${c.payload.slice(0, 12)}` };
}
