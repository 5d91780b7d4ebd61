import { UsageError } from '../../core/errors.js';
import { cmp, formatFraction, lcm, ONE, parseFraction, sub, ZERO, type Fraction } from './fraction.js';

/**
 * Execution segments, with k6's syntax and semantics (k6 lib/execution_segment.go): a segment is the
 * part (from, to] of the whole run's work, a sequence is the list of points that cut the run into
 * segments. Every executor numbers its work (users 0, 1, 2, ...; arrivals 0, 1, 2, ...) and a segment
 * takes the numbers its stripe gives it, so the segments of one sequence add up to the whole run with
 * no rounding drift, and each process works out its share from its own flags alone.
 */
export interface ExecutionSegment {
  from: Fraction;
  to: Fraction;
}

/**
 * Which of the numbers 0, 1, 2, ... a segment takes: in every block of `lcd` consecutive numbers, those
 * at `positions` (ascending). Plain data: it crosses thread boundaries inside worker plans.
 */
export interface Stripe {
  lcd: number;
  positions: number[];
}

/** The whole run: every number. */
export const FULL_STRIPE: Stripe = Object.freeze({ lcd: 1, positions: Object.freeze([0]) as number[] });

/** What a run needs to know about its segment, resolved from --execution-segment(-sequence). */
export interface Segmentation {
  segment: ExecutionSegment;
  /** The sequence as given (null: none given; the segment's own fill was used, as in k6). */
  sequence: ExecutionSegment[] | null;
  stripe: Stripe;
}

/** Striping cost grows with the common denominator; a million covers 0.000001 steps. */
const MAX_LCD = 1_000_000n;

export const WHOLE_RUN: Segmentation = Object.freeze({ segment: { from: ZERO, to: ONE }, sequence: null, stripe: FULL_STRIPE });

function point(text: string, where: string): Fraction {
  const f = parseFraction(text);
  if (!f || cmp(f, ONE) > 0) throw new UsageError(`"${text}" is not a fraction between 0 and 1`, { where, hint: 'write fractions (1/3), decimals (0.5) or percentages (50%)' });
  return f;
}

/** "A:B" (or just "B", meaning "0:B") as k6 reads --execution-segment. */
export function parseSegment(text: string, where = '--execution-segment'): ExecutionSegment {
  const parts = text.trim() === '' ? ['1'] : text.split(':');
  if (parts.length > 2) throw new UsageError(`execution segment "${text}" has more than one ":"`, { where, hint: 'write it as FROM:TO, e.g. 1/3:2/3' });
  const from = parts.length === 2 ? point(parts[0]!, where) : ZERO;
  const to = point(parts[parts.length - 1]!, where);
  if (cmp(from, to) >= 0) throw new UsageError(`execution segment "${text}" is empty: its start must be less than its end`, { where, hint: 'e.g. 0:1/3, 1/3:2/3, 2/3:1' });
  return { from, to };
}

/** "0,1/3,2/3,1" as k6 reads --execution-segment-sequence: consecutive points, each segment non-empty. */
export function parseSequence(text: string, where = '--execution-segment-sequence'): ExecutionSegment[] {
  const points = text.split(',').map((p) => point(p, where));
  if (points.length < 2) throw new UsageError(`execution segment sequence "${text}" needs at least 2 points`, { where, hint: 'e.g. 0,1/3,2/3,1' });
  const out: ExecutionSegment[] = [];
  for (let i = 1; i < points.length; i++) {
    if (cmp(points[i - 1]!, points[i]!) >= 0) throw new UsageError(`execution segment sequence "${text}": the points must increase (${formatFraction(points[i - 1]!)} then ${formatFraction(points[i]!)})`, { where });
    out.push({ from: points[i - 1]!, to: points[i]! });
  }
  return out;
}

export function formatSegment(s: ExecutionSegment): string {
  return `${formatFraction(s.from)}:${formatFraction(s.to)}`;
}

export function formatSequence(seq: readonly ExecutionSegment[]): string {
  return [formatFraction(seq[0]!.from), ...seq.map((s) => formatFraction(s.to))].join(',');
}

