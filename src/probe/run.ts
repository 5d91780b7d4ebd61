import { TargetUnreachableError } from '../core/errors.js';
import type { CheckResult } from '../core/result.js';
import { allowance, DEFAULT_COST, type CheckCost, type PlanLine } from './budget-plan.js';
import { Budget, BudgetExhaustedError, OutOfScopeError } from './budget.js';
import { startCanary, type Canary } from './canary.js';
import type { CheckOutcome, ProbeCheck } from './check.js';
import { describeDiscovery, discoveredEndpoints, OPENAPI_PATHS } from './discovery.js';
import { ProbeContext } from './context.js';
import { HttpClient } from './http.js';
import { plainHttpUrl } from './redirect-probe.js';
import { selectChecks } from './registry.js';
import type { ProbeSettings } from './settings.js';

export interface ProbeRun {
  checks: CheckResult[];
  /** The budget plan as it ran: each check's share, what it spent and what it could not cover. */
  plan: PlanLine[];
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
    const plan: PlanLine[] = [];
    const discovery = checks.some((c) => c.usesDiscovery) ? DISCOVERY : undefined;
    const phases: (ProbeCheck | typeof DISCOVERY)[] = discovery ? [discovery, ...checks] : checks;
    for (const [i, check] of phases.entries()) {
      if (opts.signal?.aborted) {
        if ('run' in check) results.push(toResult(check, { status: 'skip', evidence: 'not run: the probe was interrupted' }));
        continue;
      }
      const share = allowance(phases.slice(i).map((c) => costOf(c, ctx)), ctx.budget.remaining);
      ctx.begin(check.id, share);
      const t0 = performance.now();
      const spent = ctx.budget.spent;
      const outcome = 'run' in check ? await runOne(check, ctx) : await runDiscovery(ctx);
      const used = ctx.budget.spent - spent;
      plan.push({ check: check.id, allowance: share, spent: used, ...(outcome.uncovered ? { uncovered: outcome.uncovered } : {}) });
      opts.log?.(`${check.id}: ${outcome.status} (${used} of ${share} requests, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      if ('run' in check) results.push(toResult(check, outcome));
    }
    return { checks: results, plan, planned: ctx.planned, requests: ctx.budget.spent, durationMs: performance.now() - started };
  } finally {
    client.close();
    await canary?.close();
  }
}

/** The discovery pass as a phase of its own, so its requests are planned like a check's. */
const DISCOVERY = { id: 'discovery', cost: { min: 2, max: 2 + OPENAPI_PATHS.length + 2 } } as const;

function costOf(c: ProbeCheck | typeof DISCOVERY, ctx: ProbeContext): CheckCost {
  const cost = c.cost ?? DEFAULT_COST;
  return typeof cost === 'function' ? cost(ctx) : cost;
}

async function runDiscovery(ctx: ProbeContext): Promise<CheckOutcome> {
  try {
    const d = await discoveredEndpoints(ctx);
    const uncovered = [d.dropped ? `${d.dropped} discovered endpoints beyond the first ${d.endpoints.length}` : '', d.partial ? 'part of the endpoint discovery (robots.txt, sitemap, OpenAPI)' : ''].filter(Boolean).join('; ');
    return { status: 'pass', evidence: describeDiscovery(d), ...(uncovered ? { uncovered } : {}) };
  } catch (err) {
    // Whatever discovery found before the budget ran out is used; the checks still probe the target itself.
    return { status: 'warn', evidence: `discovery stopped: ${(err as Error).message}`, uncovered: 'part of the endpoint discovery (robots.txt, sitemap, OpenAPI)' };
  }
}

async function runOne(check: ProbeCheck, ctx: ProbeContext): Promise<CheckOutcome> {
  try {
    return await check.run(ctx);
  } catch (err) {
    if (err instanceof BudgetExhaustedError && err.share) return { status: 'warn', evidence: `not finished: its share of the request budget (${err.max} requests) ran out (raise --max-requests)`, uncovered: 'the rest of the check' };
    if (err instanceof BudgetExhaustedError) return { status: 'warn', evidence: `not finished: the request budget of ${err.max} ran out (raise --max-requests)`, uncovered: 'the rest of the check' };
    if (err instanceof OutOfScopeError) return { status: 'warn', evidence: `not finished: ${err.message}` };
    return { status: 'warn', evidence: `the check could not run: ${(err as Error).message}` };
  }
}

function toResult(check: ProbeCheck, outcome: CheckOutcome): CheckResult {
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
