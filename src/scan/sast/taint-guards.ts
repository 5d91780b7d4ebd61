import type { FileModel } from './model.js';
import { kids, type SyntaxNode } from './parser.js';
import { KIND } from './taint-kinds.js';
import type { Scope } from './taint-scopes.js';

/**
 * Guard shapes read from `if` conditions (taint-scopes.ts records what they clean): parent-folder checks, prefix
 * checks on normalised paths, host checks on parsed URLs, and the operands of `and` / `or` chains.
 */

/** `'..' in x` / `'../' in x` (alone or as an `or` operand): the x checked for a parent-folder step. */
export function dotDotCheck(m: FileModel, test: SyntaxNode | null): SyntaxNode | undefined {
  for (const t of operands(test, 'or')) {
    if (t.type !== 'comparison_operator' || /\bnot in\b/.test(t.text)) continue;
    const [lit, x] = [kids(t)[0], kids(t).at(-1)];
    if (kids(t).length === 2 && x?.type === 'identifier' && /\.\./.test(m.stringValue(lit) ?? '') && /^\S+\s+in\s/.test(t.text)) return x;
  }
  return undefined;
}

/**
 * `"'" in x` (alone or as an `or` operand): past a guard that leaves on it, x holds no apostrophe, so it cannot close
 * the quoted literal of an XPath expression (`[@id='{x}']`; XPath has no escape inside a literal). XPath taint only.
 */
export function quoteCheck(m: FileModel, test: SyntaxNode | null): SyntaxNode | undefined {
  for (const t of operands(test, 'or')) {
    const [lit, x] = [kids(t)[0], kids(t).at(-1)];
    if (t.type !== 'comparison_operator' || /\bnot in\b/.test(t.text) || kids(t).length !== 2 || x?.type !== 'identifier') continue;
    if (m.stringValue(lit)?.replace(/\\(['"\\])/g, '$1') === "'") return x;
  }
  return undefined;
}

/** A guard that confines x for one kind of sink: a parent-folder or normalised-prefix check (path), an apostrophe check (XPath). */
export function confiningCheck(m: FileModel, scope: Scope, test: SyntaxNode | null): { x: SyntaxNode; clear: number } | undefined {
  const path = dotDotCheck(m, test) ?? prefixCheck(m, scope, test);
  if (path) return { x: path, clear: KIND.path };
  const quoted = quoteCheck(m, test);
  return quoted ? { x: quoted, clear: KIND.xpath } : undefined;
}

/** `not p.startswith(base)` (`!p.startsWith(base)`), p a variable holding a normalised path (resolve, realpath, abspath, normpath). */
export function prefixCheck(m: FileModel, scope: Scope, test: SyntaxNode | null): SyntaxNode | undefined {
  for (const t of operands(test, 'or')) {
    if (t.type !== 'not_operator' && !(t.type === 'unary_expression' && t.child(0)?.text === '!')) continue;
    let inner = t.childForFieldName('argument');
    while (inner?.type === 'parenthesized_expression') inner = kids(inner)[0] ?? null;
    const call = inner ? m.call(inner) : undefined;
    if (!call || !/^(?:startswith|startsWith)$/.test(call.last) || !call.receiver) continue;
    // str(p).startswith(...) / p.startswith(...)
    const conv = m.call(call.receiver);
    const p = conv && /^(?:str|String|os\.fspath)$/.test(conv.name) ? conv.args[0] : call.receiver;
    if (p?.type !== 'identifier') continue;
    const made = scope.recs.get(p.text)?.filter((r) => r.pos <= t.startIndex).at(-1)?.value;
    const norm = made ? m.call(made) : undefined;
    if (norm && /(?:^|\.)(?:resolve|realpath|abspath|normpath|normalize)$/.test(norm.name)) return p;
  }
  return undefined;
}

/** The operands of a chain of `and` (&&) or `or` (||), parentheses removed. */
export function operands(test: SyntaxNode | null, op: 'and' | 'or'): SyntaxNode[] {
  while (test?.type === 'parenthesized_expression') test = kids(test)[0] ?? null;
  if (!test) return [];
  const o = test.childForFieldName('operator')?.text;
  if ((test.type === 'boolean_operator' && o === op) || (test.type === 'binary_expression' && o === (op === 'and' ? '&&' : '||'))) {
    return [...operands(test.childForFieldName('left'), op), ...operands(test.childForFieldName('right'), op)];
  }
  return [test];
}

/**
 * A test that is true when x names another host: `urlparse(x).netloc`, `url_parse(x).netloc != ''`,
 * `new URL(x).host !== ...`. A guard on it that leaves or resets x leaves x a local path.
 */
export function hostCheck(m: FileModel, t: SyntaxNode, scope: Scope): SyntaxNode | undefined {
  const attr = t.type === 'comparison_operator' || t.type === 'binary_expression' ? kids(t)[0] : t;
  if (!attr || !/^(?:attribute|member_expression)$/.test(attr.type)) return undefined;
  const field = attr.childForFieldName('attribute') ?? attr.childForFieldName('property');
  if (!field || !/^(?:netloc|hostname|host|scheme)$/.test(field.text)) return undefined;
  let obj = attr.childForFieldName('object');
  while (obj?.type === 'parenthesized_expression') obj = kids(obj)[0] ?? null;
  // `u = urlparse(x)` then `if u.netloc not in ALLOWED: return`.
  if (obj?.type === 'identifier') obj = scope.recs.get(obj.text)?.filter((r) => r.pos <= t.startIndex).at(-1)?.value ?? obj;
  const call = obj ? m.call(obj) : undefined;
  return call && /(?:^|\.)(?:url_parse|urlparse|urlsplit|URL)$/.test(call.name) ? call.args[0] : undefined;
}

/**
 * `if not x.startswith("'") or not x.endswith("'") or "'" in x[1:-1]: return`: past the guard x is one quoted
 * string literal, which `eval` turns into that text and nothing else. Returns the x checked (code taint only).
 */
export function quotedLiteralCheck(m: FileModel, test: SyntaxNode | null): SyntaxNode | undefined {
  const ops = operands(test, 'or');
  const unquote = (n: SyntaxNode | undefined) => m.stringValue(n)?.replace(/\\(['"\\])/g, '$1');
  for (const q of ["'", '"']) {
    const negated = (method: string) => {
      for (const t of ops) {
        if (t.type !== 'not_operator') continue;
        let inner = t.childForFieldName('argument');
        while (inner?.type === 'parenthesized_expression') inner = kids(inner)[0] ?? null;
        const call = inner ? m.call(inner) : undefined;
        if (call?.last === method && unquote(call.args[0]) === q && call.receiver?.type === 'identifier') return call.receiver;
      }
      return undefined;
    };
    const x = negated('startswith');
    if (!x || negated('endswith')?.text !== x.text) continue;
    // `q in x[1:-1]`: no quote inside, so the literal cannot end early.
    const inside = ops.some((t) => {
      const [lit, sub] = kids(t);
      return t.type === 'comparison_operator' && !/\bnot in\b/.test(t.text) && unquote(lit) === q && sub?.type === 'subscript'
        && sub.childForFieldName('value')?.text === x.text && /^\[\s*1\s*:\s*-1\s*\]$/.test(sub.text.slice(x.text.length));
    });
    if (inside) return x;
  }
  return undefined;
}
