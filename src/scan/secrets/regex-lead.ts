/**
 * How far into a match its first keyword can end, from the regex source: the matcher runs a rule's regex from
 * `back` characters before each keyword occurrence, and any `back` at least this "lead" still starts at every match
 * (each match holds such an occurrence, which the keyword pass reports). Most rules' matches begin with their
 * keyword (`token[_.-]?...=...`, `hvs\....`), so the lead is a keyword's length where the longest match is hundreds of
 * characters: the regex's search starts there, not a whole match length earlier, and less text becomes strings.
 *
 * A keyword counts only where the regex spells it as a run of single characters (a literal, an escaped literal,
 * or a class of one letter in its two cases) matched exactly once, at top level or inside groups every match goes
 * through; anything else (a keyword spread over groups, optional or repeated parts, back-references) gives no lead
 * (Infinity) and the rule keeps its full reach. Lookarounds consume nothing and hold no keyword of the match.
 */
export function keywordLead(src: string, flags: string, keywords: readonly string[]): number {
  // The v flag's nested classes and set operations are not parsed here.
  if (keywords.length === 0 || flags.includes('v')) return Infinity;
  try {
    const p = { src, i: 0 };
    const alts = parseAlternatives(p);
    if (p.i !== src.length) return Infinity;
    return leadOfAlternatives(alts, keywords.map((k) => k.toLowerCase()));
  } catch {
    return Infinity;
  }
}

/** One character folded to lower case (ASCII), or ANY for a class or escape that matches several. */
type Node = { t: 'char'; c: string } | { t: 'any' } | { t: 'zero' } | { t: 'unknown' } | { t: 'group'; alts: Item[][] };
interface Item {
  node: Node;
  min: number;
  max: number;
}

interface Parser {
  src: string;
  i: number;
}

function parseAlternatives(p: Parser): Item[][] {
  const alts: Item[][] = [[]];
  while (p.i < p.src.length) {
    const c = p.src[p.i]!;
    if (c === ')') break;
    if (c === '|') {
      p.i++;
      alts.push([]);
      continue;
    }
    const node = parseAtom(p);
    const [min, max] = parseQuantifier(p);
    alts[alts.length - 1]!.push({ node, min, max });
  }
  return alts;
}

function parseAtom(p: Parser): Node {
  const s = p.src;
  const c = s[p.i]!;
  if (c === '(') {
    p.i++;
    let zero = false;
    if (s[p.i] === '?') {
      const c1 = s[p.i + 1];
      const c2 = s[p.i + 2];
      if (c1 === '=' || c1 === '!') [zero, p.i] = [true, p.i + 2];
      else if (c1 === '<' && (c2 === '=' || c2 === '!')) [zero, p.i] = [true, p.i + 3];
      else if (c1 === '<') p.i = s.indexOf('>', p.i) + 1;
      else if (c1 === ':') p.i += 2;
      else throw new Error('unsupported group');
    }
    const alts = parseAlternatives(p);
    if (s[p.i] !== ')') throw new Error('unclosed group');
    p.i++;
    return zero ? { t: 'zero' } : { t: 'group', alts };
  }
  if (c === '[') return parseClass(p);
  if (c === '\\') {
    const e = s[p.i + 1]!;
    p.i += 2;
    if (e === 'b' || e === 'B') return { t: 'zero' };
    if (/[1-9]/.test(e)) return { t: 'unknown' };
    if (e === 'k') {
      if (s[p.i] === '<') p.i = s.indexOf('>', p.i) + 1; // \k<name>: a back-reference
      return { t: 'unknown' };
    }
    if (e === 'x') return hexChar(p, 2);
    if (e === 'u') return s[p.i] === '{' ? skipBraces(p) : hexChar(p, 4);
    if (e === 'p' || e === 'P') return skipBraces(p);
    if (e === 'c') {
      p.i++;
      return { t: 'any' };
    }
    return escaped(e);
  }
  p.i++;
  if (c === '^' || c === '$') return { t: 'zero' };
  if (c === '.') return { t: 'any' };
  return char(c);
}

/** An ASCII character, folded as the keyword pass folds it; it folds anything else to a byte no keyword holds. */
function char(c: string): Node {
  return c.charCodeAt(0) < 128 ? { t: 'char', c: c.toLowerCase() } : { t: 'any' };
}

