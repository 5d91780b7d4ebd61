import type { FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import { isFixedRouteSegment } from './taint-handlers.js';
import { FUNCTIONS, type Rec, type Scopes } from './taint-scopes.js';

/**
 * Is an expression fixed text, whatever the request: literals, f-strings and `+` of fixed parts, a conditional
 * whose arms are both fixed, a request.path segment every route rule fixes (taint-handlers.ts), and a variable
 * whose last unconditional write before the use and every write after that one are fixed (a later conditional
 * `if not x: x = ""` adds a value, it does not remove one). Rules that report a sink whatever it reads (an
 * unsafe yaml loader) leave such values alone. A variable with no unconditional write (a parameter, a global)
 * is not fixed.
 */
export function isFixed(m: FileModel, scopes: Scopes, node: SyntaxNode | null | undefined, depth = 0): boolean {
  if (!node || depth > 20) return false;
  if (m.isLiteral(node)) return true;
  switch (node.type) {
    case 'parenthesized_expression':
      return isFixed(m, scopes, kids(node)[0], depth + 1);
    case 'string': case 'concatenated_string':
      return kids(node).every((c) => c.type !== 'interpolation' || kids(c).every((e) => e.type === 'format_specifier' || e.type === 'type_conversion' || isFixed(m, scopes, e, depth + 1)));
    case 'binary_operator':
      return node.childForFieldName('operator')?.text === '+' && isFixed(m, scopes, node.childForFieldName('left'), depth + 1) && isFixed(m, scopes, node.childForFieldName('right'), depth + 1);
    case 'conditional_expression': {
      const [body, , other] = kids(node);
      return isFixed(m, scopes, body, depth + 1) && isFixed(m, scopes, other, depth + 1);
    }
    case 'subscript':
      return isFixedRouteSegment(m, node, (id) => single(scopes, id)) || fixedMember(m, scopes, node, depth);
    case 'identifier':
      return fixedWrites(m, scopes, scopes.assignmentsOf(node) ?? [], node, depth);
    default:
      return false;
  }
}

/**
 * The last unconditional write before `at` and every write after it that can reach `at` are fixed values. A write
 * after `at` reaches it only through a loop around both: fixed values are immutable text or numbers, so a later
 * `s += param` rebinds `s` and leaves a copy taken before (`copy = s`) as it was.
 */
function fixedWrites(m: FileModel, scopes: Scopes, recs: readonly Rec[], at: SyntaxNode, depth: number): boolean {
  let from = -1;
  recs.forEach((r, i) => { if (!r.aug && r.pos <= at.startIndex && runsBefore(r, at)) from = i; });
  if (from === -1) return false;
  return recs.slice(from).every((r) => (r.pos > at.endIndex && !loopAround(at, r.pos)) || (r.value !== undefined && r.mask === undefined && isFixed(m, scopes, r.value, depth + 1)));
}

/**
 * Does the write run on every path to `at`: unconditional, or straight in the same branch (or loop body) that
 * also holds `at` (`if x: lst = [...]; ...; bar = lst[1]` inside that `if`). `cond` is the nearest conditional
 * construct around the write, so nothing between the two can skip it.
 */
function runsBefore(r: Rec, at: SyntaxNode): boolean {
  return r.cond === null || (r.cond.type !== 'conditional_expression' && r.cond.startIndex <= at.startIndex && at.endIndex <= r.cond.endIndex);
}

const LOOPS = new Set(['for_statement', 'while_statement', 'for_in_statement', 'do_statement', 'list_comprehension', 'generator_expression']);

/** Is `at` inside a loop of its function that also holds position `pos` (a later write that a next pass reads)? */
function loopAround(at: SyntaxNode, pos: number): boolean {
  for (let n = at.parent; n && !FUNCTIONS.has(n.type) && n.type !== 'class_definition'; n = n.parent) {
    if (LOOPS.has(n.type) && pos <= n.endIndex) return true;
  }
  return false;
}

/**
 * `d["k"]` of a dictionary whose "k" was last set to fixed text (`d = {}; d["k"] = "a"; d["j"] = param`): the
 * writes of that key decide, and the container's other writes are writes of other constant keys; anything else
 * that adds to the container (`d.update(...)`, `d[expr] = v`) must be fixed too.
 */
function fixedMember(m: FileModel, scopes: Scopes, node: SyntaxNode, depth: number): boolean {
  const p = scopes.path(node);
  const base = node.childForFieldName('value');
  if (p === undefined || base?.type !== 'identifier') return false;
  const scope = scopes.scopeOf(node);
  const recs = scope.recs.get(p) ?? [];
  if (!fixedWrites(m, scopes, recs, node, depth)) return false;
  const positional = /\[-?\d+\]$/.test(p);
  return (scope.recs.get(base.text) ?? []).every((r) => !r.aug || r.pos > node.startIndex || keyedWrite(scopes, r.value) || (positional && listGrowth(r.value)) || (r.value !== undefined && isFixed(m, scopes, r.value, depth + 1)));
}

/**
 * Is `value` the arguments of `lst.append(x)` / `insert` / `push` / `unshift`? On a list known position by position
 * the element records already place x (taint-scopes.ts trackList), so `lst[i]` is judged by them alone.
 */
function listGrowth(value: SyntaxNode | undefined): boolean {
  const call = value?.type === 'argument_list' ? value.parent : undefined;
  const method = call?.childForFieldName('function');
  return method?.type === 'attribute' && /^(?:append|insert|push|unshift)$/.test(method.childForFieldName('attribute')?.text ?? '');
}

/** Is `value` the right side of `x[<constant>] = value` (a write the key's own records already hold)? */
function keyedWrite(scopes: Scopes, value: SyntaxNode | undefined): boolean {
  const parent = value?.parent;
  const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : undefined;
  return left?.type === 'subscript' && scopes.path(left) !== undefined;
}

/** The value of a variable assigned exactly once, unconditionally, before `id`. */
export function single(scopes: Scopes, id: SyntaxNode): SyntaxNode | undefined {
  const recs = scopes.assignmentsOf(id);
  const r = recs?.length === 1 ? recs[0]! : undefined;
  return r && !r.aug && r.cond === null && r.pos <= id.startIndex ? r.value : undefined;
}
