import { OWASP, fail, pass, skip, warn, type ProbeCheck } from '../check.js';
import type { ProbeResponse } from '../http.js';

/** Windows up to this long are waited out to check that the limit lifts again. */
const MAX_RECOVERY_WAIT_MS = 15_000;
const CONCURRENCY = 4;
/** The first 429 is expected by the limit + 10 % (at least 2): counters are per window, other checks share it. */
const tolerance = (limit: number) => limit + Math.max(2, Math.ceil(limit * 0.1));

export const ratelimit: ProbeCheck = {
  id: 'ratelimit',
  title: 'Rate limit enforced',
  category: 'Security',
  refs: { owasp: [OWASP.A04], cwe: ['CWE-770', 'CWE-799'], soc2: ['CC6.6', 'A1.1'], iso27001: ['A.8.6', 'A.8.20'] },
  remediation: 'Limit requests per client (429 with Retry-After and RateLimit headers) at the edge or in the application.',
  // What the check uses when the limit works: the burst up to the tolerance (limit + 10 %, at least 2), the requests
  // in flight when the first 429 lands, and the recovery request. It asked for 2 x limit + 2 before, in case a fixed
  // window rolls over mid-burst, but stops at the first 429, so the planner held back requests the checks before it
  // could use; running last, it still gets whatever is left (up to 2 x limit + 1). Nothing when no limit is configured.
  cost: (ctx) => {
    const rl = ctx.settings.rateLimit;
    return rl ? { min: rl.limit + 3, max: tolerance(rl.limit) + CONCURRENCY + 1 } : { min: 0, max: 0 };
  },
  async run(ctx) {
    const rl = ctx.settings.rateLimit;
    if (!rl) return skip('no rate limit configured (set probe.rateLimit: { path, limit, window })');
    const url = ctx.url(rl.path);
    const req = { method: rl.method, url };
    // Tolerance: counters are per window and other checks may already have used part of it.
    const expectBy = tolerance(rl.limit);
    // A fixed window can roll over mid-burst and let through up to twice the limit, so the burst may go on to
    // 2 x limit + 1 when the budget allows; one request stays in reserve for the recovery check.
    const planned = Math.min(2 * rl.limit + 1, ctx.room - 1);
    const describe = `${rl.limit} per ${rl.windowMs / 1000}s on ${rl.method} ${new URL(url).pathname}`;
    // Written by the workers below; a holder object keeps TypeScript from narrowing it to undefined.
    const seen: { first429?: { n: number; res: ProbeResponse } } = {};
    let sent = 0;
    let errors = 0;
    const started = Date.now();
    const worker = async () => {
      while (!seen.first429 && sent < planned) {
        const n = ++sent;
        const res = await ctx.send(req);
        if (res.status === 0) errors++;
        const prev = seen.first429 as { n: number } | undefined;
        if (res.status === 429 && (!prev || n < prev.n)) seen.first429 = { n, res };
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const first429 = seen.first429;
    // Earlier checks may have used part of the window, so a budget below the limit can still see the 429.
    if (!first429 && sent < rl.limit + 1) return warn(`no 429 within the ${sent} requests the budget left; ${describe} cannot be verified (raise --max-requests)`);
    // Sent slower than limit/window (a slow target or a busy machine): the windows rolled over, so no verdict.
    const elapsed = Date.now() - started;
    if (!first429 && elapsed > rl.windowMs) return warn(`no 429, but the ${sent} requests took ${(elapsed / 1000).toFixed(1)} s, longer than the ${rl.windowMs / 1000} s window, so the limit was never exceeded; ${describe} cannot be verified`);
    if (!first429) return fail(`no 429 after ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (expected one after ${describe})${errors ? `; ${errors} without an answer` : ''}`);
    const { n, res } = first429;
    const shown = ctx.show(req, res, ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'RateLimit-Reset', 'X-RateLimit-Reset', 'RateLimit-Remaining', 'X-RateLimit-Remaining']);
    const retryAfter = ctx.header(res, 'retry-after');
    const hasRateHeaders = ['ratelimit', 'ratelimit-reset', 'ratelimit-policy', 'x-ratelimit-reset', 'x-ratelimit-limit', 'ratelimit-limit'].some((h) => ctx.header(res, h) !== undefined);
    const notes: string[] = [];
    if (!retryAfter) notes.push('no Retry-After');
    if (!hasRateHeaders) notes.push('no RateLimit / X-RateLimit headers');
    let recovery = 'recovery not checked (window longer than 15 s)';
    const waitMs = Math.min(MAX_RECOVERY_WAIT_MS, /^\d+$/.test(retryAfter ?? '') ? Number(retryAfter) * 1000 + 250 : rl.windowMs + 250);
    if (rl.windowMs <= MAX_RECOVERY_WAIT_MS && ctx.room > 0 && !ctx.settings.dryRun) {
      await new Promise((r) => setTimeout(r, waitMs));
      const after = await ctx.send(req);
      if (after.status === 429) return fail(`still 429 ${(waitMs / 1000).toFixed(1)} s later, after the window: ${ctx.show(req, after, ['Retry-After'])}; first 429 at request ${n}: ${shown}`);
      recovery = `recovered after ${(waitMs / 1000).toFixed(1)} s (${after.status})`;
    }
    if (n > expectBy) notes.push(`the first 429 came only at request ${n}, beyond the limit + 10 % (${expectBy}); a fixed window may have rolled over mid-burst`);
    const evidence = `first 429 at request ${n} of ${sent} (limit ${describe}); ${recovery}: ${shown}`;
    if (notes.length) return warn(`${notes.join(', ')}; ${evidence}`);
    return pass(evidence);
  },
};
