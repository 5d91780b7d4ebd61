import { BudgetExhaustedError } from '../budget.js';
import { OWASP, fail, pass, warn, type ProbeCheck } from '../check.js';
import type { Finding } from '../../core/result.js';
import { shorten } from '../evidence.js';
import { buildRequest, cellOf, curlLine, ENCODINGS, gradeReason, groupBy, matrixCases, matrixGrade, sampleCases, type MatrixCase, type PlannedRequest } from '../matrix.js';
import { mapLimit } from '../pool.js';
import { readStatus } from '../status-reading.js';

const CONCURRENCY = 8;
const ALL_CASES = matrixCases();
/** One case per category x encoding cell, and a dozen benign ones: less than that grades nothing. */
const MIN_CASES = new Set(ALL_CASES.filter((c) => c.kind === 'attack').map(cellOf)).size + 12;

interface Outcome {
  c: MatrixCase;
  p: PlannedRequest;
  status: number;
  blocked: boolean;
  /** Not judged: no answer, or throttled (429, 503 with Retry-After) rather than blocked by the WAF. */
  error: boolean;
}

export const wafMatrix: ProbeCheck = {
  id: 'waf.matrix',
  title: 'WAF attack matrix',
  category: 'Security',
  refs: { owasp: [OWASP.A03, OWASP.A05], cwe: ['CWE-20', 'CWE-89', 'CWE-79', 'CWE-22', 'CWE-78', 'CWE-1336', 'CWE-611', 'CWE-90', 'CWE-943', 'CWE-93', 'CWE-917'], soc2: ['CC6.6', 'CC7.1'], iso27001: ['A.8.20', 'A.8.26'] },
  remediation: 'Run the WAF in blocking mode with decoding of every placement (query, path, headers, cookies, JSON and form bodies) and case-insensitive rules; fix each listed bypass (replay it with the curl line) or its false positive.',
  cost: { min: MIN_CASES, max: ALL_CASES.length },
  async run(ctx) {
    const origin = ctx.target.origin;
    // The planner gave this check its share; the checks after it keep theirs.
    const { cases, missingCells } = sampleCases(ALL_CASES, ctx.room);
    const outcomes = await mapLimit(cases, CONCURRENCY, async (c): Promise<Outcome> => {
      const p = buildRequest(c, ctx.settings.waf.path);
      try {
        const res = await ctx.send({ method: p.method, url: `${origin}${p.target}`, rawTarget: p.target, headers: p.headers, body: p.body });
        const reading = readStatus(res);
        return { c, p, status: res.status, blocked: ctx.isBlocked(res), error: reading === 'no-answer' || reading === 'throttled' };
      } catch (err) {
        if (err instanceof BudgetExhaustedError) return { c, p, status: -1, blocked: false, error: true };
        throw err;
      }
    });
    const sent = outcomes.filter((o) => o.status !== -1).length;
    const attacks = outcomes.filter((o) => o.c.kind === 'attack' && !o.error);
    const benign = outcomes.filter((o) => o.c.kind === 'benign' && !o.error);
    const errors = outcomes.filter((o) => o.error).length;
    const blocked = attacks.filter((o) => o.blocked).length;
    const benignPassed = benign.filter((o) => !o.blocked).length;
    if (attacks.length === 0) return warn(`no answers to judge (${errors} requests failed, were throttled or were not sent)`);
    const blockedPct = (100 * blocked) / attacks.length;
    const benignPct = benign.length ? (100 * benignPassed) / benign.length : 100;
    const grade = matrixGrade(blockedPct, benignPct);

    const bypasses = attacks.filter((o) => !o.blocked);
    const falsePositives = benign.filter((o) => o.blocked);
    const endpoint = ctx.url(ctx.settings.waf.path);
    // One representative bypass per category first (the simplest encoding and placement), so a short listing still shows each.
    const representative = new Set([...groupBy(bypasses, (o) => o.c.category).values()].map((list) => list[0]!));
    const ordered = [...representative, ...bypasses.filter((o) => !representative.has(o))];
    const findings: Finding[] = [
      // The location is the endpoint; the payload, where it went and how to replay it are in the message.
      ...ordered.map((o) => finding(ctx.maskKnown(`bypass: ${label(o.c)} → ${o.status}: ${shorten(o.c.payload, 80)}; replay: ${curlLine(origin, o.p)}`), endpoint, o.p.method, 'medium', o.c)),
      ...falsePositives.map((o) => finding(ctx.maskKnown(`false positive: benign ${label(o.c)} → ${o.status}: ${shorten(o.c.payload, 80)}; replay: ${curlLine(origin, o.p)}`), endpoint, o.p.method, 'low', o.c)),
    ];
    const uncovered = cases.length < ALL_CASES.length ? `${ALL_CASES.length - cases.length} of ${ALL_CASES.length} matrix cases${missingCells.length ? `, including every case of ${missingCells.join(', ')}` : ''}` : undefined;
    const sampled = uncovered ? `; sampled ${cases.length} of ${ALL_CASES.length} cases to stay within its share of the budget (every category x encoding cell first)${missingCells.length ? `; not covered: ${missingCells.join(', ')}` : ''}` : '';
    const evidence = [
      `grade ${grade}: blocked ${blocked}/${attacks.length} attacks (${blockedPct.toFixed(1)}%), passed ${benignPassed}/${benign.length} benign (${benignPct.toFixed(1)}%); ${bypasses.length} bypasses, ${falsePositives.length} false positives${errors ? `, ${errors} not judged (no answer, 429, or 503 with Retry-After)` : ''}${sampled}`,
      `why ${grade}: ${gradeReason(grade, blockedPct, benignPct)}`,
      `blocked per category (encodings that got through): ${explainBy(attacks, (c) => c.category, (c) => c.encoding)}`,
      `blocked per encoding: ${explainBy(attacks, (c) => c.encoding)}`,
      `blocked per placement: ${explainBy(attacks, (c) => c.placement)}`,
      `sent ${sent}`,
    ].join('; ');
    const out = grade === 'A' || grade === 'B' ? pass(evidence) : grade === 'F' ? fail(evidence) : warn(evidence);
    return { ...out, findings, ...(uncovered ? { uncovered } : {}) };
  },
};

