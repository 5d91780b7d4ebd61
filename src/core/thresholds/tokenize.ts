/**
 * Tokenizer for threshold expressions. Tracks the 0-based column of every token so errors can
 * point at it. Characters that cannot start a token become `bad` tokens (not exceptions) so the
 * parser reports the leftmost problem with what it expected at that point.
 */

export type TokenKind = 'ident' | 'number' | 'op' | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'colon' | 'percent' | 'text' | 'bad' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  col: number;
  /** For `bad` tokens: what the user probably meant. */
  hint?: string;
}

const PUNCT: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace', ':': 'colon', '%': 'percent' };

/** Pasted from documents: typographic operators that mean one of ours. */
const UNICODE_OPS: Record<string, string> = { '≤': '<=', '≥': '>=', '≠': '!=' };

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let inBraces = false;
  while (i < src.length) {
    // A tag value runs from after `{tag:` to the first `}`: it may hold spaces, "/" and ":" ("GET /api/items").
    if (inBraces && out.at(-1)?.kind === 'colon') {
      const close = src.indexOf('}', i);
      const stop = close === -1 ? src.length : close;
      const raw = src.slice(i, stop);
      const value = raw.trim();
      if (value !== '') out.push({ kind: 'text', text: value, col: i + raw.length - raw.trimStart().length });
      i = stop;
      if (i >= src.length) break;
    }
    const c = src[i]!;
    const col = i;
    if (isSpace(c)) {
      i++;
    } else if (isIdentStart(c)) {
      while (isIdentPart(src[i])) i++;
      out.push({ kind: 'ident', text: src.slice(col, i), col });
    } else if (isDigit(c) || ((c === '.' || c === '-') && startsNumber(src, i))) {
      i = scanNumber(src, i);
      out.push({ kind: 'number', text: src.slice(col, i), col });
    } else if (c === '<' || c === '>' || c === '=' || c === '!') {
      const tok = scanOperator(src, i);
      out.push(tok);
      i += tok.text.length;
    } else if (PUNCT[c] !== undefined) {
      out.push({ kind: PUNCT[c]!, text: c, col });
      if (c === '{') inBraces = true;
      if (c === '}') inBraces = false;
      i++;
    } else if (c === '&' || c === '|' || c === ',' || c === ';') {
      while (i < src.length && '&|,;'.includes(src[i]!)) i++;
      out.push({ kind: 'bad', text: src.slice(col, i), col, hint: 'a threshold holds one condition; write each condition as its own threshold' });
    } else {
      const ascii = UNICODE_OPS[c];
      out.push({ kind: 'bad', text: c, col, ...(ascii ? { hint: `did you mean '${ascii}'?` } : {}) });
      i++;
    }
  }
  out.push({ kind: 'eof', text: '', col: src.length });
  return out;
}

/** "-" or "." starts a number only when a digit follows: "-5", ".5", "-.5". */
function startsNumber(src: string, i: number): boolean {
  let j = i;
  if (src[j] === '-') j++;
  if (src[j] === '.') j++;
  return isDigit(src[j]);
}

/** number = [ "-" ] ( digits [ "." digits ] | "." digits ) */
function scanNumber(src: string, i: number): number {
  if (src[i] === '-') i++;
  while (isDigit(src[i])) i++;
  if (src[i] === '.' && isDigit(src[i + 1])) {
    i++;
    while (isDigit(src[i])) i++;
  }
  return i;
}

/** Longest match of < <= > >= == !=; common slips (=, =<, =>, !) become bad tokens with a hint. */
function scanOperator(src: string, i: number): Token {
  const two = src.slice(i, i + 2);
  if (two === '<=' || two === '>=' || two === '==' || two === '!=') return { kind: 'op', text: two, col: i };
  if (two === '=<' || two === '=>') return { kind: 'bad', text: two, col: i, hint: `did you mean '${two[1]}='?` };
  const one = src[i]!;
  if (one === '<' || one === '>') return { kind: 'op', text: one, col: i };
  return { kind: 'bad', text: one, col: i, hint: `did you mean '${one === '=' ? '==' : '!='}'?` };
}
