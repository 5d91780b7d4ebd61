import type { LoadResult } from '../../core/load-result.js';
import { cmp, formatFraction } from '../segment/fraction.js';
import { parseSegment, type ExecutionSegment } from '../segment/execution-segment.js';
import { mergeInputError } from './read-result.js';

/** The run a merge is assembling, fixed by its first result: the others must match it. */
export interface RunKey {
  source: string;
  target: string;
  fingerprint: string;
  sequence: string | null;
}

/** A result without `execution` predates segments: it is the whole run (0:1), fingerprint unknown. */
export function runKey(source: string, r: LoadResult): RunKey {
  return { source, target: r.target, fingerprint: r.execution?.optionsFingerprint ?? '', sequence: r.execution?.sequence ?? null };
}

/** Same target, same options, same sequence as the first result, or exit 2 naming the file. */
export function checkSameRun(first: RunKey, next: RunKey): void {
  if (next.target !== first.target) throw mergeInputError(next.source, `targets ${next.target}, but ${first.source} targets ${first.target}`, 'merge the segments of one run only');
  if (next.fingerprint !== first.fingerprint) {
    throw mergeInputError(next.source, `was run with other options than ${first.source} (options fingerprint ${short(next.fingerprint)} vs ${short(first.fingerprint)})`, 'every segment must run the same command apart from --execution-segment; compare their `options` and scenario files');
  }
  if (next.sequence !== first.sequence) {
    throw mergeInputError(next.source, `has execution segment sequence ${next.sequence ?? '(none)'}, but ${first.source} has ${first.sequence ?? '(none)'}`, 'give every segment the same --execution-segment-sequence');
  }
}

function short(f: string): string {
  return f === '' ? '(none: a result without execution segments)' : f.replace(/^sha256:/, '').slice(0, 12);
}

export interface PlacedSegment {
  source: string;
  segment: ExecutionSegment;
}

export function segmentOf(source: string, r: LoadResult): PlacedSegment {
  const text = r.execution?.segment ?? '0:1';
  try {
    return { source, segment: parseSegment(text, `${source}: execution.segment`) };
  } catch {
    throw mergeInputError(source, `has an unreadable execution segment "${text}"`);
  }
}

/** The segments must cover 0..1 exactly once: no overlap, no gap. Returns them in order. */
export function checkCoverage(segments: readonly PlacedSegment[]): PlacedSegment[] {
  const sorted = [...segments].sort((a, b) => cmp(a.segment.from, b.segment.from) || cmp(a.segment.to, b.segment.to));
  const seg = (p: PlacedSegment) => `${formatFraction(p.segment.from)}:${formatFraction(p.segment.to)}`;
  let prev: PlacedSegment | undefined;
  for (const p of sorted) {
    const end = prev?.segment.to;
    if (end === undefined) {
      if (p.segment.from.num !== 0n) throw mergeInputError(p.source, `starts at segment ${seg(p)}: no result covers 0:${formatFraction(p.segment.from)}`, 'add the missing segment\'s result');
    } else if (cmp(p.segment.from, end) < 0) {
      throw mergeInputError(p.source, `segment ${seg(p)} overlaps segment ${seg(prev!)} of ${prev!.source}`, 'each segment of the run once: did a segment run twice, or are two runs mixed?');
    } else if (cmp(p.segment.from, end) > 0) {
      throw mergeInputError(p.source, `segment ${seg(p)} leaves a gap after segment ${seg(prev!)} of ${prev!.source}: ${formatFraction(end)}:${formatFraction(p.segment.from)} is missing`, 'add the missing segment\'s result');
    }
    prev = p;
  }
  const last = sorted[sorted.length - 1]!;
  if (cmp(last.segment.to, { num: 1n, den: 1n }) !== 0) throw mergeInputError(last.source, `ends at segment ${seg(last)}: no result covers ${formatFraction(last.segment.to)}:1`, 'add the missing segment\'s result');
  return sorted;
}