/** "sqli 40/60 (base64 12/12, mixed-case 3/12 through)": blocked/judged per group, and where the misses were. */
function explainBy(list: readonly Outcome[], key: (c: MatrixCase) => string, detail?: (c: MatrixCase) => string): string {
  return [...groupBy(list, (o) => key(o.c))]
    .map(([k, group]) => {
      const b = group.filter((o) => o.blocked).length;
      let why = '';
      if (detail && b < group.length) {
        const misses = [...groupBy(group, (o) => detail(o.c))]
          .map(([d, g]) => [d, g.filter((o) => !o.blocked).length, g.length] as const)
          .filter(([, m]) => m > 0)
          .sort((x, y) => ENCODINGS.indexOf(x[0] as never) - ENCODINGS.indexOf(y[0] as never));
        why = ` (${misses.map(([d, m, n]) => `${d} ${m}/${n}`).join(', ')} through)`;
      }
      return `${k} ${b}/${group.length}${why}`;
    })
    .join(', ');
}

function label(c: MatrixCase): string {
  return `${c.category} in ${c.placement} (${c.encoding})`;
}

function finding(message: string, url: string, method: string, severity: 'medium' | 'low', c: MatrixCase): Finding {
  return { ruleId: 'waf.matrix', severity, message, location: { url, method }, fingerprint: `waf.matrix:${c.kind}:${c.category}:${c.encoding}:${c.placement}:${c.payload.length}:${c.payload.slice(0, 12)}` };
}
