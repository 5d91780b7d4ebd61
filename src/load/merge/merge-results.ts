import path from 'node:path';
import type { Histogram } from 'hdr-histogram-js';
import { decodeHistogram, encodeHistogram, newHistogram, round3, summariseMs } from '../../core/hdr.js';
import { LOAD_RESULT_SCHEMA, type EndpointResult, type GeneratorReport, type LoadResult, type SegmentReport } from '../../core/load-result.js';
import { evaluateThresholds, parseThresholds, type ThresholdSource } from '../../core/thresholds/index.js';
import { round6 } from '../result.js';
import type { ScenarioLoadResult } from '../scenario/result.js';
import { checkCoverage, checkSameRun, runKey, segmentOf, type PlacedSegment, type RunKey } from './check-segments.js';
import { ScenarioMerge } from './merge-scenarios.js';
import { mergedCatalog, mergedView, type EndpointAcc } from './merged-view.js';
import { TimelineMerge } from './merge-timeline.js';
import { ProtocolMerge } from './merge-protocol.js';
import { spikeRecovery } from '../profiles/recovery.js';
import type { SourcedResult } from './read-result.js';

/** Fields the merge adds up; anything else a result carries is kept per segment (SegmentReport.unmerged) and named in mergeNotes. */
const KNOWN_TOP = new Set(['schema', 'target', 'model', 'startedAt', 'durationMs', 'options', 'totals', 'latencyMs', 'latencyHdr', 'statusCodes', 'errorClasses', 'endpoints', 'timeline', 'thresholds', 'passed', 'aborted', 'generator', 'execution', 'segments', 'mode', 'profile', 'scenarios', 'checks', 'metrics', 'phasesMs', 'phasesHdr', 'stream', 'protocols', 'recovery']);
const KNOWN_ENDPOINT = new Set(['name', 'scenario', 'requests', 'errors', 'errorRate', 'rps', 'latencyMs', 'latencyHdr', 'statusCodes', 'errorClasses', 'bytesReceived', 'phasesMs', 'phasesHdr', 'stream']);
const KNOWN_POINT = new Set(['t', 'requests', 'errors', 'rps', 'p50', 'p95', 'p99', 'bytes', 'hist']);

interface SegmentAcc {
  placed: PlacedSegment;
  report: SegmentReport;
  aborted: string | null;
  thresholds: ThresholdSource[];
}

export interface MergedLoadResult extends LoadResult {
  /** What the merge could not add exactly, or kept per segment (docs/distributed.md). */
  mergeNotes: string[];
}

/**
 * Folds segment results into one load-result@1, one file at a time (memory grows with endpoints and
 * seconds, not with files): HDR histograms add exactly, counts add, timelines align by wall-clock second.
 */
export class ResultMerger {
  private key: RunKey | undefined;
  private first: LoadResult | undefined;
  private startMs = 0;
  private readonly segs: SegmentAcc[] = [];
  private readonly grand: Histogram = newHistogram();
  private readonly proto = new ProtocolMerge();
  /** Spike profiles: the recovery the segments computed on their own timelines, recomputed on the merged one. */
  private recovery: ScenarioLoadResult['recovery'];
  private readonly endpoints = new Map<string, EndpointAcc>();
  private readonly statusCodes = new Map<string, number>();
  private readonly errorClasses = new Map<string, number>();
  private readonly timeline = new TimelineMerge();
  private readonly scenarios = new ScenarioMerge();
  private readonly notes = new Set<string>();
  private totals = { requests: 0, errors: 0, bytesReceived: 0, late: 0, dropped: 0, interrupted: 0 };
  private durationMs = 0;
  private server: unknown;

