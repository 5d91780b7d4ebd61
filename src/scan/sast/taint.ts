import type { CallInfo, FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import { UNKNOWN } from './taint-constants.js';
import { isTopLevel } from './cross-file.js';
import { LocalFunctions, nameOfFunction, type Param } from './taint-functions.js';
import { isFixed, single } from './taint-fixed.js';
import { isFixedRouteSegment } from './taint-handlers.js';
import { ALL, KIND, type TaintKind } from './taint-kinds.js';
import { guardChecks, isCleanCall, sanitizerMask } from './taint-sanitizers.js';
import { Scopes, type Scope } from './taint-scopes.js';
import { isSource } from './taint-sources.js';

/**
 * Taint propagation, intra-procedural: inside one function (or the module body), values read from
 * request data (taint-sources.ts) flow through assignments, concatenation, template strings / f-strings,
 * format calls, destructuring and container writes (keyed by constant key) into sinks (the taint rules,
 * taint-sinks.ts). Sanitizers (taint-sanitizers.ts) clear the kinds of sink they protect. Branches whose
 * condition is a constant are pruned (taint-scopes.ts, taint-constants.ts), so
 * `if 7 * 18 > 200: bar = param` never taints `bar`.
 *
 * A value is a bit mask of the kinds of sink it is still dangerous for (taint-kinds.ts; 0 = clean).
 */

/**
 * A summary run: inside `fn`, parameter `index` carries every kind of taint and the others none (-1: none do);
 * with `request`, that parameter is the whole request object instead: only what is read from it by a source's name
 * (`r.args`, `r.get_json()`) is request data.
 */
interface Summary {
  readonly fn: SyntaxNode;
  readonly index: number;
  readonly level: number;
  readonly request?: string;
}

/** What the instances of one file share: its functions and the summaries computed so far. */
interface Shared {
  readonly scopes: Scopes;
  readonly functions: LocalFunctions;
  /** `${fn.id}:${index}` -> return mask; -1 while being computed (recursion). */
  readonly summaries: Map<string, number>;
  readonly extraSanitizers: readonly (readonly [RegExp, number])[];
  readonly extraSources: readonly RegExp[];
  readonly incoming?: ReadonlyMap<string, number>;
}

/** What rules add to the shared tables: [callee pattern, kinds it clears] sanitizers, source name patterns. */
export interface TaintExtras {
  readonly sanitizers?: readonly (readonly [RegExp, number])[];
  readonly sources?: readonly RegExp[];
  /** Taint callers in other files pass: `${function name}:${parameter index}` -> mask (cross-file.ts). */
  readonly incoming?: ReadonlyMap<string, number>;
}

/** Summaries nest at most this deep (f calls g calls h): deeper calls are taken conservatively. */
const MAX_SUMMARY_LEVEL = 2;

export class Taint {
  private readonly memo = new Map<number, number>();
  private readonly scopes: Scopes;
  private readonly shared: Shared;
  private readonly params = new Map<string, number>();
  private depth = 0;

  /**
   * `extras`: sanitizers and sources the rules add (rules' own sanitizers, custom rules).
   * `summary`: internal, for computing what a local function returns (see callMask).
   */
  constructor(private readonly m: FileModel, extras: TaintExtras = {}, private readonly summary?: Summary, shared?: Shared) {
    this.shared = shared ?? { scopes: new Scopes(m), functions: new LocalFunctions(m), summaries: new Map(), extraSanitizers: extras.sanitizers ?? [], extraSources: extras.sources ?? [], ...(extras.incoming ? { incoming: extras.incoming } : {}) };
    // The writes of a scope do not depend on what is tainted: summary runs reuse the file's.
    this.scopes = this.shared.scopes;
  }

  /** Is this expression still dangerous for this kind of sink? */
  tainted(node: SyntaxNode | null | undefined, kind: TaintKind): boolean {
    return node ? (this.mask(node) & KIND[kind]) !== 0 : false;
  }

  /**
   * The node last stored at position `i` of the list variable `node` names (literal, append, insert ...),
   * when the list is tracked; used to see `args = ["sh", "-c", cmd]; subprocess.run(args)`.
   */
  elementAt(node: SyntaxNode, i: number): SyntaxNode | undefined {
    if (node.type !== 'identifier') return undefined;
    const recs = this.scopes.scopeOf(node).recs.get(`${node.text}[${i}]`);
    if (!recs) return undefined;
    for (let k = recs.length - 1; k >= 0; k--) if (recs[k]!.pos <= node.startIndex) return recs[k]!.value;
    return undefined;
  }

  /** Constant text of an expression: a string literal, or a variable assigned one string literal once (here or in an enclosing scope). */
  /** Fixed text whatever the request (taint-fixed.ts). */
  fixed(node: SyntaxNode): boolean {
    return isFixed(this.m, this.scopes, node);
  }

  constText(node: SyntaxNode): string | undefined {
    const direct = this.m.stringValue(node);
    if (direct !== undefined || node.type !== 'identifier') return direct;
    for (let scope: Scope | undefined = this.scopes.scopeOf(node); scope; scope = scope.parent) {
      const recs = scope.recs.get(node.text);
      if (!recs) continue;
      const only = recs.length === 1 ? recs[0]! : undefined;
      return only && !only.aug && only.cond === null && only.value ? this.m.stringValue(only.value) : undefined;
    }
    return undefined;
  }

  /** Taint mask of an expression at its own position. */
  mask(node: SyntaxNode): number {
    const hit = this.memo.get(node.id);
    if (hit !== undefined) return hit;
    if (this.depth > 200) return 0; // pathological nesting: give up quietly rather than overflow
    this.depth++;
    try {
      const v = this.compute(node);
      this.memo.set(node.id, v);
      return v;
    } finally {
      this.depth--;
    }
  }

  private union(nodes: (SyntaxNode | null | undefined)[]): number {
    let v = 0;
    for (const n of nodes) if (n) v |= this.mask(n);
    return v;
  }

  private compute(node: SyntaxNode): number {
    switch (node.type) {
      case 'string':
      case 'template_string':
      case 'concatenated_string':
        return this.union(kids(node).filter((c) => c.type === 'interpolation' || c.type === 'template_substitution' || c.type === 'string'));
      case 'number': case 'integer': case 'float': case 'true': case 'false': case 'none': case 'null': case 'undefined':
      case 'regex': case 'comment': case 'lambda': case 'arrow_function': case 'function_expression': case 'function':
      case 'comparison_operator': case 'not_operator': case 'class': case 'class_definition':
        return 0;
      case 'identifier':
      case 'shorthand_property_identifier':
        if (this.isSourceName(node)) return ALL;
        return this.lookup(node.text, node);
      case 'attribute':
      case 'member_expression':
      case 'subscript':
      case 'subscript_expression': {
        if (node.type === 'subscript' && this.m.family === 'py' && isFixedRouteSegment(this.m, node, (id) => single(this.scopes, id))) return 0;
        if (this.isSourceName(node)) return ALL;
        const p = this.scopes.path(node);
        if (p !== undefined) return this.lookup(p, node);
        const obj = node.childForFieldName('object') ?? node.childForFieldName('value');
        return obj ? this.mask(obj) : 0;
      }
      case 'call':
      case 'call_expression':
      case 'new_expression':
        return this.callMask(node);
      case 'binary_expression':
      case 'binary_operator': {
        const op = node.childForFieldName('operator')?.text ?? '';
        // pathlib: `base / name` is a path that carries the name.
        if (op === '/' && this.m.family === 'py') return this.union([node.childForFieldName('left'), node.childForFieldName('right')]);
        // Comparisons and arithmetic other than + and % give numbers or booleans.
        if (/^(?:[<>]=?|[!=]==?|instanceof|in|-|\/|\/\/|\*\*|>>>?|<<|&|\||\^)$/.test(op)) return 0;
        return this.union([node.childForFieldName('left'), node.childForFieldName('right')]);
      }
      case 'unary_expression':
      case 'unary_operator': {
        const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
        return op === 'typeof' || op === '!' || op === 'void' ? 0 : this.union(kids(node));
      }
      case 'conditional_expression': {
        // Python: body if cond else other
        const [body, cond, other] = kids(node);
        const c = cond ? this.scopes.constOf(cond) : UNKNOWN;
        if (c !== UNKNOWN) return this.mask((c ? body : other) ?? node);
        return this.union([cond && body && this.checks(cond, body) ? null : body, other]);
      }
      case 'ternary_expression': {
        const c = this.scopes.constOf(node.childForFieldName('condition')!);
        if (c !== UNKNOWN) return this.mask((c ? node.childForFieldName('consequence') : node.childForFieldName('alternative')) ?? node);
        const cond = node.childForFieldName('condition')!;
        const yes = node.childForFieldName('consequence');
        // `ALLOWED.includes(x) ? x : 'jpg'`: the value is only passed on when the check allowed it.
        return this.union([yes && this.checks(cond, yes) ? null : yes, node.childForFieldName('alternative')]);
      }
      case 'list_comprehension': case 'generator_expression': case 'set_comprehension': case 'dictionary_comprehension':
        return this.union(kids(node).filter((c) => c.type !== 'for_in_clause').concat(kids(node).filter((c) => c.type === 'for_in_clause').map((c) => c.childForFieldName('right')!)));
      default:
        return this.union(kids(node));
    }
  }

  /** Is `cond`, when true, a validation of exactly `value` (an allow-list membership, a format check)? */
  private checks(cond: SyntaxNode, value: SyntaxNode): boolean {
    let c = cond;
    while (c.type === 'parenthesized_expression' && kids(c)[0]) c = kids(c)[0]!;
    if (c.type === 'comparison_operator') return /^\S+\s+in\s/.test(c.text) && kids(c)[0]?.text === value.text;
    const call = this.m.call(c);
    return call !== undefined && guardChecks(call)?.text === value.text;
  }

  private isSourceName(node: SyntaxNode): boolean {
    const name = this.asRequest(this.m.nameOf(node));
    if (!name) return false;
    const base = baseIdentifier(node);
    if (this.shared.extraSources.length > 0 && this.shared.extraSources.some((re) => re.test(name))) return true;
    return isSource(this.m.family, name, base !== undefined && this.m.aliases.has(base));
  }

  private callMask(node: SyntaxNode): number {
    const call = this.m.call(node);
    if (!call) return this.union(kids(node));
    if (this.shared.extraSources.length > 0 && this.shared.extraSources.some((re) => re.test(call.name))) return ALL;
    if (isSource(this.m.family, this.asRequest(call.name)!, false) && (this.m.family === 'py' || !this.m.aliases.has(baseIdentifier(call.callee) ?? ''))) return ALL;
    // `request.args.get('x')` is a source through its receiver; `d.get('k')` reads one key.
    if ((call.last === 'get' || call.last === 'pop' || call.last === 'getlist') && call.receiver && call.args.length >= 1) {
      if (this.isSourceName(call.receiver)) return ALL;
      const key = this.m.stringValue(call.args[0]);
      const base = this.scopes.path(call.receiver);
      // configparser: conf.get(section, option) reads what conf.set(section, option, value) stored.
      const option = call.last === 'get' && call.args[1] ? this.m.stringValue(call.args[1]) : undefined;
      if (key !== undefined && option !== undefined && base !== undefined && this.scopes.written(`${base}[${key}][${option}]`, node)) {
        return this.lookup(`${base}[${key}][${option}]`, node);
      }
      if (key !== undefined && base !== undefined) {
        const fallback = call.args[1] ? this.mask(call.args[1]) : 0;
        return this.lookup(`${base}[${key}]`, node) | fallback;
      }
    }
    if (isCleanCall(call.name) || this.returnsConstant(call.callee)) return 0;
    // `w = helpers.wrap(request); w.get_safe_value("x")`: an accessor the wrapper names as giving back a cleaned value.
    if (call.receiver && SAFE_ACCESSOR.test(call.last) && this.isRequestWrapper(call.receiver) && !this.receiverMethod(call)) return 0;
    if (this.wrapsRequest(call)) return ALL;
    let v = this.localCallMask(call) ?? this.union([...kids(node.childForFieldName('arguments')), ...(call.receiver ? [call.receiver] : [])]);
    // The local name counts too: `const escapeHtml = require('escape-html')` resolves to the module.
    let clean = sanitizerMask(call.name) | sanitizerMask(call.callee.text) | quoteEscape(this.m, call);
    for (const [re, kinds] of this.shared.extraSanitizers) if (re.test(call.name)) clean |= kinds;
    if (clean) v &= ~clean;
    return v;
  }

  /**
   * Python: a helper outside this file handed the whole request object gives back request data
   * (`wrapped = helpers.request_wrapper(request)`, then `wrapped.get_form_parameter("x")`). Calls that
   * only use the request (render, redirect, auth and permission checks) are left out.
   */
  private wrapsRequest(call: CallInfo): boolean {
    if (this.m.family !== 'py' || REQUEST_USERS.test(call.name)) return false;
    if (!call.args.some((a) => this.isRequestObject(a))) return false;
    return this.shared.functions.resolve(call) === undefined;
  }

  /** Python: the framework's whole request object (`request`, `flask.request`, or the parameter a summary run holds it in). */
  private isRequestObject(node: SyntaxNode): boolean {
    return this.m.family === 'py' && node.type === 'identifier' && /^(?:flask\.|bottle\.)?request$/.test(this.asRequest(this.m.nameOf(node)) ?? '');
  }

  /** In a summary run holding the request object in a parameter (`def pick(r)`), `r.args` is read as `request.args`. */
  private asRequest(name: string | undefined): string | undefined {
    const r = this.summary?.request;
    return r !== undefined && name !== undefined && (name === r || name.startsWith(`${r}.`)) ? `request${name.slice(r.length)}` : name;
  }

  /** An object a helper made from the whole request: the call itself, or a variable assigned it once. */
  private isRequestWrapper(node: SyntaxNode): boolean {
    const made = node.type === 'identifier' ? single(this.scopes, node) : node;
    const call = made?.type === 'call' ? this.m.call(made) : undefined;
    return call !== undefined && this.wrapsRequest(call);
  }

  /**
   * Python: `obj.m(...)` where obj was made from a class of this file (`Wrapper(request)`, `w = Wrapper(request)`,
   * `wrap(request)` returning one): that class's method `m`, whose `self` is the receiver.
   */
  private receiverMethod(call: CallInfo): SyntaxNode | undefined {
    if (this.m.family !== 'py' || !call.receiver || call.callee.type !== 'attribute') return undefined;
    const made = call.receiver.type === 'identifier' ? single(this.scopes, call.receiver) : call.receiver;
    const cls = made ? this.shared.functions.classMade(made) : undefined;
    return cls ? this.shared.functions.method(cls, call.last) : undefined;
  }

  private constantFns?: Map<string, boolean>;

  /**
   * A function defined in this file whose every return is a literal gives nothing of its arguments back; so does
   * such a method called on an object made from a class of this file (`w = Wrapper(request); w.safe_value("x")`,
   * Python: `Wrapper.safe_value` is looked up, whatever the constructor was handed).
   */
  private returnsConstant(callee: SyntaxNode): boolean {
    if (!this.constantFns) this.constantFns = this.constantFunctions(callee.tree.rootNode);
    if (callee.type === 'identifier') return this.constantFns.get(callee.text) === true;
    const obj = callee.type === 'attribute' ? callee.childForFieldName('object') : undefined;
    const made = obj?.type === 'identifier' ? single(this.scopes, obj) : undefined;
    const cls = made?.type === 'call' ? made.childForFieldName('function') : undefined;
    return cls?.type === 'identifier' && this.constantFns.get(`${cls.text}.${callee.childForFieldName('attribute')?.text}`) === true;
  }

  /** Top-level functions (`name`) and methods of top-level classes (`Class.name`) -> every return is a literal. */
  private constantFunctions(root: SyntaxNode): Map<string, boolean> {
    const out = new Map<string, boolean>();
    const add = (stmts: SyntaxNode[], prefix: string, inClass: boolean) => {
      for (const stmt of stmts) {
        const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt.type === 'export_statement' ? kids(stmt)[0] : stmt;
        const name = fn?.childForFieldName('name')?.text;
        const body = fn?.childForFieldName('body');
        if (!fn || !name || !body) continue;
        if (fn.type === 'class_definition' && !inClass) add(kids(body), `${name}.`, true);
        if (fn.type !== 'function_definition' && fn.type !== 'function_declaration') continue;
        const returns = body.descendantsOfType('return_statement').filter((r): r is SyntaxNode => r !== null);
        out.set(prefix + name, returns.length > 0 && returns.every((r) => { const v = kids(r)[0]; return v === undefined || this.m.isLiteral(v); }));
      }
    };
    add(kids(root), '', false);
    return out;
  }

  /** Taint of a path at the position of `at`: latest definite assignment, plus any conditional ones after it. */
  private lookup(p: string, at: SyntaxNode): number {
    let scope: Scope | undefined = this.scopes.scopeOf(at);
    let pos = at.startIndex;
    const simple = /^[\w$]+$/.test(p);
    while (scope) {
      const found = this.fromRecs(scope, p, at, pos);
      if (found !== undefined && found.definite) return found.v;
      const param = simple && scope.parent ? this.shared.functions.paramNamed(scope.node, p) : undefined;
      // A parameter: what the framework or the callers put in it, plus any conditional writes since.
      if (param) return (found?.v ?? 0) | this.paramMask(scope.node, param);
      if (found !== undefined) return found.v;
      // Not assigned here: a closure reads the enclosing function's variable.
      scope = scope.parent;
      pos = Number.MAX_SAFE_INTEGER;
    }
    // Never assigned: a member of something assigned ("d[k]" of a tainted "d") shares its taint.
    const cut = Math.max(p.lastIndexOf('['), p.lastIndexOf('.'));
    if (cut > 0) return this.lookup(p.slice(0, cut), at);
    return 0;
  }

  private fromRecs(scope: Scope, p: string, at: SyntaxNode, pos: number): { v: number; definite: boolean } | undefined {
    const recs = scope.recs.get(p);
    if (!recs) return undefined;
    let v = 0;
    let any = false;
    for (let i = recs.length - 1; i >= 0; i--) {
      const r = recs[i]!;
      if (r.pos > pos) continue;
      any = true;
      v |= r.value ? this.mask(r.value) & ~(r.clear ?? 0) : (r.mask ?? 0);
      const definite = r.cond === null || (r.cond.startIndex <= at.startIndex && at.endIndex <= r.cond.endIndex);
      if (definite && !r.aug) return { v, definite: true };
    }
    // Only conditional or additive writes before this point: their union is what may flow on.
    return any ? { v, definite: false } : undefined;
  }

  /** Taint of a parameter: request data by framework convention, else what this file's callers pass. */
  private paramMask(fn: SyntaxNode, p: Param): number {
    const fns = this.shared.functions;
    if (fns.isHandlerParam(fn, p)) return ALL;
    if (this.summary) return this.summary.fn.id === fn.id && this.summary.index === p.index && this.summary.request === undefined ? ALL : 0;
    const key = `${fn.id}:${p.name}`;
    const hit = this.params.get(key);
    if (hit !== undefined) return hit;
    this.params.set(key, 0); // recursion: a function passing its own parameter on adds nothing
    // What callers in other files of the project pass (a top-level function imported there).
    const name = this.shared.incoming ? nameOfFunction(fn) : undefined;
    let v = name !== undefined && isTopLevel(fn) ? (this.shared.incoming!.get(`${name}:${p.index}`) ?? 0) : 0;
    for (const call of fns.callersOf(fn)) {
      const arg = fns.argFor(call, fn, p);
      if (arg) v |= this.mask(arg);
      if (v === ALL) break;
    }
    this.params.set(key, v);
    return v;
  }

  /**
   * What a call of a function defined in this file returns: what its body returns when no parameter is
   * tainted, plus, per argument, the argument's taint limited to the kinds that survive from that
   * parameter to a return. undefined when the call is not resolved (the caller then takes the union).
   */
  private localCallMask(call: CallInfo): number | undefined {
    const level = this.summary?.level ?? 0;
    if (level >= MAX_SUMMARY_LEVEL) return undefined;
    const fns = this.shared.functions;
    const resolved = fns.resolve(call);
    const method = resolved === undefined ? this.receiverMethod(call) : undefined;
    const fn = resolved ?? method;
    if (!fn) return undefined;
    const base = this.summarise(fn, -1, level);
    if (base === undefined) return undefined;
    let v = base;
    for (const p of fns.params(fn)) {
      // A method's `self` is its receiver; the whole request object handed over may give request data back.
      const arg = method && p.index === 0 ? call.receiver : fns.argFor(call, fn, p);
      if (!arg) continue;
      const whole = this.isRequestObject(arg) ? p.name : undefined;
      const a = whole !== undefined ? ALL : this.mask(arg);
      if (a === 0) continue;
      const through = this.summarise(fn, p.index, level, whole);
      if (through === undefined) return undefined;
      v |= a & through;
    }
    return v;
  }

  /** `request`: the parameter's name when the argument is the whole request object (see Summary). */
  private summarise(fn: SyntaxNode, index: number, level: number, request?: string): number | undefined {
    const key = `${fn.id}:${index}${request !== undefined ? ':request' : ''}`;
    const hit = this.shared.summaries.get(key);
    if (hit !== undefined) return hit < 0 ? undefined : hit;
    this.shared.summaries.set(key, -1);
    const sub = new Taint(this.m, {}, { fn, index, level: level + 1, ...(request !== undefined ? { request } : {}) }, this.shared);
    let v = 0;
    for (const r of this.shared.functions.returns(fn)) v |= sub.mask(r);
    this.shared.summaries.set(key, v);
    return v;
  }
}

/** Accessors whose name says the value they give back was made safe (`get_safe_value`, `sanitized_input`, `clean_name`). */
const SAFE_ACCESSOR = /^(?:get_)?(?:safe|saniti[sz]ed|clean(?:ed)?|escaped|validated)(?:_\w+)?$/;

/** Calls that take the request object but give back no request data of their own. */
const REQUEST_USERS = /(?:^|\.|_)(?:render\w*|redirect|reverse|authenticate|login|logout|is_\w+|has_\w+|check\w*|validate\w*|csrf\w*|messages|get_user|get_current_site|get_token|RequestContext|isinstance|len|bool|str|print|repr|id|type)$/i;

/**
 * `x.replace("'", "&apos;")`: a quote replaced by text without it cannot close the quoted literal an XPath
 * query puts x in (`[@id='${x}']`); clears XPath taint only (other sinks have other metacharacters).
 */
function quoteEscape(m: FileModel, call: CallInfo): number {
  if (call.last !== 'replace' && call.last !== 'replaceAll') return 0;
  // stringValue keeps escapes as written: '\'' is the quote itself.
  const [from, to] = [call.args[0], call.args[1]].map((a) => m.stringValue(a)?.replace(/\\(['"\\])/g, '$1'));
  return (from === "'" || from === '"') && to !== undefined && !to.includes(from) ? KIND.xpath : 0;
}

function baseIdentifier(node: SyntaxNode): string | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.type !== 'identifier') n = n.childForFieldName('object') ?? n.childForFieldName('value') ?? n.childForFieldName('function');
  return n?.text;
}
