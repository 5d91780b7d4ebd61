import { fail, pass, warn, type CheckOutcome } from './check.js';
import type { ProbeContext } from './context.js';
import type { ProbeRequest } from './http.js';

/** Shared by waf.sqli and waf.xss: must-block requests, extra variants, and a benign control. */
export interface WafProbe {
  /** Any of these getting through fails the check. */
  mustBlock: ProbeRequest[];
  /** These getting through is a warning. */
  variants: ProbeRequest[];
  /** The same shape with harmless content: if it is "blocked" too, the endpoint blocks everything and the test says nothing. */
  control: ProbeRequest;
}

export async function runWafProbe(ctx: ProbeContext, probe: WafProbe): Promise<CheckOutcome> {
  const control = await ctx.send(probe.control);
  if (ctx.isBlocked(control)) {
    return warn(`inconclusive: the benign control is blocked too (${ctx.show(probe.control, control)}); point probe.waf.path at an endpoint that accepts requests`);
  }
  const through: string[] = [];
  const blocked: string[] = [];
  for (const req of probe.mustBlock) {
    const res = await ctx.send(req);
    (ctx.isBlocked(res) ? blocked : through).push(ctx.show(req, res));
  }
  const variantsThrough: string[] = [];
  for (const req of probe.variants) {
    const res = await ctx.send(req);
    if (!ctx.isBlocked(res)) variantsThrough.push(ctx.show(req, res));
  }
  const blockedAs = `blocked = ${ctx.settings.waf.blockedStatuses.join('/')}${ctx.settings.waf.blockPattern ? ` or /${ctx.settings.waf.blockPattern.source}/` : ''}`;
  if (through.length) return fail(`got through (${blockedAs}): ${through.join(' | ')}`);
  if (variantsThrough.length) return warn(`the canonical payload is blocked but ${variantsThrough.length}/${probe.variants.length} variants got through: ${variantsThrough.join(' | ')}`);
  return pass(`all ${probe.mustBlock.length + probe.variants.length} payloads blocked, benign control passed: ${blocked[0] ?? ''}`);
}
