/**
 * The metric catalog: which metrics exist, what kind each is, and therefore which aggregations
 * a threshold may apply to it. Type-checking against this before the run is what lets us reject
 * `http_reqs: p(95)<500` before a single request is sent (as k6 does).
 */

/** k6's metric types; the kind decides the aggregations. */
export type MetricKind = 'trend' | 'rate' | 'counter' | 'gauge';

export interface MetricDef {
  kind: MetricKind;
  /** Trends only: samples are durations in ms, so conditions may use the units ms and s. */
  time?: boolean;
  /** Tags this metric can be filtered by beyond KNOWN_TAGS (custom metrics from scenario scripts). */
  tags?: readonly string[];
  description: string;
}

export type MetricCatalog = Readonly<Record<string, MetricDef>>;

import { PHASES } from '../load-result.js';

/** `phase:ttfb` and friends: one time trend per request phase, written `phase:NAME` (see grammar.ts). */
const PHASE_DESCRIPTIONS: Record<(typeof PHASES)[number], string> = {
  dns: 'DNS lookup of a new connection, in ms (0 for an IP address).',
  connect: 'TCP connect of a new connection, in ms.',
  tls: 'TLS handshake of a new https connection, in ms.',
  send: 'Writing the request to the socket, in ms.',
  ttfb: 'Waiting: from the request written to the first response byte, in ms.',
  receive: 'From the first response byte to the last, in ms.',
};
const PHASE_METRICS: Record<string, MetricDef> = Object.fromEntries(PHASES.map((p) => [`phase:${p}`, { kind: 'trend', time: true, description: PHASE_DESCRIPTIONS[p] } satisfies MetricDef]));

/** Streamed responses (--sse): `stream:first_event p(95)<800` is a time-to-first-token bound. */
const STREAM_METRICS: Record<string, MetricDef> = {
  'stream:first_event': { kind: 'trend', time: true, description: 'Streamed responses: from the request\'s start to its first event (time to first token), in ms.' },
  'stream:event_gap': { kind: 'trend', time: true, description: 'Streamed responses: time between consecutive events, in ms.' },
  'stream:events': { kind: 'counter', description: 'Streamed events received; its rate is events per second.' },
};

/** WebSocket sessions of scenarios (`vu.ws`); tagged by scenario and session name. */
const WS_METRICS: Record<string, MetricDef> = {
  ws_connecting: { kind: 'trend', time: true, description: 'WebSocket: from connect() to the open handshake completing, in ms.' },
  ws_session_duration: { kind: 'trend', time: true, description: 'WebSocket: from connect() to the session closing, in ms (opened sessions only).' },
  ws_round_trip: { kind: 'trend', time: true, description: 'WebSocket: from request()\'s send to the arrival of the next message, in ms.' },
  ws_msgs_sent: { kind: 'counter', description: 'WebSocket messages sent.' },
  ws_msgs_received: { kind: 'counter', description: 'WebSocket messages received.' },
  ws_errors: { kind: 'counter', tags: ['error'], description: 'WebSocket failures by class (`ws_errors{error:timeout}`): connect, timeout, abnormal-close, closed.' },
};

/** Metric families written `family:member` (`phase:ttfb p(95)<200`). */
export const METRIC_FAMILIES: readonly string[] = Object.freeze(['phase', 'stream']);

export const BUILTIN_METRICS: MetricCatalog = Object.freeze({
  http_req_duration: { kind: 'trend', time: true, description: 'Time from sending a request to receiving the whole response, in ms.' },
  http_req_failed: { kind: 'rate', description: 'Fraction of requests that failed (0..1).' },
  http_reqs: { kind: 'counter', description: 'Requests sent; its rate is requests per second.' },
  iterations: { kind: 'counter', description: 'Scenario iterations completed.' },
  dropped_iterations: { kind: 'counter', description: 'Iterations an arrival-rate executor could not start (no free virtual user).' },
  data_received: { kind: 'counter', description: 'Bytes received.' },
  checks: { kind: 'rate', tags: ['check'], description: 'Fraction of scenario checks that passed (0..1); `checks{check:NAME}` selects one check.' },
  iteration_duration: { kind: 'trend', time: true, description: 'Time one scenario iteration took (open model: from its intended start), in ms.' },
  group_duration: { kind: 'trend', time: true, tags: ['group'], description: 'Time a scenario group took (`group_duration{group:checkout}`), in ms.' },
  ...PHASE_METRICS,
  ...STREAM_METRICS,
  ...WS_METRICS,
});

/** Tags every metric can be filtered by: `http_req_duration{name:GET /api/items}`. */
export const KNOWN_TAGS: readonly string[] = Object.freeze(['name', 'method', 'scenario']);

/** Aggregation words of the grammar; `p` stands for `p(N)`. */
export const AGGREGATION_WORDS = ['avg', 'min', 'max', 'med', 'count', 'rate', 'rps', 'value', 'p'] as const;
export type AggregationWord = (typeof AGGREGATION_WORDS)[number];

/** Which aggregations each kind has. `rps` is an alias of `rate` on counters and is listed last. */
export const AGGREGATIONS_BY_KIND: Readonly<Record<MetricKind, readonly AggregationWord[]>> = Object.freeze({
  trend: ['avg', 'min', 'max', 'med', 'p', 'count'],
  rate: ['rate'],
  counter: ['count', 'rate', 'rps'],
  gauge: ['value'],
});

/** A typical condition for each kind, used in hints ("write it as 'http_reqs: count>100'"). */
export const EXAMPLE_CONDITION: Readonly<Record<MetricKind, string>> = Object.freeze({
  trend: 'p(95)<500',
  rate: 'rate<0.01',
  counter: 'count>100',
  gauge: 'value<100',
});

/** Aliases are accepted but not listed in "counters have: ..." so the list stays short. */
export const AGGREGATION_ALIASES: ReadonlySet<AggregationWord> = new Set(['rps']);

/** The metric a bare condition (no selector) applies to, chosen by its aggregation. */
export const DEFAULT_METRIC_FOR: Readonly<Partial<Record<AggregationWord, string>>> = Object.freeze({
  p: 'http_req_duration',
  avg: 'http_req_duration',
  min: 'http_req_duration',
  max: 'http_req_duration',
  med: 'http_req_duration',
  rate: 'http_req_failed',
  rps: 'http_reqs',
  count: 'http_reqs',
});

/**
 * The built-in catalog plus a caller's custom metrics (e.g. Trend/Rate/Counter objects a scenario
 * script declares). Built-ins win on a name clash so a script cannot change what
 * `http_req_duration` means for everyone's thresholds.
 */
export function metricCatalog(extra?: MetricCatalog): MetricCatalog {
  return extra ? { ...extra, ...BUILTIN_METRICS } : BUILTIN_METRICS;
}

/** "p(N)" for the percentile word, the word itself otherwise: how aggregations are shown to users. */
export function aggregationLabel(word: AggregationWord, p?: number): string {
  if (word !== 'p') return word;
  return p === undefined ? 'p(N)' : `p(${p})`;
}
