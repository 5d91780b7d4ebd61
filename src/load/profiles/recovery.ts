import type { TimelinePoint } from '../../core/load-result.js';
import type { SpikeShape } from './builtin.js';

export interface RecoveryReport {
  /** p95 over the seconds before the spike (ms). */
  baselineP95Ms: number | null;
  /** Worst per-second p95 during and after the spike (ms). */
  peakP95Ms: number | null;
  /** A second counts as recovered when its p95 is at most this (ms). */
  recoveredBelowMs: number | null;
  /** From the end of the ramp-down to the first of `stableSeconds` recovered seconds (ms); null when it never recovered. */
  timeToRecoverMs: number | null;
  recovered: boolean;
  stableSeconds: number;
  /** Where the spike was, so `gonogo merge` can recompute recovery on the merged timeline (absent in older results). */
  shape?: SpikeShape;
}

/** How close to the baseline a second's p95 must be to count as recovered (see the limit below). */
const TOLERANCE = 1.25;
const SLACK_MS = 2;
const STABLE_SECONDS = 3;
const EXCESS = 0.1;

/**
 * Time to recover after a spike, from the per-second timeline. Pure. The baseline is the median of
 * the per-second p95s before the spike (skipping the first second, which includes connection
 * set-up); recovery is the first run of STABLE_SECONDS seconds after the ramp-down whose p95 stays
 * within tolerance of it.
 */
export function spikeRecovery(timeline: readonly TimelinePoint[], shape: SpikeShape, startOffsetMs = 0): RecoveryReport {
  const sec = (ms: number) => Math.floor((ms + startOffsetMs) / 1000);
  const spikeStart = sec(shape.baselineMs);
  const spikeEnd = (shape.baselineMs + shape.rampUpMs + shape.holdMs + shape.rampDownMs + startOffsetMs) / 1000;
  const base = timeline.filter((p) => p.t >= Math.min(1, spikeStart - 1) && p.t < spikeStart && p.requests > 0).map((p) => p.p95);
  const stable = Math.max(1, Math.min(STABLE_SECONDS, Math.floor(shape.afterMs / 1000) - 1));
  const after = timeline.filter((p) => p.t >= spikeStart);
  const peak = after.length ? Math.max(...after.map((p) => p.p95)) : null;
  if (base.length === 0) return { baselineP95Ms: null, peakP95Ms: peak, recoveredBelowMs: null, timeToRecoverMs: null, recovered: false, stableSeconds: stable, shape };
  const baseline = median(base);
  // Within 25% or 2 ms of the baseline, or within a tenth of the way from the baseline to the worst second
  // (a busy generator host adds a few ms of jitter that a 1 ms baseline would otherwise never forgive).
  const limit = Math.max(baseline * TOLERANCE, baseline + SLACK_MS, peak === null ? 0 : baseline + (peak - baseline) * EXCESS);
  const post = timeline.filter((p) => p.t >= Math.floor(spikeEnd));
  for (let i = 0; i + stable <= post.length; i++) {
    const window = post.slice(i, i + stable);
    if (window.every((p) => p.requests > 0 && p.p95 <= limit)) {
      const at = post[i]!.t;
      return { baselineP95Ms: baseline, peakP95Ms: peak, recoveredBelowMs: round(limit), timeToRecoverMs: Math.max(0, Math.round(at * 1000 - spikeEnd * 1000)), recovered: true, stableSeconds: stable, shape };
    }
  }
  return { baselineP95Ms: baseline, peakP95Ms: peak, recoveredBelowMs: round(limit), timeToRecoverMs: null, recovered: false, stableSeconds: stable, shape };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
