import { createHash } from 'node:crypto';
import { UsageError } from '../../core/errors.js';
import type { ExecutionInfo, GeneratorReport } from '../../core/load-result.js';
import { formatSegment, formatSequence, resolveSegmentation, WHOLE_RUN, type Segmentation } from './execution-segment.js';

/** How a run is split and when it starts: --execution-segment, --execution-segment-sequence, --start-at. */
export interface SplitRun {
  segmentation: Segmentation;
  /** --start-at as given (ISO-8601) and as epoch ms. */
  startAt?: { text: string; ms: number };
}

export const UNSPLIT: SplitRun = Object.freeze({ segmentation: WHOLE_RUN });

/** A start later than this after --start-at is reported in the generator's reasons. */
const LATE_START_MS = 250;

/** The split flags, checked; every problem names its flag. */
export function resolveSplitRun(flags: { executionSegment?: string; executionSegmentSequence?: string; startAt?: string }): SplitRun {
  const segmentation = resolveSegmentation(flags.executionSegment, flags.executionSegmentSequence);
  if (flags.startAt === undefined) return { segmentation };
  return { segmentation, startAt: { text: flags.startAt, ms: parseStartAt(flags.startAt) } };
}

/** An ISO-8601 date-time with a time zone ("2026-12-04T09:00:00Z", "...+01:00"). */
export function parseStartAt(text: string, where = '--start-at'): number {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim());
  const ms = ok ? Date.parse(text.trim()) : NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`"${text}" is not an ISO-8601 date-time with a time zone`, { where, hint: 'e.g. 2026-12-04T09:00:00Z; give every segment the same value' });
  return ms;
}

/**
 * sha256 over what shapes the load (target, requests, executors, timeouts), in a stable key order.
 * Segments with different fingerprints are parts of different runs: `gonogo merge` refuses them.
 */
export function optionsFingerprint(shape: unknown): string {
  return `sha256:${createHash('sha256').update(stableJson(shape)).digest('hex')}`;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The result's `execution` block. */
export function executionInfo(split: SplitRun, fingerprint: string, lateStartMs: number): ExecutionInfo {
  const s = split.segmentation;
  return {
    segment: formatSegment(s.segment),
    sequence: s.sequence === null ? null : formatSequence(s.sequence),
    optionsFingerprint: fingerprint,
    startAt: split.startAt?.text ?? null,
    lateStartMs,
  };
}

/** A segment that started noticeably after --start-at says so where generator problems are listed. */
export function withLateStart(g: GeneratorReport, info: ExecutionInfo): GeneratorReport {
  if (info.startAt === null || info.lateStartMs <= LATE_START_MS) return g;
  return { ...g, reasons: [...g.reasons, `started ${info.lateStartMs} ms after --start-at ${info.startAt}: this segment's load is shifted against the others`] };
}
