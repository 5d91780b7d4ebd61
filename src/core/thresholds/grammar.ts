/**
 * Recursive-descent parser for one threshold expression (grammar in docs/thresholds.md):
 *
 *   threshold   = [ selector ":" ] condition | family-sel [ ":" ] condition
 *   selector    = metric [ "{" tag ":" value "}" ]
 *   family-sel  = family ":" member [ "{" tag ":" value "}" ]     (phase:ttfb -> metric "phase:ttfb")
 *   condition   = aggregation op number [ unit ]
 *
 * It only checks the grammar; whether the metric exists and has the aggregation is typecheck.ts's job.
 */
import { AGGREGATION_WORDS, EXAMPLE_CONDITION, KNOWN_TAGS, METRIC_FAMILIES, type AggregationWord, type MetricCatalog } from './metrics.js';
import { syntaxError, type ExpressionError } from './problems.js';
import { didYouMean } from '../did-you-mean.js';
import { tokenize, type Token } from './tokenize.js';
import type { Op } from './types.js';

/** A piece of the expression with where it was written (for carets in type errors). */
export interface Located<T> {
  value: T;
  col: number;
  len: number;
}

export type Unit = 'ms' | 's' | '%';

export interface ThresholdAst {
  selector?: { metric: Located<string>; tag?: { name: Located<string>; value: Located<string> } };
  aggregation: Located<AggregationWord> & { p?: number };
  op: Located<Op>;
  number: Located<number>;
  unit?: Located<Unit>;
  /** The condition as written, trimmed: "p(95)<500". */
  condition: string;
}

const AGGREGATIONS_TEXT = 'an aggregation (avg, min, max, med, count, rate, rps, value or p(N))';
const OPS_TEXT = 'a comparison operator (<, <=, >, >=, ==, !=)';
/** Words people bring from other tools, mapped to ours. */
const AGGREGATION_SYNONYMS: Record<string, string> = { mean: 'avg', average: 'avg', median: 'med', minimum: 'min', maximum: 'max', total: 'count', sum: 'count' };
const UNIT_SYNONYMS: Record<string, Unit> = { sec: 's', secs: 's', second: 's', seconds: 's', msec: 'ms', msecs: 'ms', millis: 'ms', milliseconds: 'ms', percent: '%', pct: '%' };

/**
 * Parse one expression; throws ExpressionError (kind 'syntax') at the first grammar error.
 * `metrics` is only used to word hints (a metric written where an aggregation belongs).
 */
export function parseExpression(src: string, metrics: MetricCatalog = {}): ThresholdAst {
  return new Parser(src, tokenize(src), metrics).threshold();
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'end of expression' : `'${t.text}'`;
}

class Parser {
  private i = 0;

  constructor(
    private readonly src: string,
    private readonly toks: readonly Token[],
    private readonly metrics: MetricCatalog,
  ) {}

