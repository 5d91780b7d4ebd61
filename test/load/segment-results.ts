import { decodeHistogram, encodeHistogram, newHistogram, sparseBuckets, summariseMs } from '../../src/core/hdr.js';

/** The engine's histograms reach the parent encoded (workers post them): summarise what survives that, as it does. */
const posted = (h: ReturnType<typeof newHistogram>) => decodeHistogram(encodeHistogram(h));
import { PHASES, type LoadResult, type PhasesHdr, type StreamResult } from '../../src/core/load-result.js';
import { phaseFields, streamResult } from '../../src/load/result.js';

/**
 * What a run with phase timing and --sse would add for these samples, derived from each latency: ttfb
 * 90%, receive 10%, send 20 µs; a new connection (dns, connect, tls) on every 7th µs value; a stream
 * per request with its first event at half the latency and one gap of a quarter (2 events); h2 on even µs.
 */
function protocolFields(samples: Samples): { phasesMs: LoadResult['phasesMs']; phasesHdr: PhasesHdr; stream: StreamResult; protocols: Record<string, number> } {
  const phases = PHASES.map(() => newHistogram());
  const st = { first: newHistogram(), gap: newHistogram(), events: 0, streams: 0 };
  let h2 = 0;
  for (const s of samples) {
    const us = Math.round(s.ms * 1000);
    const rec = (p: (typeof PHASES)[number], v: number) => phases[PHASES.indexOf(p)]!.recordValue(Math.max(1, Math.round(v)));
    if (us % 7 === 0) for (const p of ['dns', 'connect', 'tls'] as const) rec(p, us / 20);
    rec('send', 20);
    rec('ttfb', us * 0.9);
    rec('receive', us * 0.1);
    st.first.recordValue(Math.round(us / 2));
    st.gap.recordValue(Math.round(us / 4));
    st.events += 2;
    st.streams++;
    if (us % 2 === 0) h2++;
  }
  const f = phaseFields({ phases: phases.map(posted) });
  return { phasesMs: f.phasesMs!, phasesHdr: f.phasesHdr!, stream: streamResult({ ...st, first: posted(st.first), gap: posted(st.gap) }), protocols: { 'http/1.1': samples.length - h2, h2 } };
}

/** Latencies (ms) per second and endpoint: what one segment "measured". */
export type Samples = { endpoint: string; second: number; ms: number }[];

const GEN = { workers: 1, connections: 4, cpuPercent: 10, eventLoopUtilization: [0.1], eventLoopDelayP99Ms: 1, eventLoopDelayMaxMs: 2, late: 0, lateNoConnection: 0, dropped: 0, maxSendLagMs: 0, interrupted: 0, connectionsOpened: 4, bottleneck: false, reasons: [] as string[] };

/**
 * A load-result@1 built from raw samples the way the engine builds one (HDR of µs, per-endpoint and
 * per-second histograms), so a test can merge segments and compare with the result of all samples.
 */
export function resultFromSamples(samples: Samples, o: { segment?: string; sequence?: string | null; fingerprint?: string; target?: string; startedAt?: string; perSecondHist?: boolean; bottleneck?: boolean; protocolFields?: boolean } = {}): LoadResult {
  const grand = newHistogram();
  const eps = new Map<string, { h: ReturnType<typeof newHistogram>; n: number }>();
  const secs = new Map<number, { h: ReturnType<typeof newHistogram>; n: number }>();
  for (const s of samples) {
    const us = Math.round(s.ms * 1000);
    grand.recordValue(us);
    let e = eps.get(s.endpoint);
    if (!e) eps.set(s.endpoint, (e = { h: newHistogram(), n: 0 }));
    e.h.recordValue(us);
    e.n++;
    let sec = secs.get(s.second);
    if (!sec) secs.set(s.second, (sec = { h: newHistogram(), n: 0 }));
    sec.h.recordValue(us);
    sec.n++;
  }
  const last = Math.max(-1, ...secs.keys());
  const timeline = Array.from({ length: last + 1 }, (_, t) => {
    const sec = secs.get(t);
    const h = posted(sec?.h ?? newHistogram());
    const at = (p: number) => (h.totalCount ? h.getValueAtPercentile(p) / 1000 : 0);
    return { t, requests: sec?.n ?? 0, errors: 0, rps: sec?.n ?? 0, p50: at(50), p95: at(95), p99: at(99), bytes: (sec?.n ?? 0) * 10, ...(o.perSecondHist === false ? {} : { hist: sparseBuckets(h) }) };
  });
  const n = samples.length;
  return {
    schema: 'gonogo/load-result@1',
    target: o.target ?? 'http://127.0.0.1:8080/',
    model: 'open',
    startedAt: o.startedAt ?? '2026-12-04T09:00:00.000Z',
    durationMs: (last + 1) * 1000,
    options: { method: 'GET', connections: 4, rate: 100, workers: 1, timeoutMs: 10000, durationMs: (last + 1) * 1000 },
    totals: { requests: n, errors: 0, rps: n / (last + 1 || 1), errorRate: 0, bytesReceived: n * 10, late: 0, dropped: 0, interrupted: 0 },
    latencyMs: summariseMs(posted(grand)),
    latencyHdr: encodeHistogram(grand),
    statusCodes: n ? { '200': n } : {},
    errorClasses: {},
    endpoints: [...eps].map(([name, e]) => {
      const extra = o.protocolFields ? protocolFields(samples.filter((s) => s.endpoint === name)) : undefined;
      return { name, requests: e.n, errors: 0, errorRate: 0, rps: e.n, latencyMs: summariseMs(posted(e.h)), latencyHdr: encodeHistogram(e.h), statusCodes: { '200': e.n }, errorClasses: {}, bytesReceived: e.n * 10, ...(extra ? { phasesMs: extra.phasesMs, phasesHdr: extra.phasesHdr, stream: extra.stream } : {}) };
    }),
    ...(o.protocolFields ? protocolFields(samples) : {}),
    timeline,
    thresholds: [{ metric: 'http_req_duration', expression: 'p(95)<500', actual: 1, ok: true, abortOnFail: false }],
    passed: true,
    aborted: null,
    generator: { ...GEN, bottleneck: o.bottleneck === true, reasons: o.bottleneck ? ['a worker\'s event loop was busy 99% of the run'] : [] },
    execution: { segment: o.segment ?? '0:1', sequence: o.sequence === undefined ? '0,1/3,2/3,1' : o.sequence, optionsFingerprint: o.fingerprint ?? 'sha256:abc', startAt: null, lateStartMs: 0 },
  };
}
