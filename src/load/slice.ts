import type { Histogram } from 'hdr-histogram-js';
import { ERROR_CLASSES } from './error-class.js';
import { addSparseBuckets, newHistogram, wireBuckets } from '../core/hdr.js';
import { PHASES } from '../core/load-result.js';

/**
 * What one endpoint did during one 1-second slice of the run. Workers fill these, encode them
 * and post them; the parent merges them. Every field adds, so partial flushes merge exactly.
 */
export interface EndpointSlice {
  hist: Histogram;
  requests: number;
  errors: number;
  /** Indexed like ERROR_CLASSES. */
  errorClasses: number[];
  /** status code -> count */
  statuses: Map<number, number>;
  bytes: number;
  /** Responses that came over HTTP/2 (the rest came over HTTP/1.1). */
  h2: number;
  /** Indexed like PHASES; created on the first timed response (the timeline's seconds never get one). */
  phases?: Histogram[];
  /** Streamed responses (--sse): time to the first event, gaps between events (µs), events and streams counted. */
  stream?: StreamStats;
}

export interface StreamStats {
  first: Histogram;
  gap: Histogram;
  events: number;
  /** Streamed responses that ended (with at least one event). */
  streams: number;
}

/** How a histogram travels from a worker to the parent: bucket pairs (core/hdr.ts wireBuckets), [] when empty. */
export type WireHistogram = number[];

export interface EncodedStreamStats<H = WireHistogram> {
  first: H;
  gap: H;
  events: number;
  streams: number;
}

export function newStreamStats(): StreamStats {
  return { first: newHistogram(), gap: newHistogram(), events: 0, streams: 0 };
}

function encodeStream(st: StreamStats): EncodedStreamStats {
  return { first: wireBuckets(st.first), gap: wireBuckets(st.gap), events: st.events, streams: st.streams };
}

/**
 * Add an encoded stream summary into `into` (created when missing): a worker's bucket pairs, or (with
 * `addInto`) the compressed histograms of a result that `gonogo merge` reads.
 */
export function addStream<H = WireHistogram>(into: Pick<EndpointSlice, 'stream'>, e: EncodedStreamStats<H>, addInto: (h: Histogram, enc: H) => void = addSparseBuckets as (h: Histogram, enc: H) => void): void {
  const st = (into.stream ??= newStreamStats());
  st.events += e.events;
  st.streams += e.streams;
  addInto(st.first, e.first);
  addInto(st.gap, e.gap);
}

export interface EncodedEndpointSlice {
  ep: number;
  hist: WireHistogram;
  requests: number;
  errors: number;
  errorClasses: number[];
  statuses: [number, number][];
  bytes: number;
  h2: number;
  /** Indexed like PHASES, [] for a phase with no sample. */
  phases?: WireHistogram[];
  stream?: EncodedStreamStats;
}

export interface EncodedSlice {
  index: number;
  endpoints: EncodedEndpointSlice[];
}

export function newEndpointSlice(): EndpointSlice {
  return { hist: newHistogram(), requests: 0, errors: 0, errorClasses: new Array<number>(ERROR_CLASSES.length).fill(0), statuses: new Map(), bytes: 0, h2: 0 };
}

export function encodeEndpointSlice(ep: number, s: EndpointSlice): EncodedEndpointSlice {
  const e: EncodedEndpointSlice = { ep, hist: wireBuckets(s.hist), requests: s.requests, errors: s.errors, errorClasses: s.errorClasses.slice(), statuses: [...s.statuses], bytes: s.bytes, h2: s.h2 };
  if (s.phases) e.phases = encodePhases(s.phases);
  if (s.stream) e.stream = encodeStream(s.stream);
  return e;
}

export function newPhaseHistograms(): Histogram[] {
  return PHASES.map(() => newHistogram());
}

/** Empty phases (tls on plain http, connection phases once every connection is open) cost nothing to send. */
export function encodePhases(hs: readonly Histogram[]): WireHistogram[] {
  return hs.map(wireBuckets);
}

/** Add encoded phase histograms into `into` (created when missing). */
export function addPhases(into: EndpointSlice, encoded: readonly WireHistogram[]): void {
  const hs = (into.phases ??= newPhaseHistograms());
  encoded.forEach((e, i) => {
    if (hs[i] !== undefined) addSparseBuckets(hs[i], e);
  });
}

/** Add the counts of an encoded slice (its histogram is added apart). */
export function addCounts(into: EndpointSlice, e: EncodedEndpointSlice): void {
  into.requests += e.requests;
  into.errors += e.errors;
  into.bytes += e.bytes;
  into.h2 += e.h2 ?? 0;
  for (let i = 0; i < e.errorClasses.length; i++) into.errorClasses[i]! += e.errorClasses[i]!;
  for (const [code, n] of e.statuses) into.statuses.set(code, (into.statuses.get(code) ?? 0) + n);
}
