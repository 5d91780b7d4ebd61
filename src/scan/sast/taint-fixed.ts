import type { FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import { isFixedRouteSegment } from './taint-handlers.js';
import type { Scopes } from './taint-scopes.js';

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
      return isFixedRouteSegment(m, node, (id) => single(scopes, id));
    case 'identifier': {
      const recs = scopes.assignmentsOf(node) ?? [];
      let from = -1;
      recs.forEach((r, i) => { if (r.cond === null && !r.aug && r.pos <= node.startIndex) from = i; });
      if (from === -1) return false;
      return recs.slice(from).every((r) => r.value !== undefined && r.mask === undefined && isFixed(m, scopes, r.value, depth + 1));
    }
    default:
      return false;
  }
}

/** The value of a variable assigned exactly once, unconditionally, before `id`. */
export function single(scopes: Scopes, id: SyntaxNode): SyntaxNode | undefined {
  const recs = scopes.assignmentsOf(id);
  const r = recs?.length === 1 ? recs[0]! : undefined;
  return r && !r.aug && r.cond === null && r.pos <= id.startIndex ? r.value : undefined;
}