  add({ source, result: r }: SourcedResult): void {
    const key = runKey(source, r);
    if (this.key === undefined) {
      this.key = key;
      this.first = { ...r, endpoints: [], timeline: [] };
      this.startMs = Date.parse(r.startedAt);
    } else checkSameRun(this.key, key);
    const placed = segmentOf(source, r);
    const offset = Math.round((Date.parse(r.startedAt) - this.startMs) / 1000);
    addHdr(this.grand, r.latencyHdr);
    const t = r.totals;
    this.totals.requests += t.requests;
    this.totals.errors += t.errors;
    this.totals.bytesReceived += t.bytesReceived ?? 0;
    this.totals.late += t.late ?? 0;
    this.totals.dropped += t.dropped ?? 0;
    this.totals.interrupted += t.interrupted ?? 0;
    this.durationMs = Math.max(this.durationMs, r.durationMs + Math.max(0, offset) * 1000);
    addCounts(this.statusCodes, r.statusCodes);
    addCounts(this.errorClasses, r.errorClasses);
    const unknownEndpoint: Record<string, unknown>[] = [];
    for (const e of r.endpoints as (EndpointResult & { scenario?: string })[]) {
      const k = `${e.scenario ?? ''}\u0000${e.name}`;
      let a = this.endpoints.get(k);
      if (!a) this.endpoints.set(k, (a = { name: e.name, scenario: e.scenario, requests: 0, errors: 0, bytes: 0, statusCodes: new Map(), errorClasses: new Map(), hist: newHistogram(), proto: new ProtocolMerge() }));
      a.requests += e.requests;
      a.errors += e.errors;
      a.bytes += e.bytesReceived ?? 0;
      addCounts(a.statusCodes, e.statusCodes);
      addCounts(a.errorClasses, e.errorClasses);
      addHdr(a.hist, e.latencyHdr);
      const extra = withFields(unknownFields(e, KNOWN_ENDPOINT), e, a.proto.add(e));
      if (extra) unknownEndpoint.push({ name: e.name, ...(e.scenario !== undefined ? { scenario: e.scenario } : {}), ...extra });
    }
    this.timeline.add(r.timeline, offset, (r.latencyMs?.max ?? 0) * 1000);
    this.scenarios.add(r as Partial<ScenarioLoadResult>, offset);
    const rec = (r as Partial<ScenarioLoadResult>).recovery;
    if (rec?.shape) this.recovery ??= rec;
    const unmerged: Record<string, unknown> = withFields(unknownFields(r as unknown as Record<string, unknown>, KNOWN_TOP), r, this.proto.add(r)) ?? {};
    // A recovery without its spike shape (an older result) cannot be recomputed: keep it per segment.
    if (rec && !rec.shape) unmerged.recovery = rec;
    if (unknownEndpoint.length) unmerged.endpoints = unknownEndpoint;
    const pointExtras = r.timeline.map((p) => unknownFields(p as unknown as Record<string, unknown>, KNOWN_POINT)).flatMap((x, i) => (x ? [{ t: r.timeline[i]!.t, ...x }] : []));
    if (pointExtras.length) unmerged.timeline = pointExtras;
    for (const k of Object.keys(unmerged)) this.notes.add(k === 'endpoints' || k === 'timeline' ? `${k}: fields the merge does not add (${fieldNames(unmerged[k])}) are kept per segment under segments[].unmerged` : `${k}: not added across segments; kept per segment under segments[].unmerged${k === 'server' ? ' (the first segment\'s is shown as server)' : ''}`);
    if (unmerged.server !== undefined && this.server === undefined) this.server = unmerged.server;
    this.segs.push({
      placed,
      aborted: r.aborted?.reason ?? null,
      thresholds: r.thresholds.map((th, i) => ({ input: { threshold: `${th.metric}: ${th.expression}`, abortOnFail: th.abortOnFail }, where: `${source}: thresholds[${i}]` })),
      report: {
        segment: r.execution?.segment ?? '0:1',
        file: source,
        startedAt: r.startedAt,
        lateStartMs: r.execution?.lateStartMs ?? 0,
        requests: t.requests,
        errors: t.errors,
        generator: r.generator,
        ...(Object.keys(unmerged).length ? { unmerged } : {}),
      },
    });
  }

