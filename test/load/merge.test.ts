import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHistogram, summariseMs } from '../../src/core/hdr.js';
import { GonogoError } from '../../src/core/errors.js';
import { mergeResults } from '../../src/load/merge/merge-files.js';
import { spikeRecovery } from '../../src/load/profiles/recovery.js';
import { stripeCount, stripeIndex, stripes, fillSequence, parseSequence } from '../../src/load/segment/execution-segment.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { resultFromSamples, type Samples } from './segment-results.js';

/** Seeded samples: a latency mix (80% ~5 ms, 20% ~40 ms) over `seconds` seconds and two endpoints. */
function samples(n: number, seconds: number, seed = 7): Samples {
  let a = seed;
  const r = () => ((a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({ endpoint: i % 3 === 0 ? 'GET /a' : 'GET /b', second: Math.floor((i * seconds) / n), ms: (r() < 0.8 ? 4 : 38) + r() * 3 }));
}

/** Deal the samples to the segments of `seq` as the executors deal arrivals: sample i goes to the segment whose stripe takes i. */
function split(all: Samples, seq: string): Samples[] {
  const ss = stripes(fillSequence(parseSequence(seq)));
  return ss.map((s) => {
    const out: Samples = [];
    for (let j = 0; stripeIndex(s, j) < all.length; j++) out.push(all[stripeIndex(s, j)]!);
    expect(out.length).toBe(stripeCount(s, all.length));
    return out;
  });
}

function segmentsOf(seq: string): string[] {
  const pts = seq.split(',');
  return pts.slice(1).map((p, i) => `${pts[i]}:${p}`);
}

describe('merge is exact', () => {
  it('merged totals, percentiles, endpoints and per-second timeline equal one result of all samples', () => {
    for (const seq of ['0,1/3,2/3,1', '0,1/10,1/2,3/4,1', '0,25%,50%,1']) {
      const all = samples(3000, 5);
      const whole = resultFromSamples(all);
      const parts = split(all, seq).map((s, i) => ({ source: `seg${i}.json`, result: resultFromSamples(s, { segment: segmentsOf(seq)[i], sequence: seq }) }));
      const m = mergeResults(parts.reverse());
      expect(m.totals.requests).toBe(3000);
      expect(m.latencyMs).toEqual(whole.latencyMs);
      expect(summariseMs(decodeHistogram(m.latencyHdr))).toEqual(whole.latencyMs);
      for (const e of whole.endpoints) {
        const got = m.endpoints.find((x) => x.name === e.name)!;
        expect(got.requests).toBe(e.requests);
        expect(got.latencyMs).toEqual(e.latencyMs);
      }
      expect(m.timeline.map((p) => [p.t, p.requests, p.p50, p.p95, p.p99])).toEqual(whole.timeline.map((p) => [p.t, p.requests, p.p50, p.p95, p.p99]));
      expect(m.segments!.map((s) => s.segment)).toEqual(segmentsOf(seq));
      expect(m.execution).toMatchObject({ segment: '0:1', sequence: seq });
      expect(m.passed).toBe(true);
    }
  });

  it('evaluates --threshold on the merged figures (fail -> passed false)', () => {
    const all = samples(1000, 2);
    const parts = split(all, '0,1/2,1').map((s, i) => ({ source: `s${i}`, result: resultFromSamples(s, { segment: ['0:1/2', '1/2:1'][i], sequence: '0,1/2,1' }) }));
    const m = mergeResults(parts, [{ input: 'p(95)<10', where: '--threshold #1' }, { input: 'http_reqs: count==1000', where: '--threshold #2' }]);
    expect(m.thresholds.map((t) => [t.expression, t.ok])).toEqual([['p(95)<10', false], ['count==1000', true]]);
    expect(m.thresholds[0]!.actual).toBe(resultFromSamples(all).latencyMs.p95);
    expect(m.passed).toBe(false);
  });

  it('keeps each segment\'s generator health and says which segment was saturated', () => {
    const all = samples(600, 2);
    const parts = split(all, '0,1/3,2/3,1').map((s, i) => ({ source: `pod-${i}.json`, result: resultFromSamples(s, { segment: segmentsOf('0,1/3,2/3,1')[i], bottleneck: i === 1 }) }));
    const m = mergeResults(parts);
    expect(m.generator.bottleneck).toBe(true);
    expect(m.generator.reasons[0]).toMatch(/saturated load generator in segment 1\/3:2\/3/);
    expect(m.generator.reasons.some((r) => r.startsWith('segment 1/3:2/3 (pod-1.json): a worker'))).toBe(true);
    expect(m.segments!.map((s) => s.generator.bottleneck)).toEqual([false, true, false]);
  });

  it('keeps fields it does not know per segment and says so (server metrics, new client fields)', () => {
    const [a, b] = split(samples(200, 1), '0,1/2,1').map((s, i) => resultFromSamples(s, { segment: ['0:1/2', '1/2:1'][i], sequence: '0,1/2,1' }));
    const server = { samples: [1, 2] };
    // phasesMs without phasesHdr cannot be added exactly: kept per segment, not shown half-merged.
    const withExtra = (r: typeof a) => ({ ...r!, server, vitals: { lcp: 3 }, endpoints: r!.endpoints.map((e) => ({ ...e, phasesMs: { connect: 1 } })) });
    const m = mergeResults([{ source: 'a', result: withExtra(a) as unknown as typeof a & {} }, { source: 'b', result: withExtra(b) as unknown as typeof a & {} }]);
    expect(m.segments![0]!.unmerged).toMatchObject({ server, vitals: { lcp: 3 } });
    expect((m.segments![0]!.unmerged!.endpoints as { phasesMs: unknown }[])[0]!.phasesMs).toEqual({ connect: 1 });
    expect(m.endpoints[0]!.phasesMs).toBeUndefined();
    expect((m as unknown as { server: unknown }).server).toEqual(server);
    expect(m.mergeNotes.join('\n')).toMatch(/vitals: not added across segments/);
    expect(m.mergeNotes.join('\n')).toMatch(/phasesMs/);
  });
});

describe('merge adds per-phase timings, streams and protocols exactly', () => {
  const seq = '0,1/3,2/3,1';
  // The encodings of equal histograms may differ in layout; what they hold is compared decoded.
  const strip = (r: { phasesMs?: unknown; stream?: { firstEventHdr: string; eventGapHdr: string }; protocols?: unknown }) => ({
    phasesMs: r.phasesMs,
    stream: r.stream && { ...r.stream, firstEventHdr: summariseMs(decodeHistogram(r.stream.firstEventHdr)), eventGapHdr: summariseMs(decodeHistogram(r.stream.eventGapHdr)) },
    protocols: r.protocols,
  });

  it('phasesMs, stream and protocols of the merge equal one result of all samples (whole run and per endpoint)', () => {
    const all = samples(3000, 5);
    const whole = resultFromSamples(all, { protocolFields: true });
    const parts = split(all, seq).map((s, i) => ({ source: `seg${i}.json`, result: resultFromSamples(s, { segment: segmentsOf(seq)[i], sequence: seq, protocolFields: true }) }));
    const m = mergeResults(parts);
    expect(whole.phasesMs!.connect.count).toBeGreaterThan(0);
    expect(strip(m)).toEqual(strip(whole));
    // The encoded histograms decode to the union: the same figures, so a merge of merges stays exact.
    expect(summariseMs(decodeHistogram(m.phasesHdr!.ttfb))).toEqual(summariseMs(decodeHistogram(whole.phasesHdr!.ttfb)));
    for (const e of whole.endpoints) expect(strip(m.endpoints.find((x) => x.name === e.name)!)).toEqual(strip(e));
    expect(m.protocols).toEqual({ 'http/1.1': whole.protocols!['http/1.1'], h2: whole.protocols!.h2 });
    expect(m.mergeNotes).toEqual([]);
    expect(m.segments!.every((s) => s.unmerged === undefined)).toBe(true);
  });

  it('phase: and stream: thresholds are judged on the merged figures: a ttfb bound one segment passes and a connection count every segment passes fail on the whole run', () => {
    // Segment 0 is slow in ttfb, segment 1 fast: the bound sits between, so segment 1 passes it and the merge does not.
    const slow = samples(400, 2, 3).map((x) => ({ ...x, ms: x.ms + 30 }));
    const fast = samples(1600, 2, 5).map((x) => ({ ...x, ms: 4 + (x.ms % 3) }));
    const segs = [slow, fast].map((s, i) => resultFromSamples(s, { segment: ['0:1/2', '1/2:1'][i], sequence: '0,1/2,1', protocolFields: true }));
    const whole = resultFromSamples([...slow, ...fast], { protocolFields: true });
    const ttfbP95 = whole.phasesMs!.ttfb.p95;
    expect(segs[1]!.phasesMs!.ttfb.p95).toBeLessThan(ttfbP95 - 1);
    const bound = Math.floor(ttfbP95 - 1);
    // Every segment opened fewer connections than the bound; together they opened more.
    const connects = segs.map((s) => s.phasesMs!.connect.count);
    const maxConnects = Math.max(...connects) + 1;
    expect(connects.reduce((a, n) => a + n, 0)).toBeGreaterThan(maxConnects);
    const m = mergeResults(segs.map((result, i) => ({ source: `s${i}`, result })), [
      { input: `phase:ttfb p(95)<${bound}`, where: '--threshold #1' },
      { input: `phase:connect count<${maxConnects}`, where: '--threshold #2' },
      { input: `stream:first_event p(99)<${whole.stream!.firstEventMs.p99 + 1}`, where: '--threshold #3' },
      { input: `stream:events count==${whole.stream!.events}`, where: '--threshold #4' },
      { input: 'phase:ttfb{name:GET /a} max<1000', where: '--threshold #5' },
    ]);
    expect(m.thresholds.map((t) => [t.metric, t.ok])).toEqual([['phase:ttfb', false], ['phase:connect', false], ['stream:first_event', true], ['stream:events', true], ['phase:ttfb{name:GET /a}', true]]);
    expect(m.thresholds[4]!.actual).toBe(whole.endpoints.find((e) => e.name === 'GET /a')!.phasesMs!.ttfb.max);
    expect(m.thresholds[0]!.actual).toBe(ttfbP95);
    expect(m.thresholds[1]!.actual).toBe(whole.phasesMs!.connect.count);
    expect(m.passed).toBe(false);
  });
});

describe('merge recomputes spike recovery on the merged timeline', () => {
  const shape = { baseUsers: 1, peakUsers: 10, baselineMs: 3000, rampUpMs: 1000, holdMs: 2000, rampDownMs: 1000, afterMs: 8000 };
  /** 50 requests a second at `p95s[t]` ms (a few faster), one endpoint. */
  const spikeSamples = (p95s: number[], seed: number): Samples => p95s.flatMap((ms, second) => samples(50, 1, seed + second).map((x, i) => ({ ...x, endpoint: 'GET /', second, ms: i % 10 === 0 ? ms : ms * 0.8 })));

  it('two segments that recover at different times: the merged recovery is the one of all samples, not a segment\'s', () => {
    // The spike ends at 7 s; segment 0 is back at 5 ms from 8 s, segment 1 only from 11 s.
    const a = spikeSamples([5, 5, 5, 40, 80, 90, 60, 50, 5, 5, 5, 5, 5, 5, 5], 1);
    const b = spikeSamples([5, 5, 5, 40, 80, 90, 60, 50, 40, 40, 40, 5, 5, 5, 5], 2);
    const segs = [a, b].map((x, i) => {
      const r = resultFromSamples(x, { segment: ['0:1/2', '1/2:1'][i], sequence: '0,1/2,1' });
      return { source: `s${i}`, result: { ...r, recovery: spikeRecovery(r.timeline, shape) } };
    });
    const whole = resultFromSamples([...a, ...b]);
    const want = spikeRecovery(whole.timeline, shape);
    const m = mergeResults(segs) as unknown as (typeof segs)[0]['result'];
    expect(segs.map((s) => s.result.recovery.timeToRecoverMs)).toEqual([1000, 4000]);
    expect(m.recovery).toEqual(want);
    expect(m.recovery.timeToRecoverMs).toBe(4000);
    expect(m.segments!.every((s) => s.unmerged === undefined)).toBe(true);
  });

  it('a recovery without its spike shape (an older result) is kept per segment', () => {
    const segs = [spikeSamples([5, 5, 5, 40, 5, 5, 5, 5, 5], 1), spikeSamples([5, 5, 5, 40, 5, 5, 5, 5, 5], 2)].map((x, i) => {
      const r = resultFromSamples(x, { segment: ['0:1/2', '1/2:1'][i], sequence: '0,1/2,1' });
      const { shape: _, ...old } = spikeRecovery(r.timeline, shape);
      return { source: `s${i}`, result: { ...r, recovery: old } };
    });
    const m = mergeResults(segs) as { recovery?: unknown } & ReturnType<typeof mergeResults>;
    expect(m.recovery).toBeUndefined();
    expect(m.segments![1]!.unmerged!.recovery).toEqual(segs[1]!.result.recovery);
    expect(m.mergeNotes.join('\n')).toMatch(/recovery/);
  });
});

describe('merge refuses what does not add up (exit 2, naming the file)', () => {
  const seq = '0,1/3,2/3,1';
  const parts = () => split(samples(300, 1), seq).map((s, i) => resultFromSamples(s, { segment: segmentsOf(seq)[i], sequence: seq }));
  const expectMergeError = (fn: () => unknown, file: string, what: RegExp) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(GonogoError);
      expect((e as GonogoError).code).toBe('GONOGO_MERGE_INPUT');
      expect((e as GonogoError).exitCode).toBe(2);
      expect((e as GonogoError).message.startsWith(`${file}:`)).toBe(true);
      expect((e as GonogoError).message).toMatch(what);
      return;
    }
    throw new Error('expected a merge error');
  };

  it('overlap, gap, missing end, other target, other options, other sequence', () => {
    const [a, b, c] = parts();
    expectMergeError(() => mergeResults([{ source: 'a', result: a! }, { source: 'a2', result: a! }, { source: 'b', result: b! }, { source: 'c', result: c! }]), 'a2', /overlaps segment 0:1\/3 of a/);
    expectMergeError(() => mergeResults([{ source: 'a', result: a! }, { source: 'c', result: c! }]), 'c', /gap .*1\/3:2\/3 is missing/);
    expectMergeError(() => mergeResults([{ source: 'a', result: a! }, { source: 'b', result: b! }]), 'b', /no result covers 2\/3:1/);
    expectMergeError(() => mergeResults([{ source: 'b', result: b! }, { source: 'c', result: c! }]), 'b', /no result covers 0:1\/3/);
    expectMergeError(() => mergeResults([{ source: 'a', result: a! }, { source: 'x', result: { ...b!, target: 'http://127.0.0.1:9/' } }]), 'x', /targets http:\/\/127.0.0.1:9\//);
    expectMergeError(() => mergeResults([{ source: 'a', result: a! }, { source: 'y', result: { ...b!, execution: { ...b!.execution!, optionsFingerprint: 'sha256:other' } } }]), 'y', /other options/);
    expectMergeError(() => mergeResults([{ source: 'a', result: a! }, { source: 'z', result: { ...b!, execution: { ...b!.execution!, sequence: null } } }]), 'z', /sequence/);
  });

  it('the CLI exits 2 naming a truncated, a foreign, a missing file; 1 on a failed threshold; 0 otherwise', async () => {
    const dir = tmpDir('gonogo-merge-');
    const files = parts().map((r, i) => {
      const f = path.join(dir, `seg${i}.json`);
      writeFileSync(f, JSON.stringify(r));
      return f;
    });
    const truncated = path.join(dir, 'truncated.json');
    writeFileSync(truncated, JSON.stringify(parts()[2]).slice(0, 500));
    const foreign = path.join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ metrics: { http_reqs: { count: 3 } } }));
    for (const [bad, what] of [[truncated, /not valid JSON/], [foreign, /not a complete gonogo load result/], [path.join(dir, 'nope.json'), /cannot read/]] as const) {
      const r = await runCli(['merge', files[0]!, files[1]!, bad]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('GONOGO_MERGE_INPUT');
      expect(r.stderr).toContain(bad);
      expect(r.stderr).toMatch(what);
      expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    }
    const out = path.join(dir, 'merged.json');
    const ok = await runCli(['merge', ...files, '--out', out, '--threshold', 'p(95)<500']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/merged from 3 segments/);
    const failed = await runCli(['merge', ...files, '--threshold', 'p(95)<1']);
    expect(failed.code).toBe(1);
    // The merged result is a load result like any other: merging it alone gives it back.
    const again = await runCli(['merge', out, '--out', '-']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).totals.requests).toBe(300);
    // `gonogo run --load-result` judges the merged result like a load part it ran itself.
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), 'run:\n  parts: [load]\n');
    const gate = await runCli(['run', '--load-result', out, '--out', path.join(dir, 'run')], { cwd: dir });
    expect([0, 1], gate.stderr).toContain(gate.code);
    const report = JSON.parse(readFileSync(path.join(dir, 'run', 'report.json'), 'utf8')) as { loads: { result: { segments: unknown[]; totals: { requests: number } } }[]; checks: { id: string }[] };
    expect(report.loads[0]!.result.totals.requests).toBe(300);
    expect(report.loads[0]!.result.segments).toHaveLength(3);
    expect(report.checks.some((c) => c.id === 'load.generator')).toBe(true);
  }, 60_000);
});
