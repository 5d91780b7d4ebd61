import type { MetricKind } from './metrics.js';

/** The comparison operators a condition may use. */
export type Op = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** How a metric's samples are reduced to one number. `rps` is stored as `rate` (it is an alias on counters). */
export type Aggregation =
  | { kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { kind: 'p'; p: number };

/** The object form a config may use instead of a bare string (k6's threshold object). */
export interface ThresholdInput {
  threshold: string;
  /** Stop the run as soon as this threshold fails (after `delayAbortEval`). */
  abortOnFail?: boolean;
  /** How long to wait before a failure may abort: "30s", "1m", or seconds as a number. */
  delayAbortEval?: string | number;
}

/** One config entry or flag value, with the place it came from (for error messages). */
export interface ThresholdSource {
  input: string | ThresholdInput;
  /** Config path or flag, e.g. "load.thresholds[2]" or "--threshold". */
  where: string;
}

/** A parsed and type-checked threshold: plain data, safe to serialise and to send to workers. */
export interface Threshold {
  /** The expression exactly as written. */
  source: string;
  metric: string;
  tags: Record<string, string>;
  aggregation: Aggregation;
  op: Op;
  /** Already in the metric's base unit: ms for time trends, a fraction 0..1 for rates. */
  value: number;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
  where: string;
  /** The metric's kind, kept so evaluation needs no catalog (custom metrics included). */
  kind: MetricKind;
  /** Canonical selector: "http_req_duration" or "http_req_duration{name:GET /api/items}". */
  selector: string;
  /** The condition part as the user wrote it, trimmed: "p(95)<500". */
  condition: string;
}
