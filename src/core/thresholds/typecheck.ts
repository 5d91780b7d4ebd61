/**
 * Type-checks a parsed expression against the metric catalog and converts its value to the
 * metric's base unit. Everything here is grammatical but meaningless: an unknown metric or tag,
 * an aggregation the metric's kind does not have, a unit that does not fit.
 */
import type { Located, ThresholdAst } from './grammar.js';
import {
  AGGREGATION_ALIASES,
  AGGREGATIONS_BY_KIND,
  DEFAULT_METRIC_FOR,
  KNOWN_TAGS,
  aggregationLabel,
  type AggregationWord,
  type MetricCatalog,
  type MetricDef,
  type MetricKind,
} from './metrics.js';
import { typeError } from './problems.js';
import { didYouMean } from '../did-you-mean.js';
import type { Aggregation, Threshold } from './types.js';

/** The parts of a Threshold that come from the expression itself. */
export type CheckedExpression = Pick<Threshold, 'metric' | 'tags' | 'aggregation' | 'op' | 'value' | 'kind' | 'selector' | 'condition'>;

/** Throws ExpressionError (kind 'type') at the first problem. */
export function typeCheck(ast: ThresholdAst, catalog: MetricCatalog): CheckedExpression {
  const agg = ast.aggregation;
  const label = aggregationLabel(agg.value, agg.p);
  const metric = resolveMetric(ast, label);
  const def = catalog[metric.value];
  if (def === undefined) throw unknownMetric(metric, catalog);

  const tags: Record<string, string> = {};
  const tag = ast.selector?.tag;
  if (tag) {
    const allowed = [...KNOWN_TAGS, ...(def.tags ?? [])];
    if (!allowed.includes(tag.name.value)) throw unknownTag(tag.name, metric.value, allowed);
    tags[tag.name.value] = tag.value.value;
  }

  const kinds = AGGREGATIONS_BY_KIND[def.kind];
  if (!kinds.includes(agg.value)) {
    throw typeError(agg.col, agg.len, `${metric.value} is a ${def.kind}; ${label} needs ${kindsHaving(agg.value)} (${def.kind}s have: ${listAggregations(def.kind)})`);
  }

  return {
    metric: metric.value,
    tags,
    aggregation: toAggregation(agg.value, agg.p),
    op: ast.op.value,
    value: convertValue(ast, metric.value, def),
    kind: def.kind,
    selector: tag ? `${metric.value}{${tag.name.value}:${tag.value.value}}` : metric.value,
    condition: ast.condition,
  };
}

/** The selector's metric, or for a bare condition the default metric of its aggregation. */
function resolveMetric(ast: ThresholdAst, label: string): Located<string> {
  if (ast.selector) return ast.selector.metric;
  const agg = ast.aggregation;
  const metric = DEFAULT_METRIC_FOR[agg.value];
  if (metric === undefined) {
    throw typeError(agg.col, agg.len, `'${label}' has no default metric; name the metric before ':', like 'my_gauge: ${label}<100'`);
  }
  // A defaulted metric has no place in the text; point at the aggregation that chose it.
  return { value: metric, col: agg.col, len: agg.len };
}

function unknownMetric(m: Located<string>, catalog: MetricCatalog) {
  const names = Object.keys(catalog);
  const guess = didYouMean(m.value, names);
  const tail = guess ? `did you mean '${guess}'?` : `known metrics: ${names.join(', ')}`;
  return typeError(m.col, m.len, `unknown metric '${m.value}'; ${tail}`);
}

function unknownTag(t: Located<string>, metric: string, allowed: string[]) {
  const guess = didYouMean(t.value, allowed);
  const tail = guess ? `did you mean '${guess}'?` : `known tags: ${allowed.join(', ')}`;
  return typeError(t.col, t.len, `unknown tag '${t.value}' for ${metric}; ${tail}`);
}

/** "a trend", "a trend or a counter": the kinds an aggregation makes sense for. */
function kindsHaving(word: AggregationWord): string {
  const kinds = (Object.keys(AGGREGATIONS_BY_KIND) as MetricKind[]).filter((k) => AGGREGATIONS_BY_KIND[k].includes(word));
  return kinds.map((k) => `a ${k}`).join(' or ');
}

function listAggregations(kind: MetricKind): string {
  return AGGREGATIONS_BY_KIND[kind].filter((w) => !AGGREGATION_ALIASES.has(w)).map((w) => aggregationLabel(w)).join(', ');
}

function toAggregation(word: AggregationWord, p: number | undefined): Aggregation {
  if (word === 'p') return { kind: 'p', p: p! };
  return { kind: word === 'rps' ? 'rate' : word };
}

/** ms/s only on time trends (to ms); % only on rates (to a fraction); rates must end up in 0..1. */
function convertValue(ast: ThresholdAst, metric: string, def: MetricDef): number {
  const { number: n, unit, aggregation: agg } = ast;
  let value = n.value;
  if (unit?.value === 'ms' || unit?.value === 's') {
    if (def.kind !== 'trend') {
      const tip = def.kind === 'rate' ? '; write a fraction like 0.01 or a percentage like 1%' : '';
      throw typeError(unit.col, unit.len, `'${unit.value}' is a time unit but ${metric} is a ${def.kind}${tip}`);
    }
    if (!def.time) throw typeError(unit.col, unit.len, `${metric} is not measured in time; drop the unit '${unit.value}'`);
    if (agg.value === 'count') throw typeError(unit.col, unit.len, `count is a number of samples; drop the unit '${unit.value}'`);
    if (unit.value === 's') value *= 1000;
  } else if (unit?.value === '%') {
    if (def.kind !== 'rate') {
      const tip = def.kind === 'trend' && def.time ? '; use ms or s' : '';
      throw typeError(unit.col, unit.len, `'%' is for rates but ${metric} is a ${def.kind}${tip}`);
    }
    value /= 100;
  }
  if (def.kind === 'rate' && (value < 0 || value > 1)) {
    const span = unit ? unit.col + unit.len - n.col : n.len;
    const tip = !unit && n.value > 1 && n.value <= 100 ? `; did you mean ${n.value}%?` : '';
    throw typeError(n.col, span, `${metric} is a rate between 0 and 1 (0% and 100%); ${n.value}${unit?.value ?? ''} is out of range${tip}`);
  }
  return value;
}
