import type { Histogram } from 'hdr-histogram-js';
import { decodeHistogram, newHistogram } from '../../core/hdr.js';
import { PHASES, type PhasesHdr, type PhasesMs, type StreamResult } from '../../core/load-result.js';
import { phaseFields, streamResult } from '../result.js';
import { addStream, type StreamStats } from '../slice.js';

/**
 * Per-phase timings, streamed-response figures and protocol counts of one scope (the whole run or one
 * endpoint), added up across segments: phase and stream histograms add exactly (phasesHdr,
 * stream.firstEventHdr / eventGapHdr), counts sum. A result with percentiles but no histograms (written
 * by hand, or before the histograms existed) cannot be added: `add` names those fields, the caller keeps
 * them per segment, and the merged result leaves that block out rather than show a partial one.
 */
export class ProtocolMerge {
  phases: Histogram[] | undefined;
  stream: StreamStats | undefined;
  protocols: Map<string, number> | undefined;
  private phasesInexact = false;
  private streamInexact = false;

  /** `r`: a result or one of its endpoints. Returns the fields it could not add exactly (kept per segment by the caller). */
  add(r: { phasesMs?: PhasesMs; phasesHdr?: PhasesHdr; stream?: StreamResult; protocols?: Record<string, number> }): string[] {
    const skipped: string[] = [];
    if (r.phasesHdr) {
      const hs = (this.phases ??= PHASES.map(() => newHistogram()));
      PHASES.forEach((p, i) => addEncoded(hs[i]!, r.phasesHdr![p]));
    } else if (r.phasesMs) {
      this.phasesInexact = true;
      skipped.push('phasesMs');
    }
    if (r.stream) {
      if (typeof r.stream.firstEventHdr !== 'string' || typeof r.stream.eventGapHdr !== 'string') {
        this.streamInexact = true;
        skipped.push('stream');
      } else addStream(this, { first: r.stream.firstEventHdr, gap: r.stream.eventGapHdr, events: r.stream.events, streams: r.stream.streams }, addEncoded);
    }
    if (r.protocols) {
      const m = (this.protocols ??= new Map());
      for (const [k, n] of Object.entries(r.protocols)) m.set(k, (m.get(k) ?? 0) + n);
    }
    return skipped;
  }

  /** The merged fields, as one run writes them (absent when no segment had them). */
  fields(): { phasesMs?: PhasesMs; phasesHdr?: PhasesHdr; stream?: StreamResult; protocols?: Record<string, number> } {
    return {
      ...(this.phasesInexact ? {} : phaseFields(this)),
      ...(this.stream && !this.streamInexact ? { stream: streamResult(this.stream) } : {}),
      ...(this.protocols ? { protocols: Object.fromEntries(this.protocols) } : {}),
    };
  }

  /** Whether `metric` is one this scope answers (phase:*, stream:*). */
  static owns(metric: string): boolean {
    return metric.startsWith('phase:') || metric.startsWith('stream:');
  }

  /** Streamed events counted (stream:events), undefined when no stream was timed. */
  events(): number | undefined {
    return this.streamInexact ? undefined : this.stream?.events;
  }

  /** The histogram of `phase:NAME` (index into PHASES), or of `stream:first_event` / `stream:event_gap`; undefined when never timed. */
  hist(metric: string): Histogram | undefined {
    if (metric.startsWith('phase:') ? this.phasesInexact : this.streamInexact) return undefined;
    let h: Histogram | undefined;
    if (metric === 'stream:first_event') h = this.stream?.first;
    else if (metric === 'stream:event_gap') h = this.stream?.gap;
    else if (metric.startsWith('phase:')) h = this.phases?.[PHASES.indexOf(metric.slice(6) as (typeof PHASES)[number])];
    return h && h.totalCount > 0 ? h : undefined;
  }
}

function addEncoded(into: Histogram, encoded: string | undefined): void {
  if (!encoded) return;
  const h = decodeHistogram(encoded);
  into.add(h);
  h.destroy();
}
