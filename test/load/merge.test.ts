import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHistogram, summariseMs } from '../../src/core/hdr.js';
import { GonogoError } from '../../src/core/errors.js';
import { mergeResults } from '../../src/load/merge/merge-files.js';
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
    const withExtra = (r: typeof a) => ({ ...r!, server, protocols: { h2: 3 }, endpoints: r!.endpoints.map((e) => ({ ...e, phasesMs: { connect: 1 } })) });
    const m = mergeResults([{ source: 'a', result: withExtra(a) as unknown as typeof a & {} }, { source: 'b', result: withExtra(b) as unknown as typeof a & {} }]);
    expect(m.segments![0]!.unmerged).toMatchObject({ server, protocols: { h2: 3 } });
    expect((m.segments![0]!.unmerged!.endpoints as { phasesMs: unknown }[])[0]!.phasesMs).toEqual({ connect: 1 });
    expect((m as unknown as { server: unknown }).server).toEqual(server);
    expect(m.mergeNotes.join('\n')).toMatch(/protocols: not added across segments/);
    expect(m.mergeNotes.join('\n')).toMatch(/phasesMs/);
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
