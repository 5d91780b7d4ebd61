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
      const nodes = sinks(call, ctx) ?? (ctx.family === 'py' ? deferredSinks(call, ctx, sinks) : undefined);
      if (!nodes) return;
      if (nodes.some((n) => n !== undefined && ctx.tainted(n, kind))) ctx.report(call.node, message ? message(call) : `${meta.title}: request data reaches ${call.name || call.last}()`);
    },
  };
}

/**
 * A sink function handed over by reference with the arguments to call it with:
 * `loop.run_in_executor(None, exec, code)`, `asyncio.to_thread(os.system, cmd)`, `pool.submit(eval, expr)`,
 * `threading.Thread(target=os.system, args=(cmd,))`. The rule's sink test runs on the call that will happen.
 */
function deferredSinks(call: CallInfo, ctx: RuleContext, sinks: Sinks): (SyntaxNode | undefined)[] | undefined {
  let fn: SyntaxNode | undefined;
  let args: SyntaxNode[];
  if (call.last === 'run_in_executor') [fn, args] = [call.args[1], call.args.slice(2)];
  else if (/^(?:asyncio\.to_thread|.*\.submit|.*\.apply_async|.*\.run_sync)$/.test(call.name)) [fn, args] = [call.args[0], call.args.slice(1)];
  else if (/^(?:threading\.Thread|multiprocessing\.Process|Thread|Process)$/.test(call.name)) {
    fn = call.kw('target');
    const tuple = call.kw('args');
    args = tuple && (tuple.type === 'tuple' || tuple.type === 'list') ? tuple.namedChildren.filter((c): c is SyntaxNode => c !== null) : [];
  } else return undefined;
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return undefined;
  const name = ctx.name(fn);
  const view: CallInfo = { node: call.node, callee: fn, name, last: name.replace(/^.*\./, ''), args, kw: () => undefined, isNew: false };
  return sinks(view, ctx);
}

/** A URL whose scheme and host are settled by the time request data is appended: "https://api.x/" + id. */
const FIXED_HOST = /^(?:[a-z][\w+.-]*:)?\/\/[^/?#\\]+[/?#]|^\/[^/\\]|^[\w.-]+\/|^\.\.?\//i;

/**
 * Is the target of a request or redirect fixed before any request data is appended? True when, reading
 * the URL expression's parts left to right (`+` operands, template or f-string pieces), a part not carrying
 * `kind` taint that is not literal text comes first (a configured base URL: `config.base + path`) or the
 * literal text before the first tainted part already names a host or a local path.
 * `"https://" + host` and `"//" + host` are not fixed.
 */
export function fixedTarget(node: SyntaxNode, ctx: RuleContext, kind: TaintKind): boolean {
  const template = formatTemplate(node, ctx);
  // "https://api.x/%s" % v, "https://api.x/{}".format(v), util.format('https://api.x/%s', v): the literal text
  // before the first placeholder decides the target.
  if (template !== undefined) {
    const at = template.search(/%[^%]|\{/);
    return FIXED_HOST.test(at === -1 ? template : template.slice(0, at));
  }
  let text = '';
  for (const part of urlParts(node)) {
    const literal = part.type === 'string_fragment' || part.type === 'string_content' || part.type === 'escape_sequence' ? part.text : ctx.str(part);
    if (literal !== undefined) {
      text += literal;
      continue;
    }
    // A clean non-literal part (a configured base URL) decides the target before request data arrives.
    return !ctx.tainted(part, kind) || FIXED_HOST.test(text);
  }
  return true;
}

/** The literal template of a format expression (`"..." % args`, `"...".format(args)`, util.format("...", args)). */
function formatTemplate(node: SyntaxNode, ctx: RuleContext): string | undefined {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '%') return ctx.constText(n.childForFieldName('left'));
  const call = ctx.call(n);
  if (call?.last === 'format' && call.receiver) return ctx.constText(call.receiver);
  if (call && /^(?:util\.format|format)$/.test(call.name) && ctx.family === 'js') return ctx.constText(call.args[0]);
  return undefined;
}

/** The parts of a `+` chain, f-string or template string, in order (parentheses dropped). */
export function urlParts(node: SyntaxNode): SyntaxNode[] {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if ((n.type === 'binary_expression' || n.type === 'binary_operator') && n.childForFieldName('operator')?.text === '+') {
    return [...urlParts(n.childForFieldName('left')!), ...urlParts(n.childForFieldName('right')!)];
  }
  if (n.type === 'template_string' || (n.type === 'string' && n.namedChildren.some((c) => c?.type === 'interpolation'))) {
    return n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'string_start' && c.type !== 'string_end')
      .map((c) => (c.type === 'template_substitution' || c.type === 'interpolation' ? (c.namedChildren[0] ?? c) : c));
  }
  return [n];
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
