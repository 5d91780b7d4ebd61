import type { CallInfo } from './model.js';
import type { SyntaxNode } from './parser.js';
import type { RuleContext, SastRule } from './rule.js';
import type { TaintKind } from './taint-kinds.js';

type Meta = Omit<SastRule, 'onCall' | 'on' | 'sinkKind'>;
type Sinks = (call: CallInfo, ctx: RuleContext) => (SyntaxNode | undefined)[] | undefined;

/**
 * Sinks: each taint rule holds its own sink matcher (the calls or assignments it watches and which of
 * their arguments must not carry taint) and names the kind of taint it tests in `sinkKind`; `taintSinks`
 * lists them as a table. Sources, sanitizers and propagation are in taint-sources.ts,
 * taint-sanitizers.ts and taint.ts.
 */

/**
 * A taint rule: calls that `sinks` recognises are reported when one of the argument nodes it
 * returns carries request data not cleaned for `kind`. Constants and sanitized values pass.
 */
export function taintSinkRule(meta: Meta, kind: TaintKind, sinks: Sinks, message?: (call: CallInfo) => string): SastRule {
  return {
    likelihood: 'high',
    ...meta,
    sinkKind: kind,
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

/** One row of the sinks table: a taint rule and the kind of taint its sinks test. */
export interface TaintSink {
  readonly ruleId: string;
  readonly kind: TaintKind;
  readonly families: SastRule['families'];
}

/** The sinks table: every rule that reports request data reaching a sink, by the kind of taint it tests. */
export function taintSinks(rules: readonly SastRule[]): TaintSink[] {
  return rules.filter((r) => r.sinkKind !== undefined).map((r) => ({ ruleId: r.id, kind: r.sinkKind!, families: r.families }));
}
