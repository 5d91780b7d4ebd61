/**
 * The longest text a regular expression can match, from its source: the matcher runs a rule's regex only in a
 * window around each keyword occurrence, and the window must hold any match that contains that keyword. Returns
 * Infinity for unbounded patterns (`*`, `+`, `{n,}`, back-references), which then get the matcher's default
 * reach. Lookarounds, anchors and `\b` match no text. Covers the syntax JavaScript regexes use without the `v` flag.
 */
export function maxMatchLength(source: string): number {
  const p = { s: source, i: 0 };
  const n = alternation(p);
  return p.i < source.length ? Infinity : n; // an unmatched ")" we did not understand: no bound
}

interface Cursor {
  s: string;
  i: number;
}

function alternation(p: Cursor): number {
  let best = sequence(p);
  while (p.s[p.i] === '|') {
    p.i++;
    best = Math.max(best, sequence(p));
  }
  return best;
}

function sequence(p: Cursor): number {
  let total = 0;
  while (p.i < p.s.length && p.s[p.i] !== '|' && p.s[p.i] !== ')') total += quantified(p, atom(p));
  return total;
}

function atom(p: Cursor): number {
  const c = p.s[p.i]!;
  if (c === '(') {
    p.i++;
    let zeroWidth = false;
    if (p.s[p.i] === '?') {
      const head = p.s.slice(p.i, p.i + 3);
      zeroWidth = head.startsWith('?=') || head.startsWith('?!') || head === '?<=' || head === '?<!';
      if (zeroWidth) p.i += head.startsWith('?<') ? 3 : 2;
      else if (head.startsWith('?:')) p.i += 2;
      else if (head.startsWith('?<')) p.i = p.s.indexOf('>', p.i) + 1; // named group
      else return skipUnknown(p);
    }
    const inner = alternation(p);
    if (p.s[p.i] !== ')') return Infinity;
    p.i++;
    return zeroWidth ? 0 : inner;
  }
  if (c === '[') {
    p.i++;
    if (p.s[p.i] === '^') p.i++;
    if (p.s[p.i] === ']') p.i++;
    while (p.i < p.s.length && p.s[p.i] !== ']') p.i += p.s[p.i] === '\\' ? 2 : 1;
    p.i++;
    return 1;
  }
  if (c === '\\') {
    const e = p.s[p.i + 1] ?? '';
    p.i += 2;
    if (e === 'b' || e === 'B') return 0;
    if (/[1-9]/.test(e) || e === 'k') return Infinity; // back-reference
    if (e === 'x') p.i += 2;
    else if (e === 'u') p.i += p.s[p.i] === '{' ? p.s.indexOf('}', p.i) - p.i + 1 : 4;
    else if (e === 'c') p.i += 1;
    return 1;
  }
  p.i++;
  return c === '^' || c === '$' ? 0 : 1;
}

function quantified(p: Cursor, n: number): number {
  const c = p.s[p.i];
  let max = 1;
  if (c === '*' || c === '+') {
    p.i++;
    max = Infinity;
  } else if (c === '?') {
    p.i++;
  } else if (c === '{') {
    BRACES.lastIndex = p.i;
    const m = BRACES.exec(p.s);
    if (!m) return n; // a literal "{"
    p.i += m[0].length;
    max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  } else return n;
  if (p.s[p.i] === '?') p.i++; // lazy
  return n === 0 ? 0 : n * max;
}

const BRACES = /\{(\d+)(,(\d*))?\}/y;

function skipUnknown(p: Cursor): number {
  p.i = p.s.length;
  return Infinity;
}