  private peek(ahead = 0): Token {
    return this.toks[Math.min(this.i + ahead, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  /** "expected X, found Y", plus the tokenizer's hint for a slip like '='. */
  private expectedError(t: Token, expected: string, extra?: string): ExpressionError {
    const hint = extra ?? t.hint;
    return syntaxError(t.col, Math.max(1, t.text.length), `expected ${expected}, found ${describe(t)}${hint ? `; ${hint}` : ''}`);
  }

  private expect(kind: Token['kind'], expected: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw this.expectedError(t, expected);
    return this.next();
  }

  threshold(): ThresholdAst {
    const first = this.peek();
    if (first.kind === 'eof') throw syntaxError(first.col, 1, 'empty threshold; expected a condition like p(95)<500');
    // Both a selector and a condition start with a word; a selector is followed by "{" or ":".
    const second = this.peek(1);
    let selector: ThresholdAst['selector'];
    if (this.atFamilySelector()) {
      selector = this.selector();
      // `phase:ttfb p(95)<200` and `phase:ttfb: p(95)<200` (a config map key joined with ': ') both read.
      if (this.peek().kind === 'colon') this.next();
    } else if (first.kind === 'ident' && (second.kind === 'lbrace' || second.kind === 'colon')) {
      selector = this.selector();
      this.expect('colon', "':' between the selector and the condition");
    }
    const start = this.peek().col;
    const aggregation = this.aggregation();
    const op = this.op(aggregation);
    const number = this.number(op.value);
    const unit = this.unit();
    const end = this.peek();
    if (end.kind !== 'eof') throw this.expectedError(end, 'end of expression');
    return { selector, aggregation, op, number, unit, condition: this.src.slice(start).trim() };
  }

  /** `family ":" member` followed by more than a condition's end: a family metric such as phase:ttfb. */
  private atFamilySelector(): boolean {
    const [f, c, m, after] = [this.peek(), this.peek(1), this.peek(2), this.peek(3)];
    return f.kind === 'ident' && METRIC_FAMILIES.includes(f.text) && c.kind === 'colon' && m.kind === 'ident' && (after.kind === 'ident' || after.kind === 'lbrace' || after.kind === 'colon');
  }

  private selector(): NonNullable<ThresholdAst['selector']> {
    const m = this.next();
    let metric = { value: m.text, col: m.col, len: m.text.length };
    if (METRIC_FAMILIES.includes(m.text) && this.peek().kind === 'colon' && this.peek(1).kind === 'ident' && this.peek(2).kind !== 'op' && this.peek(2).kind !== 'lparen') {
      this.next();
      const member = this.next();
      metric = { value: `${m.text}:${member.text}`, col: m.col, len: member.col + member.text.length - m.col };
    }
    if (this.peek().kind !== 'lbrace') return { metric };
    this.next();
    const name = this.expect('ident', `a tag name after '{' (${KNOWN_TAGS.join(', ')})`);
    this.expect('colon', `':' after the tag name '${name.text}'`);
    const v = this.peek();
    if (v.kind !== 'text') throw this.expectedError(v, `a tag value after '${name.text}:', like {name:GET /api/items}`);
    this.next();
    // The value runs to "}", so "{name:a,method:GET}" would silently become one value; say so instead.
    const second = /,\s*([A-Za-z_]\w*)\s*:/.exec(v.text);
    if (second && KNOWN_TAGS.includes(second[1]!)) {
      throw syntaxError(v.col + second.index, second[0].length, `one tag per selector; found a second tag '${second[1]}:' in the value`);
    }
    this.expect('rbrace', "'}' to close the tag selector");
    return { metric, tag: { name: { value: name.text, col: name.col, len: name.text.length }, value: { value: v.text, col: v.col, len: v.text.length } } };
  }

  private aggregation(): ThresholdAst['aggregation'] {
    const t = this.peek();
    if (t.kind === 'ident' && t.text === 'p' && this.peek(1).kind === 'lparen') return this.percentile();
    if (t.kind === 'ident' && (AGGREGATION_WORDS as readonly string[]).includes(t.text) && t.text !== 'p') {
      this.next();
      return { value: t.text as AggregationWord, col: t.col, len: t.text.length };
    }
    throw this.unknownAggregation(t);
  }

  /** "p" "(" number ")" with 0 < number <= 100 */
  private percentile(): ThresholdAst['aggregation'] {
    const p = this.next();
    this.next(); // "("
    const n = this.expect('number', 'a percentile between 0 and 100, like p(95)');
    const value = Number(n.text);
    if (!(value > 0 && value <= 100)) {
      throw syntaxError(n.col, n.text.length, `percentile must be greater than 0 and at most 100, found ${n.text}`);
    }
    const close = this.expect('rparen', `')' after p(${n.text}`);
    return { value: 'p', p: value, col: p.col, len: close.col + 1 - p.col };
  }

  /** The most common slips get a targeted message: p95, a metric without ":", mean, avgg. */
  private unknownAggregation(t: Token): ExpressionError {
    if (t.kind === 'lbrace') return this.expectedError(t, AGGREGATIONS_TEXT, "a tag selector needs its metric first, like 'http_req_duration{name:GET /}: p(95)<500'");
    if (t.kind !== 'ident') return this.expectedError(t, AGGREGATIONS_TEXT);
    const pct = /^p(\d+(?:\.\d+)?)/.exec(this.src.slice(t.col));
    if (pct) return syntaxError(t.col, pct[0].length, `expected ${AGGREGATIONS_TEXT}, found '${pct[0]}'; write a percentile as p(${pct[1]})`);
    if (t.text === 'p') return this.expectedError(this.peek(1), "'(' after p", 'write a percentile as p(95)');
    const example = `${t.text}: ${this.exampleFor(t.text)}`;
    if (this.peek(1).kind === 'ident') {
      return syntaxError(t.col + t.text.length, 1, `expected ':' after the metric '${t.text}', like '${example}'`);
    }
    const guess = AGGREGATION_SYNONYMS[t.text.toLowerCase()] ?? didYouMean(t.text, AGGREGATION_WORDS);
    if (guess !== undefined) return this.expectedError(t, AGGREGATIONS_TEXT, `did you mean '${guess === 'p' ? 'p(N)' : guess}'?`);
    if (this.metrics[t.text] !== undefined || t.text.includes('_')) {
      return this.expectedError(t, AGGREGATIONS_TEXT, `a metric goes before ':' and is followed by a condition, like '${example}'`);
    }
    return this.expectedError(t, AGGREGATIONS_TEXT);
  }

  private exampleFor(metric: string): string {
    const def = this.metrics[metric];
    return def ? EXAMPLE_CONDITION[def.kind] : '<aggregation><op><number>';
  }

  private op(agg: ThresholdAst['aggregation']): Located<Op> {
    const shown = this.src.slice(agg.col, agg.col + agg.len);
    const t = this.expect('op', `${OPS_TEXT} after '${shown}'`);
    return { value: t.text as Op, col: t.col, len: t.text.length };
  }

  private number(op: Op): Located<number> {
    const t = this.expect('number', `a number after '${op}'`);
    return { value: Number(t.text), col: t.col, len: t.text.length };
  }

  private unit(): Located<Unit> | undefined {
    const t = this.peek();
    if (t.kind === 'percent') {
      this.next();
      return { value: '%', col: t.col, len: 1 };
    }
    if (t.kind !== 'ident') return undefined;
    if (t.text === 'ms' || t.text === 's') {
      this.next();
      return { value: t.text, col: t.col, len: t.text.length };
    }
    const guess = UNIT_SYNONYMS[t.text.toLowerCase()] ?? didYouMean(t.text, ['ms', 's']);
    throw this.expectedError(t, 'a unit (ms, s or %) or the end of the expression', guess ? `did you mean '${guess}'?` : undefined);
  }
}