  /**
   * The merged result. `thresholds`: evaluated on the merged figures; without any, the thresholds the
   * segments were run with are evaluated again on the whole run.
   */
  finish(thresholds?: readonly ThresholdSource[]): MergedLoadResult {
    const first = this.first!;
    const ordered = checkCoverage(this.segs.map((s) => s.placed));
    const segs = ordered.map((p) => this.segs.find((s) => s.placed === p)!);
    const { points, shift } = this.timeline.points();
    const scenarioPart = this.scenarios.seen ? this.scenarios.result(shift, points.length) : undefined;
    const secs = this.durationMs / 1000;
    const endpoints = [...this.endpoints.values()].map((a) => ({
      name: a.name,
      ...(a.scenario !== undefined ? { scenario: a.scenario } : {}),
      requests: a.requests,
      errors: a.errors,
      errorRate: a.requests ? round6(a.errors / a.requests) : 0,
      rps: secs > 0 ? round3(a.requests / secs) : 0,
      latencyMs: summariseMs(a.hist),
      latencyHdr: encodeHistogram(a.hist),
      statusCodes: sortedRecord(a.statusCodes),
      errorClasses: Object.fromEntries(a.errorClasses),
      bytesReceived: a.bytes,
      ...a.proto.fields(),
    }));
    const generator = mergeGenerators(segs.map((s) => s.report));
    const abortedBy = segs.filter((s) => s.aborted !== null);
    const aborted = abortedBy.length ? { reason: abortedBy.map((s) => `segment ${s.report.segment} (${path.basename(s.report.file)}): ${s.aborted}`).join('; ') } : null;
    const notes = [...this.notes, ...this.scenarios.notes];
    if (this.timeline.inexact) notes.push('timeline: a segment has no per-second histograms (run without --execution-segment); those seconds\' p50/p95/p99 are the segments\' maxima, an upper bound');
    const sources = thresholds?.length ? [...thresholds] : dedupe(segs.flatMap((s) => s.thresholds));
    const catalog = mergedCatalog(scenarioPart?.metrics ?? []);
    const view = mergedView({ grand: this.grand, proto: this.proto, totals: this.totals, endpoints: [...this.endpoints.values()], durationSec: secs, scenarios: this.scenarios, scenarioPart, model: first.model });
    const thresholdResults = evaluateThresholds(parseThresholds(sources, catalog), view);
    const lateStartMs = Math.max(0, ...segs.map((s) => s.report.lateStartMs));
    const result: MergedLoadResult = {
      schema: LOAD_RESULT_SCHEMA,
      target: first.target,
      ...(first as Partial<ScenarioLoadResult>).mode === 'scenario' ? { mode: 'scenario' } : {},
      ...((first as Partial<ScenarioLoadResult>).profile !== undefined ? { profile: (first as Partial<ScenarioLoadResult>).profile } : {}),
      model: first.model,
      startedAt: new Date(this.startMs + shift * 1000).toISOString(),
      durationMs: round3(this.durationMs),
      options: { ...first.options, workers: segs.reduce((a, s) => a + s.report.generator.workers, 0) },
      totals: { requests: this.totals.requests, errors: this.totals.errors, rps: secs > 0 ? round3(this.totals.requests / secs) : 0, errorRate: this.totals.requests ? round6(this.totals.errors / this.totals.requests) : 0, bytesReceived: this.totals.bytesReceived, late: this.totals.late, dropped: this.totals.dropped, interrupted: this.totals.interrupted },
      latencyMs: summariseMs(this.grand),
      latencyHdr: encodeHistogram(this.grand),
      statusCodes: sortedRecord(this.statusCodes),
      errorClasses: Object.fromEntries(this.errorClasses),
      endpoints,
      ...this.proto.fields(),
      timeline: points,
      thresholds: thresholdResults,
      passed: thresholdResults.every((t) => t.ok) && aborted === null,
      aborted,
      generator,
      ...(scenarioPart ?? {}),
      ...(this.recovery?.shape ? { recovery: spikeRecovery(points, this.recovery.shape, recoveryOffsetMs(this.startMs + shift * 1000, segs)) } : {}),
      execution: { segment: '0:1', sequence: this.key!.sequence, optionsFingerprint: this.key!.fingerprint, startAt: first.execution?.startAt ?? null, lateStartMs },
      segments: segs.map((s) => s.report),
      ...(this.server !== undefined ? { server: this.server as LoadResult['server'] } : {}),
      mergeNotes: notes,
    };
    return result;
  }
}

