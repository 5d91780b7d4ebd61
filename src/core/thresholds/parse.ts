/**
 * The public parse API: turn config entries / flag values into type-checked Thresholds, collecting
 * every problem in the batch first so the user fixes them all in one go (k6 collects executor
 * errors the same way).
 */
import { parseDuration } from '../duration.js';
import { parseExpression } from './grammar.js';
import { metricCatalog, type MetricCatalog } from './metrics.js';
import { ExpressionError, thresholdErrorFrom, typeName, type ThresholdProblem } from './problems.js';
import { typeCheck } from './typecheck.js';
import type { Threshold, ThresholdInput, ThresholdSource } from './types.js';

export interface ThresholdValidation {
  thresholds: Threshold[];
  problems: ThresholdProblem[];
}

/** Parse and check every input without throwing: for callers that merge problems into a larger report. */
export function validateThresholds(inputs: readonly ThresholdSource[], extraMetrics?: MetricCatalog): ThresholdValidation {
  const catalog = metricCatalog(extraMetrics);
  const thresholds: Threshold[] = [];
  const problems: ThresholdProblem[] = [];
  for (const { input, where } of inputs) {
    const result = parseOne(input, where, catalog);
    if (Array.isArray(result)) problems.push(...result);
    else thresholds.push(result);
  }
  return { thresholds, problems };
}

/** Parse all inputs; throws one ThresholdError listing every bad expression. */
export function parseThresholds(inputs: readonly ThresholdSource[], extraMetrics?: MetricCatalog): Threshold[] {
  const { thresholds, problems } = validateThresholds(inputs, extraMetrics);
  if (problems.length > 0) throw thresholdErrorFrom(problems);
  return thresholds;
}

export function parseThreshold(input: string | ThresholdInput, where: string, extraMetrics?: MetricCatalog): Threshold {
  return parseThresholds([{ input, where }], extraMetrics)[0]!;
}

/** A Threshold, or the problems with this one entry (its expression and its delay may both be wrong). */
function parseOne(input: string | ThresholdInput, where: string, catalog: MetricCatalog): Threshold | ThresholdProblem[] {
  const obj: Partial<ThresholdInput> = typeof input === 'string' ? { threshold: input } : (input ?? {});
  const source = obj.threshold;
  // Configs written in JS/TS bypass the YAML schema, so check the shape here too.
  if (typeof source !== 'string') {
    return [{ kind: 'syntax', where, source: '', message: `expected a threshold string like "p(95)<500", found ${typeName(source)}` }];
  }
  const problems: ThresholdProblem[] = [];
  let checked: ReturnType<typeof typeCheck> | undefined;
  try {
    checked = typeCheck(parseExpression(source, catalog), catalog);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    problems.push({ kind: err.kind, where, source, message: err.message, col: err.col, len: err.len });
  }
  if (obj.abortOnFail !== undefined && typeof obj.abortOnFail !== 'boolean') {
    problems.push({ kind: 'syntax', where, source, message: `abortOnFail must be true or false, found ${typeName(obj.abortOnFail)}` });
  }
  let delayAbortEvalMs = 0;
  if (obj.delayAbortEval !== undefined) {
    try {
      delayAbortEvalMs = parseDuration(obj.delayAbortEval, where);
    } catch {
      problems.push({ kind: 'syntax', where, source, message: `invalid delayAbortEval ${JSON.stringify(obj.delayAbortEval)}; use a duration like "30s", "1m30s", "500ms" or a number of seconds` });
    }
  }
  if (problems.length > 0 || checked === undefined) return problems;
  return { source, ...checked, abortOnFail: obj.abortOnFail ?? false, delayAbortEvalMs, where };
}
