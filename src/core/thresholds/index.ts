/** The thresholds language: parse + type-check before the run, evaluate purely over metrics. */
export type { Aggregation, Op, Threshold, ThresholdInput, ThresholdSource } from './types.js';
export {
  BUILTIN_METRICS,
  type AggregationWord,
  type MetricCatalog,
  type MetricDef,
  type MetricKind,
} from './metrics.js';
export { parseThreshold, parseThresholds, validateThresholds, type ThresholdValidation } from './parse.js';
export type { ProblemKind, ThresholdProblem } from './problems.js';
export { thresholdInputsFromConfig } from './config.js';
export { evaluateThresholds, shouldAbort, type MetricsView, type ThresholdResult, type TrendStats } from './evaluate.js';
