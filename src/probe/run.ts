import { TargetUnreachableError } from '../core/errors.js';
import type { CheckResult } from '../core/result.js';
import { Budget, BudgetExhaustedError, OutOfScopeError } from './budget.js';
import { startCanary, type Canary } from './canary.js';
import type { ProbeCheck } from './check.js';
import { ProbeContext } from './context.js';
import { HttpClient } from './http.js';
import { plainHttpUrl } from './redirect-probe.js';
import { selectChecks } from './registry.js';
import type { ProbeSettings } from './settings.js';

export interface ProbeRun {
  checks: CheckResult[];
  /** Requests --dry-run would have sent (empty otherwise). */
  planned: { check: string; request: string }[];
  requests: number;
  durationMs: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** Run the selected checks against one origin, within the budget; never throws for a misbehaving target once it answered. */
export async function runProbe(settings: ProbeSettings, opts: RunOptions = {}): Promise<ProbeRun> {
  const started = performance.now();
  const checks = selectChecks(settings.checks, 'probe.checks / --checks');
  const target = new URL(settings.target);
  const origins = [target.origin];
  const client = new HttpClient({ timeoutMs: settings.timeoutMs, insecure: settings.insecure, ca: settings.ca });
  let canary: Canary | undefined;
  try {
    if (!settings.dryRun && checks.some((c) => c.id === 'ssrf')) canary = await startCanary(settings.ssrf.canaryPort).catch(() => undefined);
    const ctx = new ProbeContext(settings, client, new Budget({ maxRequests: settings.maxRequests, rate: settings.rate, origins }), canary);
    // The plain-http twin (tls.redirect) is the one other origin a probe may contact.
    const twin = plainHttpUrl(ctx);
    if (twin) origins.push(new URL(twin).origin);
    if (!settings.dryRun) await assertReachable(ctx);
    const results: CheckResult[] = [];
    for (const check of checks) {
      if (opts.signal?.aborted) {
        results.push(toResult(check, { status: 'skip', evidence: 'not run: the probe was interrupted' }));
        continue;
      }
      ctx.currentCheck = check.id;
      const t0 = performance.now();
      const spent = ctx.budget.spent;
      const outcome = await runOne(check, ctx);
      opts.log?.(`${check.id}: ${outcome.status} (${ctx.budget.spent - spent} requests, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      results.push(toResult(check, outcome));
    }
    return { checks: results, planned: ctx.planned, requests: ctx.budget.spent, durationMs: performance.now() - started };
  } finally {
    client.close();
    await canary?.close();
  }
}

async function runOne(check: ProbeCheck, ctx: ProbeContext): Promise<Pick<CheckResult, 'status' | 'evidence' | 'findings'>> {
  try {
    return await check.run(ctx);
  } catch (err) {
    if (err instanceof BudgetExhaustedError) return { status: 'warn', evidence: `not finished: the request budget of ${err.max} ran out (raise --max-requests)` };
    if (err instanceof OutOfScopeError) return { status: 'warn', evidence: `not finished: ${err.message}` };
    return { status: 'warn', evidence: `the check could not run: ${(err as Error).message}` };
  }
}

function toResult(check: ProbeCheck, outcome: Pick<CheckResult, 'status' | 'evidence' | 'findings'>): CheckResult {
  return {
    id: check.id,
    title: check.title,
    category: check.category,
    status: outcome.status,
    evidence: outcome.evidence,
    refs: check.refs,
    remediation: check.remediation,
    ...(outcome.findings?.length ? { findings: outcome.findings } : {}),
  };
}

async function assertReachable(ctx: ProbeContext): Promise<void> {
  const { res } = await ctx.baseline();
  if (res.status !== 0) return;
  const tls = /CERT|SELF_SIGNED|UNABLE_TO|SSL|TLS|altnames/i.test(res.error ?? '');
  throw new TargetUnreachableError(`${ctx.settings.target} did not answer: ${res.error ?? 'no response'}`, {
    where: ctx.settings.target,
    hint: tls ? 'the certificate is not trusted: pass --insecure, or set probe.tls.ca to the CA file' : 'check that the service is running and the URL (host, port, http/https) is right',
  });
}
