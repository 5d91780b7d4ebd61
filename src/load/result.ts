import { encodeHistogram, percentileMs, round3, summariseMs } from '../core/hdr.js';
import type { Histogram } from 'hdr-histogram-js';
import { LOAD_RESULT_SCHEMA, PHASES, type PhaseSummaryMs, type PhasesHdr, type PhasesMs, type StreamResult, type EndpointResult, type GeneratorReport, type LoadResult } from '../core/load-result.js';
import type { ThresholdResult } from '../core/thresholds/index.js';
import type { Aggregate } from './aggregate.js';
import type { EndpointSlice, StreamStats } from './slice.js';

export interface ResultInput {
  target: string;
  startedAt: Date;
  durationMs: number;
  options: LoadResult['options'];
  aggregate: Aggregate;
  thresholds: ThresholdResult[];
  aborted: { reason: string } | null;
  generator: GeneratorReport;
}

/** Every figure of a load-result@1 from the merged aggregate; the same for both front ends. */
export function buildLoadResult(input: ResultInput): LoadResult {
  const { aggregate: agg } = input;
  const secs = input.durationMs / 1000;
  const endpoint = (name: string, s: EndpointSlice): EndpointResult => ({
    name,
    requests: s.requests,
    errors: s.errors,
    errorRate: s.requests ? round6(s.errors / s.requests) : 0,
    rps: secs > 0 ? round3(s.requests / secs) : 0,
    latencyMs: summariseMs(s.hist),
    latencyHdr: encodeHistogram(s.hist),
    statusCodes: statusRecord(s),
    errorClasses: agg.errorClassCounts(s),
    bytesReceived: s.bytes,
    ...phaseFields(s),
    ...(s.stream ? { stream: streamResult(s.stream) } : {}),
  });
  const g = agg.grand;
  return {
    schema: LOAD_RESULT_SCHEMA,
    target: input.target,
    model: input.options.rate === null ? 'closed' : 'open',
    startedAt: input.startedAt.toISOString(),
    durationMs: round3(input.durationMs),
    options: input.options,
    totals: {
      requests: g.requests,
      errors: g.errors,
      rps: secs > 0 ? round3(g.requests / secs) : 0,
      errorRate: g.requests ? round6(g.errors / g.requests) : 0,
      bytesReceived: g.bytes,
      late: input.generator.late,
      dropped: input.generator.dropped,
      interrupted: input.generator.interrupted,
    },
    latencyMs: summariseMs(g.hist),
    latencyHdr: encodeHistogram(g.hist),
    statusCodes: statusRecord(g),
    errorClasses: agg.errorClassCounts(g),
    endpoints: agg.meta.map((e, i) => endpoint(e.name, agg.endpoints[i]!)),
    ...phaseFields(g),
    ...(g.stream ? { stream: streamResult(g.stream) } : {}),
    ...(g.phases ? { protocols: protocolCounts(g) } : {}),
    timeline: agg.timeline.points(),
    thresholds: input.thresholds,
    passed: input.thresholds.every((t) => t.ok) && input.aborted === null,
    aborted: input.aborted,
    generator: input.generator,
  };
}

/** The stream block of a result; `gonogo merge` builds the merged one with it too. */
export function streamResult(st: StreamStats): StreamResult {
  return { events: st.events, streams: st.streams, firstEventMs: summary(st.first), eventGapMs: summary(st.gap), firstEventHdr: st.first.totalCount ? encodeHistogram(st.first) : '', eventGapHdr: st.gap.totalCount ? encodeHistogram(st.gap) : '' };
}

function summary(h: Histogram): PhaseSummaryMs {
  return { count: h.totalCount, p50: percentileMs(h, 50), p95: percentileMs(h, 95), p99: percentileMs(h, 99), max: h.totalCount ? h.maxValue / 1000 : 0 };
}

/** phasesMs and phasesHdr of a slice; none when nothing was timed (e.g. every request failed). */
export function phaseFields(s: Pick<EndpointSlice, 'phases'>): { phasesMs?: PhasesMs; phasesHdr?: PhasesHdr } {
  const hs = s.phases;
  if (!hs) return {};
  const phasesMs = {} as PhasesMs;
  const phasesHdr = {} as PhasesHdr;
  PHASES.forEach((p, i) => {
    const h = hs[i]!;
    phasesMs[p] = summary(h);
    phasesHdr[p] = h.totalCount ? encodeHistogram(h) : '';
  });
  return { phasesMs, phasesHdr };
}

/** Responses per negotiated protocol; present when the front end timed its responses (both do; hand-fed aggregates may not). */
function protocolCounts(s: EndpointSlice): Record<string, number> {
  let responses = 0;
  for (const n of s.statuses.values()) responses += n;
  return { 'http/1.1': responses - s.h2, h2: s.h2 };
}

function statusRecord(s: EndpointSlice): Record<string, number> {
  return Object.fromEntries([...s.statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
