import type { FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import { constOf, UNKNOWN, type Assignment, type ConstEnv, type MaybeConst } from './taint-constants.js';
import { confiningCheck, quotedLiteralCheck, hostCheck, operands } from './taint-guards.js';
import { KIND } from './taint-kinds.js';
import { GUARD_EXIT_CALLS, GUARD_EXIT_STATEMENTS, guardChecks, sanitizerMask } from './taint-sanitizers.js';

/** Checks of the receiver's own text (`x.isdigit()`): a positive one says little about how x is used after. */
const GUARD_METHODS_BY_RECEIVER = /^(?:isalnum|isalpha|isdigit|isdecimal|isnumeric|isidentifier)$/;

/**
 * The write side of the taint engine: per scope (a function body or the module), every write of a
 * variable or constant-keyed member in source order - assignments, augmented assignments, destructuring,
 * `for` targets, `with ... as`, container writes (append/push/set/update) - with the conditional construct
 * around it. Branches whose condition is constant are pruned; an early-return validation guard records
 * the checked variable as clean. taint.ts reads these records to compute what an expression carries.
 */

/** Nodes that open a function scope (Python and JavaScript/TypeScript). */
export const FUNCTIONS = new Set([
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration',
  'generator_function', 'function', 'function_definition', 'lambda',
]);
/** Nodes that make an assignment inside them conditional. */
const BRANCHES = new Set([
  'else_clause', 'elif_clause', 'except_clause', 'catch_clause', 'switch_case', 'switch_default', 'case_clause', 'finally_clause',
  'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'conditional_expression', 'ternary_expression',
]);

export interface Rec extends Assignment {
  /** The variable is defined from here (end of the assignment). */
  pos: number;
  /** Nearest conditional construct around the assignment inside the scope, or null. */
  cond: SyntaxNode | null;
  /** Value whose taint the variable takes; undefined with `mask` set. */
  value?: SyntaxNode;
  mask?: number;
  /** Kinds of taint `value` no longer carries here (a guard that rules out only some sinks). */
  clear?: number;
  /** Adds to what the variable held before (x += y, list.append(y), obj[k] = y). */
  aug: boolean;
}

export interface Scope {
  node: SyntaxNode;
  parent?: Scope;
  recs: Map<string, Rec[]>;
  /** Lists whose elements are known position by position (literal, then append/pop/insert). */
  lists: Map<string, SyntaxNode[]>;
}

/** Scopes of one file, built lazily: a scope's body is walked the first time something inside it is looked up. */
export class Scopes implements ConstEnv {
  private readonly scopes = new Map<number, Scope>();

  constructor(private readonly m: FileModel) {}

  get model(): FileModel {
    return this.m;
  }

  /** The writes of an identifier in its own scope (constant folding reads these). */
  assignmentsOf(id: SyntaxNode): readonly Rec[] | undefined {
    return this.scopeOf(id).recs.get(id.text);
  }

  constOf(node: SyntaxNode): MaybeConst {
    return constOf(node, this);
  }

  /** Access path of a variable or a constant-keyed member: "x", "self.x", "d[key]". */
  path(node: SyntaxNode): string | undefined {
    switch (node.type) {
      case 'identifier':
      case 'this':
        return node.text;
      case 'attribute': {
        const b = this.pathOf(node.childForFieldName('object'));
        return b === undefined ? undefined : `${b}.${node.childForFieldName('attribute')?.text}`;
      }
      case 'member_expression': {
        const b = this.pathOf(node.childForFieldName('object'));
        return b === undefined ? undefined : `${b}[${node.childForFieldName('property')?.text}]`;
      }
      case 'subscript': {
        const b = this.pathOf(node.childForFieldName('value'));
        const key = this.constOf(node.childForFieldName('subscript')!);
        return b === undefined || key === UNKNOWN ? undefined : `${b}[${String(key)}]`;
      }
      case 'subscript_expression': {
        const b = this.pathOf(node.childForFieldName('object'));
        const key = this.constOf(node.childForFieldName('index')!);
        return b === undefined || key === UNKNOWN ? undefined : `${b}[${String(key)}]`;
      }
      case 'call': case 'call_expression': {
        const call = this.m.call(node);
        if (call?.last === 'get' && call.receiver && call.args.length >= 1) {
          const key = this.m.stringValue(call.args[0]);
          const b = this.pathOf(call.receiver);
          return b === undefined || key === undefined ? undefined : `${b}[${key}]`;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private pathOf(n: SyntaxNode | null): string | undefined {
    return n ? this.path(n) : undefined;
  }

  /** Function nodes of the file by position, found once: scope lookups then need no parent walks (each a WASM call). */
  private functions?: SyntaxNode[];

  private enclosingFunction(start: number, end: number, exclude?: SyntaxNode): SyntaxNode | undefined {
    this.functions ??= this.m.tree.rootNode.descendantsOfType([...FUNCTIONS]).filter((n): n is SyntaxNode => n !== null);
    let best: SyntaxNode | undefined;
    for (const f of this.functions) {
      if (f.startIndex <= start && end <= f.endIndex && f.id !== exclude?.id && (!best || f.startIndex >= best.startIndex)) best = f;
    }
    return best;
  }

  /** Is `p` written anywhere in the scope of `at` or an enclosing one? */
  written(p: string, at: SyntaxNode): boolean {
    for (let scope: Scope | undefined = this.scopeOf(at); scope; scope = scope.parent) if (scope.recs.has(p)) return true;
    return false;
  }

  scopeOf(node: SyntaxNode): Scope {
    // A function's own name and parameters belong to the enclosing scope's view, its body to itself.
    const fn = this.enclosingFunction(node.startIndex, node.endIndex, FUNCTIONS.has(node.type) ? node : undefined);
    return this.scopeFor(fn ?? this.m.tree.rootNode);
  }

  private scopeFor(root: SyntaxNode): Scope {
    const hit = this.scopes.get(root.id);
    if (hit) return hit;
    const isRoot = root.id === this.m.tree.rootNode.id;
    const outer = isRoot ? undefined : this.enclosingFunction(root.startIndex, root.endIndex, root);
    const parent = isRoot ? undefined : this.scopeFor(outer ?? this.m.tree.rootNode);
    const scope: Scope = { node: root, recs: new Map(), lists: new Map(), ...(parent ? { parent } : {}) };
    this.scopes.set(root.id, scope);
    const body = FUNCTIONS.has(root.type) ? (root.childForFieldName('body') ?? root) : root;
    this.collect(scope, body, null);
    return scope;
  }

  private add(scope: Scope, p: string, rec: Rec): void {
    const list = scope.recs.get(p);
    if (list) list.push(rec);
    else scope.recs.set(p, [rec]);
  }

  /** Walk a scope body in source order, recording assignments; nested functions are their own scopes. */
  private collect(scope: Scope, node: SyntaxNode, cond: SyntaxNode | null): void {
    const t = node.type;
    if (FUNCTIONS.has(t) && node !== scope.node) return;
    if (t === 'if_statement') {
      this.collectIf(scope, node, cond);
      this.guard(scope, node, cond);
      return;
    }
    if ((t === 'match_statement' || t === 'switch_statement') && this.collectSwitch(scope, node, cond)) return;
    const inner = BRANCHES.has(t) ? node : cond;
    this.record(scope, node, inner);
    for (const c of node.namedChildren) if (c) this.collect(scope, c, inner);
  }

  private collectIf(scope: Scope, node: SyntaxNode, cond: SyntaxNode | null): void {
    const test = node.childForFieldName('condition');
    const value = test ? this.constOf(test) : UNKNOWN;
    const consequence = node.childForFieldName('consequence');
    const alternatives = node.childrenForFieldName('alternative').filter((a): a is SyntaxNode => a !== null);
    if (test) this.collect(scope, test, cond);
    if (value === UNKNOWN) {
      const checked = consequence && this.checkedBy(scope, test);
      if (checked) this.add(scope, checked, { pos: consequence.startIndex, cond: consequence, mask: 0, aug: false });
      if (consequence) this.collect(scope, consequence, consequence);
      for (const a of alternatives) this.collect(scope, a, a);
      return;
    }
    if (value) {
      if (consequence) this.collect(scope, consequence, cond);
      return;
    }
    // Dead consequence: the first alternative runs instead (an elif is tested the same way).
    const next = alternatives[0];
    if (!next) return;
    if (next.type === 'elif_clause') {
      const rest = alternatives.slice(1);
      this.collectElif(scope, next, rest, cond);
    } else {
      for (const c of kids(next)) this.collect(scope, c, cond);
    }
  }

  /** `match` / `switch` on a constant: only the arm that matches runs. Returns false when not constant. */
  private collectSwitch(scope: Scope, node: SyntaxNode, cond: SyntaxNode | null): boolean {
    const subject = node.childForFieldName('subject') ?? node.childForFieldName('value');
    const value = subject ? this.constOf(subject) : UNKNOWN;
    if (value === UNKNOWN) return false;
    const arms = kids(node.childForFieldName('body'));
    let start = arms.findIndex((arm) => {
      if (arm.type === 'case_clause') {
        const pat = kids(arm).find((c) => c.type === 'case_pattern');
        const lit = kids(pat)[0];
        return lit ? this.constOf(lit) === value : true; // `case _:` matches anything
      }
      if (arm.type === 'switch_case') return this.constOf(arm.childForFieldName('value')!) === value;
      return false;
    });
    if (start === -1) start = arms.findIndex((a) => a.type === 'switch_default');
    if (start === -1) return true;
    // Python runs one arm; JS falls through until a break.
    for (let i = start; i < arms.length; i++) {
      const arm = arms[i]!;
      for (const c of kids(arm)) if (c.type !== 'case_pattern' && c !== arm.childForFieldName('value')) this.collect(scope, c, cond);
      if (arm.type === 'case_clause' || kids(arm).some((c) => c.type === 'break_statement' || c.type === 'return_statement')) break;
    }
    return true;
  }

  /**
   * A validation guard: `if not x.isalnum(): return` / `if (!/^\w+$/.test(x)) return;` / `if x not in ALLOWED: abort(400)`.
   * After it, x holds only what the check allows, so it carries no taint.
   */
  private guard(scope: Scope, node: SyntaxNode, cond: SyntaxNode | null): void {
    const body = node.childForFieldName('consequence');
    if (!body || node.childForFieldName('alternative')) return;
    let last = body.type === 'block' || body.type === 'statement_block' ? kids(body).at(-1) : body;
    if (last?.type === 'expression_statement') last = kids(last)[0];
    // The guard leaves (return / raise / abort), or replaces the value with a constant (`url = "/"`).
    const right = last !== undefined && /^(?:assignment|assignment_expression)$/.test(last.type) ? last.childForFieldName('right') : null;
    // ... or with a sanitizer's result (`next = url_for("index")`).
    const resets = right !== null && (this.m.isLiteral(right) || sanitizerMask(this.m.call(right)?.name ?? '') !== 0);
    if (!last || !GUARD_EXIT_STATEMENTS.test(last.type) && !GUARD_EXIT_CALLS.test(last.text) && !resets) return;
    let checked: SyntaxNode | undefined;
    // `if '..' in name: return`: the name can no longer climb out of the folder it is joined to; nor can a
    // normalised path once checked against its folder: `p = (base / name).resolve()` then
    // `if not str(p).startswith(str(base)): return`.
    // `if "'" in x: return`: x can no longer close an XPath literal.
    const confined = confiningCheck(this.m, scope, node.childForFieldName('condition'));
    if (confined && !resets) {
      this.add(scope, confined.x.text, { pos: node.endIndex, cond, value: confined.x, clear: confined.clear, aug: false });
      return;
    }
    const literal = resets ? undefined : quotedLiteralCheck(this.m, node.childForFieldName('condition'));
    if (literal) {
      this.add(scope, literal.text, { pos: node.endIndex, cond, value: literal, clear: KIND.code, aug: false });
      return;
    }
    // `if not ok(x) ...` alone or as one operand of an `and` (`if x and not is_safe_url(x): x = "/"`): when the
    // guard does not fire, either the check passed or an operand was false - in the idiom, x is empty then.
    // `if not x or urlparse(x).netloc: x = "/"` fires when any operand holds: after it, every one is false.
    const test = node.childForFieldName('condition');
    const alternatives = operands(test, 'or');
    for (const t of alternatives.length > 1 ? alternatives : this.conjuncts(test)) {
      checked = hostCheck(this.m, t, scope);
      if (checked) break;
      if (t.type === 'not_operator' || (t.type === 'unary_expression' && t.child(0)?.text === '!')) {
        let inner = t.childForFieldName('argument');
        while (inner?.type === 'parenthesized_expression') inner = kids(inner)[0] ?? null;
        const call = inner ? this.m.call(inner) : undefined;
        checked = call ? guardChecks(call) : undefined;
      } else if (t.type === 'comparison_operator' && /\bnot in\b/.test(t.text)) {
        checked = kids(t)[0];
      }
      if (checked) break;
    }
    if (resets && checked?.text !== last!.childForFieldName('left')?.text) return;
    if (checked?.type === 'identifier') this.add(scope, checked.text, { pos: node.endIndex, cond, mask: 0, aug: false });
  }

  /** The operands of a chain of `and` / `&&` (the condition itself when it is not one), parentheses removed. */
  private conjuncts(test: SyntaxNode | null): SyntaxNode[] {
    return operands(test, 'and');
  }

  /**
   * The variable (access path) a positive check validates: `if is_safe_url(x):` / `if (validator.isURL(x))`, or a flag set
   * from one (`ok = url_has_allowed_host_and_scheme(url=x, ...)` then `if ok:`). Inside the branch x is clean.
   */
  private checkedBy(scope: Scope, test: SyntaxNode | null): string | undefined {
    for (let t of this.conjuncts(test)) {
      if (t.type === 'identifier') {
        const value = scope.recs.get(t.text)?.at(-1)?.value;
        if (!value) continue;
        t = value;
      }
      const call = this.m.call(t);
      const checked = call && !GUARD_METHODS_BY_RECEIVER.test(call.last) ? guardChecks(call) : undefined;
      const p = checked ? this.path(checked) : undefined;
      if (p !== undefined) return p;
    }
    return undefined;
  }

  /** A dict / object literal with constant keys: each key is its own path, so `d["safe"]` is not `d["bad"]`. */
  private recordKeys(scope: Scope, name: string, right: SyntaxNode, pos: number, cond: SyntaxNode | null): void {
    if (right.type !== 'dictionary' && right.type !== 'object') return;
    const entries = kids(right);
    // A spread may override any key: then no key is known for sure.
    if (entries.some((e) => e.type === 'dictionary_splat' || e.type === 'spread_element')) return;
    for (const e of entries) {
      if (e.type !== 'pair') continue;
      const k = e.childForFieldName('key');
      const v = e.childForFieldName('value');
      const key = k?.type === 'property_identifier' ? k.text : this.m.stringValue(k);
      if (key !== undefined && v) this.add(scope, `${name}[${key}]`, { pos, cond, value: v, aug: false });
    }
  }

  private collectElif(scope: Scope, clause: SyntaxNode, rest: SyntaxNode[], cond: SyntaxNode | null): void {
    const test = clause.childForFieldName('condition');
    const value = test ? this.constOf(test) : UNKNOWN;
    const body = clause.childForFieldName('consequence');
    if (value === UNKNOWN) {
      if (body) this.collect(scope, body, body);
      for (const a of rest) this.collect(scope, a, a);
    } else if (value) {
      if (body) this.collect(scope, body, cond);
    } else if (rest[0]) {
      if (rest[0].type === 'elif_clause') this.collectElif(scope, rest[0], rest.slice(1), cond);
      else for (const c of kids(rest[0])) this.collect(scope, c, cond);
    }
  }

  private record(scope: Scope, node: SyntaxNode, cond: SyntaxNode | null): void {
    const pos = node.endIndex;
    switch (node.type) {
      case 'assignment': // Python a = b, a: T = b
      case 'assignment_expression':
      case 'named_expression': {
        const left = node.childForFieldName('left') ?? node.childForFieldName('name');
        const right = node.childForFieldName('right') ?? node.childForFieldName('value');
        if (left && right) this.assignTarget(scope, left, right, pos, cond, false);
        return;
      }
      case 'augmented_assignment':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) this.assignTarget(scope, left, right, pos, cond, true);
        return;
      }
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name && value) this.assignTarget(scope, name, value, pos, cond, false);
        return;
      }
      case 'for_statement': // Python: for x in y
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) this.assignTarget(scope, left, right, node.startIndex + 1, node, false);
        return;
      }
      case 'with_item': {
        const v = node.childForFieldName('value');
        if (v?.type === 'as_pattern') {
          const target = v.childForFieldName('alias');
          const src = kids(v)[0];
          if (target && src) this.assignTarget(scope, kids(target)[0] ?? target, src, pos, cond, false);
        }
        return;
      }
      case 'call':
      case 'call_expression': {
        // list.append(x), arr.push(x), map.set(k, x), d.update(x), d.setdefault(k, x); Python buf.write(x) (io.StringIO, read by getvalue())
        const call = this.m.call(node);
        if (!call?.receiver) return;
        const base = this.path(call.receiver);
        if (base === undefined) return;
        this.trackList(scope, base, call.last, call.args, call.receiver, pos, cond);
        if (['append', 'extend', 'push', 'unshift', 'add', 'update', 'insert', 'concat'].includes(call.last) || (this.m.family === 'py' && /^write(?:lines)?$/.test(call.last))) {
          this.add(scope, base, { pos, cond, value: node.childForFieldName('arguments')!, aug: true });
        } else if (call.last === 'set' && call.args.length === 3) {
          // configparser: conf.set(section, option, value), read back with conf.get(section, option).
          const [section, option] = [this.m.stringValue(call.args[0]), this.m.stringValue(call.args[1])];
          if (section !== undefined && option !== undefined) this.add(scope, `${base}[${section}][${option}]`, { pos, cond, value: call.args[2]!, aug: false });
          this.add(scope, base, { pos, cond, value: call.args[2]!, aug: true });
        } else if ((call.last === 'set' || call.last === 'setdefault') && call.args.length >= 2) {
          const key = this.m.stringValue(call.args[0]);
          if (key !== undefined) this.add(scope, `${base}[${key}]`, { pos, cond, value: call.args[1]!, aug: false });
          this.add(scope, base, { pos, cond, value: call.args[1]!, aug: true });
        }
        return;
      }
      default:
        return;
    }
  }

  /**
   * Record each known element as its own path. `cond`: the conditional construct the list was made in (null: none);
   * the list stays known through changes made in that same construct (`if x: lst = []; lst.append(x); lst.pop(0)`).
   */
  private setList(scope: Scope, name: string, items: SyntaxNode[], pos: number, previous: SyntaxNode[] | null, whole: SyntaxNode | undefined, cond: SyntaxNode | null): void {
    scope.lists.set(name, items);
    this.listConds.set(`${scope.node.id}:${name}`, cond);
    items.forEach((item, i) => {
      this.add(scope, `${name}[${i}]`, { pos, cond, value: item, aug: false });
      this.add(scope, `${name}[${i - items.length}]`, { pos, cond, value: item, aug: false });
    });
    // Indices that no longer exist read as the whole list (a conservative answer, not a stale one).
    for (let i = items.length; previous && i < previous.length && whole; i++) this.add(scope, `${name}[${i}]`, { pos, cond, value: whole, aug: false });
  }

  /** Where each tracked list was made: `${scope id}:${name}` -> its conditional construct (see setList). */
  private readonly listConds = new Map<string, SyntaxNode | null>();

  private trackList(scope: Scope, name: string, method: string, args: SyntaxNode[], receiver: SyntaxNode, pos: number, cond: SyntaxNode | null): void {
    const items = scope.lists.get(name);
    if (!items) return;
    const next = [...items];
    const index = (n: SyntaxNode | undefined, dflt: number) => {
      if (!n) return dflt;
      const v = this.constOf(n);
      return typeof v === 'number' && Number.isInteger(v) ? (v < 0 ? next.length + v : v) : undefined;
    };
    const made = this.listConds.get(`${scope.node.id}:${name}`) ?? null;
    let ok = cond === null || cond.id === made?.id;
    switch (method) {
      case 'append': case 'push': next.push(...args); break;
      case 'unshift': next.unshift(...args); break;
      case 'shift': next.shift(); break;
      case 'reverse': next.reverse(); break;
      case 'pop': {
        const i = index(args[0], next.length - 1);
        if (i === undefined || i < 0 || i >= next.length) ok = false;
        else next.splice(i, 1);
        break;
      }
      case 'insert': {
        const i = index(args[0], 0);
        if (i === undefined || !args[1]) ok = false;
        else next.splice(Math.min(Math.max(i, 0), next.length), 0, args[1]);
        break;
      }
      case 'get': case 'index': case 'count': case 'copy': case 'join': case 'includes': case 'indexOf': case 'slice': case 'map': case 'filter': case 'forEach':
        return; // reads
      default: ok = false;
    }
    if (!ok) {
      // Unknown change: every index now reads as the whole list.
      scope.lists.delete(name);
      for (let i = -items.length; i < items.length + args.length; i++) this.add(scope, `${name}[${i}]`, { pos, cond: null, value: receiver, aug: false });
      return;
    }
    this.setList(scope, name, next, pos, items, receiver, cond ?? made);
  }

  private assignTarget(scope: Scope, left: SyntaxNode, right: SyntaxNode, pos: number, cond: SyntaxNode | null, aug: boolean): void {
    switch (left.type) {
      case 'pattern_list': case 'tuple_pattern': case 'list_pattern': case 'array_pattern': case 'object_pattern': case 'expression_list': {
        // Destructuring: each name gets the taint of the whole value (a tuple of literals keeps positions).
        const parts = kids(left);
        const values = right.type === 'expression_list' || right.type === 'tuple' || right.type === 'array' ? kids(right) : undefined;
        parts.forEach((p, i) => {
          const target = p.type === 'pair_pattern' ? p.childForFieldName('value') : p.type === 'assignment_pattern' ? p.childForFieldName('left') : p;
          const v = values && values.length === parts.length ? values[i]! : right;
          if (target) this.assignTarget(scope, target, v, pos, cond, aug);
        });
        return;
      }
      case 'shorthand_property_identifier_pattern':
      case 'identifier':
        this.add(scope, left.text, { pos, cond, value: right, aug });
        if (!aug) this.recordKeys(scope, left.text, right, pos, cond);
        if (!aug && (right.type === 'list' || right.type === 'array')) this.setList(scope, left.text, kids(right).filter((k) => k.type !== 'comment'), pos, null, undefined, cond);
        else if (scope.lists.has(left.text)) scope.lists.delete(left.text);
        return;
      case 'list_splat_pattern': case 'rest_pattern':
        if (kids(left)[0]) this.assignTarget(scope, kids(left)[0]!, right, pos, cond, aug);
        return;
      default: {
        const p = this.path(left);
        if (p === undefined) {
          // obj[expr] = v: the container holds v somewhere.
          const obj = left.childForFieldName('object') ?? left.childForFieldName('value');
          const bp = obj ? this.path(obj) : undefined;
          if (bp !== undefined) this.add(scope, bp, { pos, cond, value: right, aug: true });
          return;
        }
        this.add(scope, p, { pos, cond, value: right, aug });
        // Writing a member also changes what the whole container carries.
        let cut = Math.max(p.lastIndexOf('['), p.lastIndexOf('.'));
        let q = p;
        while (cut > 0) {
          q = q.slice(0, cut);
          this.add(scope, q, { pos, cond, value: right, aug: true });
          cut = Math.max(q.lastIndexOf('['), q.lastIndexOf('.'));
        }
      }
    }
  }
}