function sameSegment(a: ExecutionSegment, b: ExecutionSegment): boolean {
  return cmp(a.from, b.from) === 0 && cmp(a.to, b.to) === 0;
}

/** The sequence with the gaps before its first and after its last point filled, so it covers 0..1 (k6's GetFilledExecutionSegmentSequence). */
export function fillSequence(seq: readonly ExecutionSegment[]): ExecutionSegment[] {
  const out = [...seq];
  if (cmp(out[0]!.from, ZERO) !== 0) out.unshift({ from: ZERO, to: out[0]!.from });
  if (cmp(out[out.length - 1]!.to, ONE) !== 0) out.push({ from: out[out.length - 1]!.to, to: ONE });
  return out;
}

/**
 * The striping of a full sequence (k6's ExecutionSegmentSequenceWrapper): with L the common
 * denominator of the segment lengths, segment i takes len_i * L of every L numbers. Walking 0..L-1,
 * each number goes to the first segment (largest first, ties in sequence order) that is due one,
 * i.e. whose next pick c satisfies c * L / (len_i * L) <= number. That spreads each segment's numbers
 * as evenly as possible, so e.g. arrivals of three equal segments interleave.
 */
export function stripes(full: readonly ExecutionSegment[]): Stripe[] {
  const lengths = full.map((s) => sub(s.to, s.from));
  let L = 1n;
  for (const len of lengths) {
    L = lcm(L, len.den);
    if (L > MAX_LCD) throw new UsageError(`the execution segments need a common denominator above ${MAX_LCD}`, { where: '--execution-segment', hint: 'use simpler fractions such as 1/3 or 25%' });
  }
  const lcd = Number(L);
  const norm = lengths.map((len) => Number(len.num * (L / len.den)));
  const order = norm.map((n, i) => ({ n, i })).sort((a, b) => b.n - a.n || a.i - b.i);
  const chosen = new Array<number>(full.length).fill(0);
  const positions: number[][] = full.map(() => []);
  for (let k = 0; k < lcd; k++) {
    for (const { n, i } of order) {
      if (chosen[i]! < n && k * n >= chosen[i]! * lcd) {
        chosen[i]!++;
        positions[i]!.push(k);
        break;
      }
    }
  }
  return positions.map((p) => ({ lcd, positions: p }));
}

/**
 * The segmentation for a run's flags. No segment: the whole run. A segment without a sequence is
 * striped within its own filled sequence (k6 does the same; give every process the same sequence so
 * their numbers interleave instead of coinciding).
 */
export function resolveSegmentation(segmentText: string | undefined, sequenceText: string | undefined): Segmentation {
  if (segmentText === undefined && sequenceText === undefined) return WHOLE_RUN;
  const segment = segmentText === undefined ? { from: ZERO, to: ONE } : parseSegment(segmentText);
  const sequence = sequenceText === undefined ? null : parseSequence(sequenceText);
  const full = fillSequence(sequence ?? [segment]);
  const at = full.findIndex((s) => sameSegment(s, segment));
  if (at < 0) {
    throw new UsageError(`execution segment ${formatSegment(segment)} is not one of the segments of the sequence ${formatSequence(sequence!)}`, { where: '--execution-segment', hint: 'the segment must run from one point of the sequence to the next' });
  }
  return { segment, sequence, stripe: stripes(full)[at]! };
}

/** How many of the numbers 0 .. n-1 the stripe takes. */
export function stripeCount(s: Stripe, n: number): number {
  if (n <= 0) return 0;
  const whole = Math.floor(n / s.lcd);
  const rest = n - whole * s.lcd;
  let lo = 0;
  let hi = s.positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.positions[mid]! < rest) lo = mid + 1;
    else hi = mid;
  }
  return whole * s.positions.length + lo;
}

/** The number the stripe's j-th pick is (j = 0, 1, ...). */
export function stripeIndex(s: Stripe, j: number): number {
  const m = s.positions.length;
  const block = Math.floor(j / m);
  return block * s.lcd + s.positions[j - block * m]!;
}

/** The fraction of the work the stripe takes. */
export function stripeShare(s: Stripe): number {
  return s.positions.length / s.lcd;
}
