import type { CallInfo } from './model.js';
import type { SyntaxNode } from './parser.js';
import type { RuleContext, SastRule } from './rule.js';
import type { TaintKind } from './taint-sources.js';

type Meta = Omit<SastRule, 'onCall' | 'on'>;
type Sinks = (call: CallInfo, ctx: RuleContext) => (SyntaxNode | undefined)[] | undefined;

/**
 * A taint rule: calls that `sinks` recognises are reported when one of the argument nodes it
 * returns carries request data not cleaned for `kind`. Constants and sanitized values pass.
 */
export function taintSinkRule(meta: Meta, kind: TaintKind, sinks: Sinks, message?: (call: CallInfo) => string): SastRule {
  return {
    likelihood: 'high',
    ...meta,
    onCall(call, ctx) {
      const nodes = sinks(call, ctx);
      if (!nodes) return;
      if (nodes.some((n) => n !== undefined && ctx.tainted(n, kind))) ctx.report(call.node, message ? message(call) : `${meta.title}: request data reaches ${call.name || call.last}()`);
    },
  };
}

/** The receiver of a method call, as a lower-case dotted name (for "looks like a db cursor" tests). */
export function receiverName(call: CallInfo, ctx: RuleContext): string {
  return call.receiver ? ctx.name(call.receiver).toLowerCase() : '';
}