/**
 * One generator report for the fleet: counts add, worst cases win, and every reason names the
 * segment it came from, so the report says which segment was saturated. Each segment's own report
 * stays in `segments[]`.
 */
export function mergeGenerators(segs: readonly SegmentReport[]): GeneratorReport {
  const g = segs.map((s) => s.generator);
  const sum = (f: (x: GeneratorReport) => number) => g.reduce((a, x) => a + (f(x) ?? 0), 0);
  const max = (f: (x: GeneratorReport) => number) => g.reduce((a, x) => Math.max(a, f(x) ?? 0), 0);
  const reasons = segs.flatMap((s) => s.generator.reasons.map((r) => `segment ${s.segment} (${path.basename(s.file)}): ${r}`));
  const saturated = segs.filter((s) => s.generator.bottleneck).map((s) => s.segment);
  if (saturated.length) reasons.unshift(`saturated load generator in segment${saturated.length > 1 ? 's' : ''} ${saturated.join(', ')}: the figures of ${saturated.length > 1 ? 'those segments' : 'that segment'} include generator delay`);
  return {
    workers: sum((x) => x.workers),
    connections: sum((x) => x.connections),
    cpuPercent: max((x) => x.cpuPercent),
    eventLoopUtilization: g.flatMap((x) => x.eventLoopUtilization ?? []),
    eventLoopDelayP99Ms: max((x) => x.eventLoopDelayP99Ms),
    eventLoopDelayMaxMs: max((x) => x.eventLoopDelayMaxMs),
    late: sum((x) => x.late),
    lateNoConnection: sum((x) => x.lateNoConnection),
    dropped: sum((x) => x.dropped),
    maxSendLagMs: max((x) => x.maxSendLagMs),
    interrupted: sum((x) => x.interrupted),
    connectionsOpened: sum((x) => x.connectionsOpened),
    bottleneck: saturated.length > 0,
    reasons,
  };
}

/** `extra` plus the fields of `from` named in `names` (what ProtocolMerge could not add exactly). */
function withFields(extra: Record<string, unknown> | undefined, from: object, names: readonly string[]): Record<string, unknown> | undefined {
  if (!names.length) return extra;
  const out = { ...extra };
  for (const n of names) out[n] = (from as Record<string, unknown>)[n];
  return out;
}

/**
 * Where the spike's clock starts on the merged timeline: each segment times its spike from its own start
 * (the same instant with --start-at), the merged t=0 is the first whole second; the earliest start counts.
 */
function recoveryOffsetMs(mergedStartMs: number, segs: readonly SegmentAcc[]): number {
  const starts = segs.map((s) => Date.parse(s.report.startedAt));
  return Math.max(0, Math.min(...starts) - mergedStartMs);
}

function addHdr(into: Histogram, encoded: string): void {
  const h = decodeHistogram(encoded);
  into.add(h);
  h.destroy();
}

function addCounts(into: Map<string, number>, from: Record<string, number> | undefined): void {
  for (const [k, n] of Object.entries(from ?? {})) into.set(k, (into.get(k) ?? 0) + n);
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m].sort((a, b) => Number(a[0]) - Number(b[0])));
}

function unknownFields(o: object, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  // Called for every timeline point of every file: allocate only when there is something unknown.
  for (const k in o) if (!known.has(k)) (extra ??= {})[k] = (o as Record<string, unknown>)[k];
  return extra;
}

function fieldNames(v: unknown): string {
  const names = new Set<string>();
  for (const x of Array.isArray(v) ? v : []) for (const k of Object.keys(x as object)) if (k !== 't' && k !== 'name' && k !== 'scenario') names.add(k);
  return [...names].join(', ');
}

function dedupe(sources: ThresholdSource[]): ThresholdSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = typeof s.input === 'string' ? s.input : s.input.threshold;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
