import type { Histogram } from 'hdr-histogram-js';
import type { CustomMetricKind } from './sink.js';

/*
 * What a scripted run counts beyond requests, in the one shape a worker accumulates between flushes
 * and the parent sums (ScenarioRecorder -> ScenarioTotals): every field adds, so threads merge exactly.
 */

/** One check's outcomes for one request name in one scenario. */
export interface CheckTally {
  scenario: string;
  check: string;
  /** The request name of the checked response ("" when the value was not a response). */
  name: string;
  passes: number;
  total: number;
}

/** A custom metric (or a built-in trend such as iteration_duration) for one tag set. */
export interface MetricTally {
  metric: string;
  kind: CustomMetricKind;
  tags: Record<string, string>;
  /** counter: sum; rate: passes */
  value: number;
  /** rate and trend: samples */
  total: number;
  /** trend: histogram of value x 1000 (µs for time trends) */
  hist?: Histogram;
}

/** Per-scenario iteration counts. */
export interface ScenarioTally {
  iterations: number;
  /** Iterations whose code threw (the first messages are kept in `errorSamples`). */
  failedIterations: number;
  dropped: number;
  late: number;
  tasks: Map<string, number>;
  errorSamples: string[];
}

export const MAX_ERROR_SAMPLES = 5;

export function newScenarioTally(): ScenarioTally {
  return { iterations: 0, failedIterations: 0, dropped: 0, late: 0, tasks: new Map(), errorSamples: [] };
}

/** Stable key for a tag set (order-independent). */
export function tagKey(tags: Record<string, string>): string {
  const keys = Object.keys(tags);
  if (keys.length === 0) return '';
  if (keys.length === 1) return `${keys[0]}=${tags[keys[0]!]}`;
  return keys.sort().map((k) => `${k}=${tags[k]}`).join('\u0001');
}