/** A class of one character, or of one letter in both cases, is that character; anything else is ANY. */
function parseClass(p: Parser): Node {
  const s = p.src;
  p.i++;
  const negated = s[p.i] === '^';
  if (negated) p.i++;
  const members: string[] = [];
  let single = true;
  for (let first = true; p.i < s.length && (s[p.i] !== ']' || first); first = false) {
    let m = s[p.i]!;
    if (m === '\\') {
      // In a class only punctuation and \n \r \t \f \v stand for themselves (\b is a backspace, \cX a control).
      const e = s[p.i + 1]!;
      const n = /[0-9A-Za-z]/.test(e) && !'nrtfv'.includes(e) ? ({ t: 'any' } as const) : escaped(e);
      p.i += 2;
      if (n.t !== 'char') single = false;
      else m = n.c;
    } else p.i++;
    if (s[p.i] === '-' && s[p.i + 1] !== ']') single = false; // a range
    members.push(m);
  }
  if (s[p.i] !== ']') throw new Error('unclosed class');
  p.i++;
  if (negated || !single || members.length === 0) return { t: 'any' };
  // [tT] is one folded character only when its members are one letter's two cases (or one character).
  const [a, b] = members as [string, string | undefined];
  if (members.length === 1) return char(a);
  const pair = members.length === 2 && a !== b && a.toLowerCase() === b!.toLowerCase() && /^[a-z]$/i.test(a);
  return pair ? char(a) : { t: 'any' };
}

/** An escape outside a class: \d \w \s and their negations match several characters; others are the character. */
function escaped(e: string): Node {
  if ('dDwWsS'.includes(e)) return { t: 'any' };
  const controls: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
  return char(controls[e] ?? e);
}

function hexChar(p: Parser, digits: number): Node {
  const code = parseInt(p.src.slice(p.i, p.i + digits), 16);
  p.i += digits;
  return Number.isNaN(code) ? { t: 'any' } : char(String.fromCharCode(code));
}

function skipBraces(p: Parser): Node {
  if (p.src[p.i] === '{') p.i = p.src.indexOf('}', p.i) + 1;
  return { t: 'any' };
}

const QUANT = /\{(\d+)(,(\d*))?\}/y;

function parseQuantifier(p: Parser): [number, number] {
  const s = p.src;
  let q: [number, number] = [1, 1];
  if (s[p.i] === '*') q = [0, Infinity];
  else if (s[p.i] === '+') q = [1, Infinity];
  else if (s[p.i] === '?') q = [0, 1];
  else if (s[p.i] === '{') {
    QUANT.lastIndex = p.i;
    const m = QUANT.exec(s);
    if (!m) return q; // a literal "{"
    p.i += m[0].length - 1;
    q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
  } else return q;
  p.i++;
  if (s[p.i] === '?') p.i++; // lazy
  return q;
}

function maxLength(seq: readonly Item[]): number {
  let n = 0;
  for (const it of seq) n += it.max === 0 ? 0 : nodeMax(it.node) * it.max;
  return n;
}

function nodeMax(node: Node): number {
  switch (node.t) {
    case 'char':
    case 'any':
      return 1;
    case 'zero':
      return 0;
    case 'unknown':
      return Infinity;
    case 'group':
      return Math.max(...node.alts.map(maxLength));
  }
}

/** The largest lead over alternatives; Infinity unless every alternative has one. */
function leadOfAlternatives(alts: readonly Item[][], keywords: readonly string[]): number {
  let lead = 0;
  for (const seq of alts) lead = Math.max(lead, leadOfSequence(seq, keywords));
  return lead;
}

/**
 * In a sequence: the first place a keyword must occur, as the longest text before its end. Single characters
 * matched exactly once build a run of known text (zero-width items keep it going); a keyword that ends the run ends
 * there. A group every match passes through (min >= 1) ends the search if each of its alternatives has a lead.
 */
function leadOfSequence(seq: readonly Item[], keywords: readonly string[]): number {
  let before = 0; // the longest text before the current item
  let run = '';
  let runStart = 0; // the longest text before the run
  for (const it of seq) {
    const node = it.node;
    if (node.t === 'zero') continue;
    if (node.t === 'char' && it.min === it.max && it.max >= 1) {
      if (run === '') runStart = before;
      for (let k = 0; k < it.max; k++) {
        run += node.c;
        if (keywords.some((kw) => run.endsWith(kw))) return runStart + run.length;
      }
      before += it.max;
      continue;
    }
    run = '';
    if (node.t === 'group' && it.min >= 1) {
      const inner = leadOfAlternatives(node.alts, keywords);
      if (inner !== Infinity) return before + inner;
    }
    before += it.max === 0 ? 0 : nodeMax(node) * it.max;
    if (before === Infinity) return Infinity;
  }
  return Infinity;
}
