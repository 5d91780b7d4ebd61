import type { BreakingPoint } from './breaking-point.js';
import type { LatencySummaryMs } from './hdr.js';
import type { ServerReport } from './server-metrics.js';
import type { Report } from './result.js';
import type { ThresholdResult } from './thresholds/index.js';
import type { VitalsResult } from './vitals.js';

/*
 * The result of one load run as every later stage reads it (checks, reports, compare, merge): plain
 * data, so report/ and run/ depend on this shape and never on the engine that produced it.
 */

export const LOAD_RESULT_SCHEMA = 'gonogo/load-result@1';

/**
 * The phases of one request, k6's http_req_* split: dns, connect and tls happen once per new
 * connection (counted on the request that opened it); send, ttfb (waiting) and receive per request.
 */
export const PHASES = ['dns', 'connect', 'tls', 'send', 'ttfb', 'receive'] as const;
export type Phase = (typeof PHASES)[number];

/** One phase's figures (ms); count is the number of samples (new connections for dns, connect, tls). */
export interface PhaseSummaryMs {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Per phase: its summary, and its histogram (`phasesHdr`, as latencyHdr, '' when empty) so merged results stay exact. */
export type PhasesMs = Record<Phase, PhaseSummaryMs>;

/** Streamed responses (--sse): events seen, streams that ended, time to first event and gaps between events. */
export interface StreamResult {
  events: number;
  streams: number;
  firstEventMs: PhaseSummaryMs;
  eventGapMs: PhaseSummaryMs;
  /** The two histograms, encoded like latencyHdr ('' when empty), so merged results stay exact. */
  firstEventHdr: string;
  eventGapHdr: string;
}
export type PhasesHdr = Record<Phase, string>;

export interface EndpointResult {
  name: string;
  requests: number;
  errors: number;
  errorRate: number;
  rps: number;
  latencyMs: LatencySummaryMs;
  /** The latency histogram itself (HdrHistogram V2 compressed, base64, microseconds): merges exactly. */
  latencyHdr: string;
  statusCodes: Record<string, number>;
  errorClasses: Record<string, number>;
  bytesReceived: number;
  /** Absent in results written before phase timing. */
  phasesMs?: PhasesMs;
  phasesHdr?: PhasesHdr;
  stream?: StreamResult;
}

/** The contract in DESIGN.md ("gonogo load ... --out FILE"), plus fields that only add. */
export interface LoadResult {
  schema: typeof LOAD_RESULT_SCHEMA;
  target: string;
  model: 'closed' | 'open';
  startedAt: string;
  durationMs: number;
  options: { method: string; /** 'http/1.1' or 'h2' (absent in older results, and in scenario runs whose base URLs differ). */ protocol?: string; streams?: number; connections: number; rate: number | null; workers: number; timeoutMs: number; durationMs: number };
  totals: { requests: number; errors: number; rps: number; errorRate: number; bytesReceived: number; late: number; dropped: number; interrupted: number };
  latencyMs: LatencySummaryMs;
  /** See EndpointResult.latencyHdr: lets later tools merge runs from many machines without error. */
  latencyHdr: string;
  statusCodes: Record<string, number>;
  errorClasses: Record<string, number>;
  endpoints: EndpointResult[];
  /** Per-phase timings over the whole run (absent in results written before phase timing). */
  phasesMs?: PhasesMs;
  phasesHdr?: PhasesHdr;
  /** Present when the run timed streamed responses (--sse). */
  stream?: StreamResult;
  /** Responses per protocol as negotiated: {"http/1.1": n, "h2": n}. */
  protocols?: Record<string, number>;
  timeline: TimelinePoint[];
  thresholds: ThresholdResult[];
  passed: boolean;
  aborted: { reason: string } | null;
  generator: GeneratorReport;
  /** Which part of a split run this is (docs/distributed.md); absent in results older than segments. */
  execution?: ExecutionInfo;
  /** A merged result (`gonogo merge`): one entry per segment, in sequence order. */
  segments?: SegmentReport[];
  /** Server-side metrics scraped during the run, and the bottlenecks found in them (only with --metrics / --prometheus). */
  server?: ServerReport;
  /** The capacity search run after the load (`gonogo load --breaking-point`, or a profile with `breakingPoint: true`). */
  breakingPoint?: BreakingPoint;
  /** Web Vitals of UI pages measured while the load ran and idle afterwards (`gonogo load --vitals`, docs/load.md#web-vitals-during-the-load). */
  vitals?: LoadVitals;
}

/** What `gonogo load --format ...` hands the reporters: the load's checks and, with --vitals, the vitals (report/report-vitals.ts). */
export interface LoadReport extends Report {
  vitals?: LoadVitals;
}

/** `vitals` of a load result: the pages under load and idle, and whether the thresholds held under load. */
export interface LoadVitals {
  /** gonogo/vitals-result@1 of the page loads made while the load ran; null when none could be (`underLoadNote`). */
  underLoad: VitalsResult | null;
  underLoadNote?: string;
  /** gonogo/vitals-result@1 of the same pages after the load, for comparison; null when the run was interrupted or it failed (`idleNote`). */
  idle: VitalsResult | null;
  idleNote?: string;
  /** The vitals threshold expressions, and whether they are the default (Google's "good" limits at p75). */
  thresholds: { expressions: string[]; defaulted: boolean };
  /** Every threshold held under load (false also when nothing was measured under load and thresholds were set). */
  passed: boolean;
}

export interface ExecutionInfo {
  /** The execution segment "from:to" ("0:1" for a whole run, or a merged one). */
  segment: string;
  /** --execution-segment-sequence as given, or null. */
  sequence: string | null;
  /** sha256 of everything that shapes the load (target, executors, requests), so segments of different runs do not merge. */
  optionsFingerprint: string;
  /** --start-at as given (ISO-8601), or null. */
  startAt: string | null;
  /** How long after --start-at this segment actually started (0 without --start-at). */
  lateStartMs: number;
}

/** One segment of a merged run: where it came from and how its generator fared. */
export interface SegmentReport {
  segment: string;
  file: string;
  startedAt: string;
  lateStartMs: number;
  requests: number;
  errors: number;
  generator: GeneratorReport;
  /** Fields of that segment's result the merge does not know how to add; kept here as they were. */
  unmerged?: Record<string, unknown>;
}

/** One second of the run (slice start `t`), as the timeline charts and recovery checks read it. */
export interface TimelinePoint {
  /** Seconds since the start of the run (slice start). */
  t: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
  /** Runs that are one segment of a split run: the second's latency histogram (sparse, see core/hdr.ts sparseBuckets), so `gonogo merge` recomputes p50/p95/p99 exactly. */
  hist?: number[];
}

export interface GeneratorReport {
  workers: number;
  connections: number;
  /** Process CPU over the run as a percentage of the cores the workers could use. */
  cpuPercent: number;
  eventLoopUtilization: number[];
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  late: number;
  lateNoConnection: number;
  dropped: number;
  maxSendLagMs: number;
  interrupted: number;
  connectionsOpened: number;
  /** True when the numbers say the load generator, not the target, limited the run. */
  bottleneck: boolean;
  reasons: string[];
}
