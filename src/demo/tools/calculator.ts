/**
 * Arithmetic without eval: + - * / % ^ and parentheses over decimal numbers, by recursive descent.
 * Throws CalcError with a short message on anything else.
 */
export class CalcError extends Error {}

export function calculate(expression: string): number {
  if (expression.length > 200) throw new CalcError('expression longer than 200 characters');
  const src = expression.replace(/\s+/g, '');
  let pos = 0;
  let depth = 0;

  const peek = () => src[pos];
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = src[pos++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = src[pos++];
      const r = power();
      if ((op === '/' || op === '%') && r === 0) throw new CalcError('division by zero');
      v = op === '*' ? v * r : op === '/' ? v / r : v % r;
    }
    return v;
  };
  const power = (): number => {
    const base = unary();
    if (peek() === '^') {
      pos++;
      return base ** power(); // right-associative
    }
    return base;
  };
  const unary = (): number => {
    if (peek() === '-') {
      pos++;
      return -unary();
    }
    if (peek() === '+') {
      pos++;
      return unary();
    }
    return primary();
  };
  const primary = (): number => {
    if (peek() === '(') {
      if (++depth > 32) throw new CalcError('too deeply nested');
      pos++;
      const v = expr();
      if (src[pos++] !== ')') throw new CalcError('missing )');
      depth--;
      return v;
    }
    const m = /^\d+(?:\.\d+)?(?:e[+-]?\d+)?/i.exec(src.slice(pos));
    if (!m) throw new CalcError(pos >= src.length ? 'unexpected end of expression' : `unexpected "${src[pos]}" at ${pos + 1}`);
    pos += m[0].length;
    return Number(m[0]);
  };

  if (src === '') throw new CalcError('empty expression');
  const v = expr();
  if (pos !== src.length) throw new CalcError(`unexpected "${src[pos]}" at ${pos + 1}`);
  if (!Number.isFinite(v)) throw new CalcError('result is not a finite number');
  return v;
}
