import type { CallInfo, FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import { isHandlerParam } from './taint-handlers.js';

/**
 * The functions of one file as the taint engine sees them: their parameters (positional, keyword,
 * destructured), which call sites in the same file reach each of them, and which of their parameters
 * carry request data by framework convention (taint-handlers.ts). taint.ts uses this to give a
 * parameter the taint of the arguments its callers pass, and a call the taint its callee returns.
 *
 * Limits: calls are resolved by name inside this file only - `f(x)` to a function `f` defined once in the
 * file, `self.f(x)` / `this.f(x)` / `cls.f(x)` to a method `f` defined once, and (Python, taint.ts) `obj.f(x)` to
 * the method `f` of the top-level class obj was made from (classMade); calls through other objects, inherited
 * methods, callbacks, higher-order functions and other files are not followed.
 */

export interface Param {
  readonly name: string;
  /** Position in the parameter list (self/cls included). */
  readonly index: number;
  /** For `{ key }` / `{ key: name }` destructured from an argument: the key read. */
  readonly key?: string;
  /** The type annotation text, when there is one (`Request`). */
  readonly type?: string;
  /** The default value, when there is one. */
  readonly dflt?: SyntaxNode;
  /** `*args`, `**kwargs`, `...rest`. */
  readonly rest?: boolean;
}

export const FUNCTION_TYPES = new Set([
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration',
  'generator_function', 'function', 'function_definition',
]);

const CALL_TYPES = ['call', 'call_expression', 'new_expression'];

export class LocalFunctions {
  private readonly paramCache = new Map<number, Param[]>();
  private byName?: Map<string, SyntaxNode[]>;
  private callers?: Map<number, CallInfo[]>;
  /** Top-level classes by name (the first definition of a name). */
  private classes?: Map<string, SyntaxNode>;

  constructor(private readonly m: FileModel) {}

  /** Parameters of a function node, in order. */
  params(fn: SyntaxNode): Param[] {
    const hit = this.paramCache.get(fn.id);
    if (hit) return hit;
    const out: Param[] = [];
    const list = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    const items = list ? (list.type === 'identifier' ? [list] : kids(list)) : [];
    items.forEach((p, index) => this.param(p, index, out));
    this.paramCache.set(fn.id, out);
    return out;
  }

  private param(p: SyntaxNode, index: number, out: Param[], type?: string, dflt?: SyntaxNode): void {
    switch (p.type) {
      case 'identifier':
        out.push({ name: p.text, index, ...(type ? { type } : {}), ...(dflt ? { dflt } : {}) });
        return;
      case 'typed_parameter': { // Python x: T, *args: T
        const t = p.childForFieldName('type')?.text;
        const inner = kids(p)[0];
        if (inner) this.param(inner, index, out, t, dflt);
        return;
      }
      case 'default_parameter': case 'typed_default_parameter': {
        const name = p.childForFieldName('name');
        const t = p.childForFieldName('type')?.text;
        if (name) this.param(name, index, out, t, p.childForFieldName('value') ?? undefined);
        return;
      }
      case 'list_splat_pattern': case 'dictionary_splat_pattern': case 'rest_pattern': {
        const inner = kids(p)[0];
        if (inner?.type === 'identifier') out.push({ name: inner.text, index, rest: true });
        return;
      }
      case 'required_parameter': case 'optional_parameter': { // TypeScript
        const pattern = p.childForFieldName('pattern');
        const t = p.childForFieldName('type')?.text.replace(/^:\s*/, '');
        if (pattern) this.param(pattern, index, out, t, p.childForFieldName('value') ?? undefined);
        return;
      }
      case 'assignment_pattern': {
        const left = p.childForFieldName('left');
        if (left) this.param(left, index, out, type, p.childForFieldName('right') ?? undefined);
        return;
      }
      case 'object_pattern':
        for (const prop of kids(p)) {
          if (prop.type === 'shorthand_property_identifier_pattern') out.push({ name: prop.text, index, key: prop.text, ...(type ? { type } : {}) });
          else if (prop.type === 'pair_pattern') {
            const key = prop.childForFieldName('key')?.text;
            let value = prop.childForFieldName('value');
            if (value?.type === 'assignment_pattern') value = value.childForFieldName('left');
            if (key && value?.type === 'identifier') out.push({ name: value.text, index, key, ...(type ? { type } : {}) });
          } else if (prop.type === 'object_assignment_pattern') {
            const left = prop.childForFieldName('left');
            if (left) out.push({ name: left.text, index, key: left.text, ...(type ? { type } : {}) });
          }
        }
        return;
      default:
        return;
    }
  }

  /** The parameter of `fn` named `name`, if any. */
  paramNamed(fn: SyntaxNode, name: string): Param | undefined {
    return this.params(fn).find((p) => p.name === name);
  }

  /** Does this parameter carry request data by the convention of a web framework? */
  isHandlerParam(fn: SyntaxNode, p: Param): boolean {
    return isHandlerParam(this.m, fn, this.params(fn), p, nameOfFunction(fn));
  }

  /** The function a call reaches, when it is defined once in this file under that name. */
  resolve(call: CallInfo): SyntaxNode | undefined {
    this.index();
    const callee = call.callee;
    if (callee.type === 'identifier') return only(this.byName!.get(callee.text)?.filter((f) => !isMethod(f)));
    const obj = callee.childForFieldName('object');
    if ((callee.type === 'attribute' || callee.type === 'member_expression') && obj && /^(?:self|cls|this)$/.test(obj.text)) {
      const prop = callee.childForFieldName('attribute') ?? callee.childForFieldName('property');
      return prop ? only(this.byName!.get(prop.text)?.filter(isMethod)) : undefined;
    }
    return undefined;
  }

  /**
   * Python: the class of this file an expression makes - `Cls(...)` of a top-level class, or a call of a local
   * function every return of which makes the same one (`def wrap(r): return Wrapper(r)`).
   */
  classMade(expr: SyntaxNode): SyntaxNode | undefined {
    if (expr.type !== 'call') return undefined;
    const callee = expr.childForFieldName('function');
    if (callee?.type !== 'identifier') return undefined;
    const cls = this.classNamed(callee.text);
    if (cls) return cls;
    const call = this.m.call(expr);
    const fn = call ? this.resolve(call) : undefined;
    const made = fn ? this.returns(fn).map((r) => (r.type === 'call' ? this.classNamed(r.childForFieldName('function')?.text ?? '') : undefined)) : [];
    return made.length > 0 && made.every((c) => c !== undefined && c.id === made[0]!.id) ? made[0] : undefined;
  }

  /** The method `name` defined in the body of class `cls` (not inherited). */
  method(cls: SyntaxNode, name: string): SyntaxNode | undefined {
    for (const stmt of kids(cls.childForFieldName('body') ?? cls)) {
      const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === name) return fn;
    }
    return undefined;
  }

  private classNamed(name: string): SyntaxNode | undefined {
    if (!this.classes) {
      this.classes = new Map();
      for (const stmt of kids(this.m.tree.rootNode)) {
        const c = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
        const n = c?.type === 'class_definition' ? c.childForFieldName('name')?.text : undefined;
        if (n && !this.classes.has(n)) this.classes.set(n, c!);
      }
    }
    return this.classes.get(name);
  }

  /** Call sites in this file that reach `fn`. */
  callersOf(fn: SyntaxNode): readonly CallInfo[] {
    if (!this.callers) {
      this.callers = new Map();
      for (const node of this.m.tree.rootNode.descendantsOfType(CALL_TYPES)) {
        if (!node) continue;
        const call = this.m.call(node);
        const target = call ? this.resolve(call) : undefined;
        if (!call || !target) continue;
        const list = this.callers.get(target.id);
        if (list) list.push(call);
        else this.callers.set(target.id, [call]);
      }
    }
    return this.callers.get(fn.id) ?? [];
  }

  /** The argument a call passes for a parameter (keyword first, then position; `self` skipped for methods). */
  argFor(call: CallInfo, fn: SyntaxNode, p: Param): SyntaxNode | undefined {
    if (p.rest) return call.node.childForFieldName('arguments') ?? undefined;
    const kw = this.m.family === 'py' ? call.kw(p.name) : undefined;
    if (kw) return kw;
    const first = this.params(fn)[0]?.name;
    const offset = this.m.family === 'py' && isMethod(fn) && (first === 'self' || first === 'cls') ? 1 : 0;
    const arg = call.args[p.index - offset];
    if (arg && p.key !== undefined && arg.type === 'object') return this.m.property(arg, p.key);
    return arg;
  }

  /** The expressions a function returns (an arrow function's expression body included). */
  returns(fn: SyntaxNode): SyntaxNode[] {
    const body = fn.childForFieldName('body');
    if (!body) return [];
    if (fn.type === 'arrow_function' && body.type !== 'statement_block') return [body];
    const out: SyntaxNode[] = [];
    for (const r of body.descendantsOfType('return_statement')) {
      if (!r) continue;
      const v = kids(r)[0];
      if (v && enclosingFunction(r) === fn.id) out.push(v);
    }
    return out;
  }

  private index(): void {
    if (this.byName) return;
    this.byName = new Map();
    for (const fn of this.m.tree.rootNode.descendantsOfType([...FUNCTION_TYPES])) {
      if (!fn) continue;
      const name = nameOfFunction(fn);
      if (!name) continue;
      const list = this.byName.get(name);
      if (list) list.push(fn);
      else this.byName.set(name, [fn]);
    }
  }
}

function only<T>(xs: T[] | undefined): T | undefined {
  return xs && xs.length === 1 ? xs[0] : undefined;
}

/** A method: defined in a class body. */
export function isMethod(fn: SyntaxNode): boolean {
  if (fn.type === 'method_definition') return true;
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition';
}

/** The name a function is called by: its own, or the variable / property it is assigned to. */
export function nameOfFunction(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent.type === 'assignment_expression') {
    const left = parent.childForFieldName('left');
    return left?.type === 'member_expression' ? left.childForFieldName('property')?.text : left?.text;
  }
  if (parent.type === 'pair') return parent.childForFieldName('key')?.text;
  return undefined;
}

function enclosingFunction(node: SyntaxNode): number | undefined {
  let p = node.parent;
  while (p && !FUNCTION_TYPES.has(p.type) && p.type !== 'lambda') p = p.parent;
  return p?.id;
}
