import type { FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';

/**
 * Constant folding for the taint engine: the value of a condition, key or index when it is fixed text or
 * arithmetic on literals, following variables assigned a constant once. Used to prune dead branches
 * (`if 7 * 18 > 200:`), to read constant keys (`d["k"]`, `l[-1]`) and to pick the `match` arm that runs.
 */

export type Const = string | number | boolean | null;
export const UNKNOWN = Symbol('unknown');
export type MaybeConst = Const | typeof UNKNOWN;

/** One recorded write of a variable, as far as constant folding needs it (see taint-scopes.ts). */
export interface Assignment {
  readonly pos: number;
  readonly cond: SyntaxNode | null;
  readonly value?: SyntaxNode;
  readonly aug: boolean;
}

/** What folding needs from the scopes: the file, and the writes of an identifier in its scope. */
export interface ConstEnv {
  readonly model: FileModel;
  assignmentsOf(id: SyntaxNode): readonly Assignment[] | undefined;
}

/** Constant value of a condition or key, following variables assigned constants. */
export function constOf(node: SyntaxNode, env: ConstEnv): MaybeConst {
  switch (node.type) {
    case 'integer': case 'number': case 'float': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(n) ? n : UNKNOWN;
    }
    case 'true': return true;
    case 'false': return false;
    case 'none': case 'null': return null;
    case 'string': case 'template_string': case 'concatenated_string': {
      const s = env.model.stringValue(node);
      return s === undefined ? UNKNOWN : s;
    }
    case 'parenthesized_expression':
      return kids(node)[0] ? constOf(kids(node)[0]!, env) : UNKNOWN;
    case 'identifier': {
      const recs = env.assignmentsOf(node);
      if (!recs) return UNKNOWN;
      // Only a single definite constant assignment before this point counts.
      const before = recs.filter((r) => r.pos <= node.startIndex);
      if (before.length === 0 || recs.some((r) => r.aug || r.cond !== null)) return UNKNOWN;
      const last = before[before.length - 1]!;
      return last.value && last.value.startIndex < node.startIndex ? constOf(last.value, env) : UNKNOWN;
    }
    case 'not_operator': {
      const v = constOf(node.childForFieldName('argument')!, env);
      return v === UNKNOWN ? UNKNOWN : !v;
    }
    case 'unary_expression': case 'unary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const v = constOf(node.childForFieldName('argument') ?? kids(node)[0]!, env);
      if (v === UNKNOWN) return UNKNOWN;
      if (op === '!' || op === 'not') return !v;
      if (op === '-' && typeof v === 'number') return -v;
      return UNKNOWN;
    }
    case 'subscript': case 'subscript_expression': {
      const obj = constOf(node.childForFieldName('value') ?? node.childForFieldName('object')!, env);
      const idx = constOf(node.childForFieldName('subscript') ?? node.childForFieldName('index')!, env);
      if (typeof obj === 'string' && typeof idx === 'number') return obj.at(idx) ?? UNKNOWN;
      return UNKNOWN;
    }
    case 'boolean_operator': {
      const l = constOf(node.childForFieldName('left')!, env);
      const r = constOf(node.childForFieldName('right')!, env);
      const op = node.childForFieldName('operator')?.text;
      if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
      return op === 'and' ? Boolean(l) && Boolean(r) : Boolean(l) || Boolean(r);
    }
    case 'comparison_operator': {
      const operands = kids(node);
      const ops = node.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.text);
      if (operands.length !== 2 || ops.length !== 1) return UNKNOWN;
      return compare(constOf(operands[0]!, env), ops[0]!, constOf(operands[1]!, env));
    }
    case 'binary_expression': case 'binary_operator': {
      const l = constOf(node.childForFieldName('left')!, env);
      const r = constOf(node.childForFieldName('right')!, env);
      const op = node.childForFieldName('operator')?.text ?? '';
      if (op === '&&' || op === '||') {
        if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
        return op === '&&' ? Boolean(l) && Boolean(r) : Boolean(l) || Boolean(r);
      }
      const cmp = compare(l, op, r);
      if (cmp !== UNKNOWN) return cmp;
      if (typeof l === 'number' && typeof r === 'number') {
        switch (op) {
          case '+': return l + r;
          case '-': return l - r;
          case '*': return l * r;
          case '/': return r === 0 ? UNKNOWN : l / r;
          case '//': return r === 0 ? UNKNOWN : Math.floor(l / r);
          case '%': return r === 0 ? UNKNOWN : l % r;
        }
      }
      if (typeof l === 'string' && typeof r === 'string' && op === '+') return l + r;
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function compare(l: MaybeConst, op: string, r: MaybeConst): MaybeConst {
  if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
  switch (op) {
    case '==': case '===': return l === r;
    case '!=': case '!==': return l !== r;
    case '>': return l !== null && r !== null && l > r;
    case '<': return l !== null && r !== null && l < r;
    case '>=': return l !== null && r !== null && l >= r;
    case '<=': return l !== null && r !== null && l <= r;
    default: return UNKNOWN;
  }
}
