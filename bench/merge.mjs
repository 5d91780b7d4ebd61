#!/usr/bin/env node
// `gonogo merge` on a fleet's results: N segment results (default 100) of a 20-minute open-model run at
// 1,000 req/s in all, two endpoints, per-second histograms as segmented runs write them. Times the merge in
// process (best of 3) and through the CLI, and checks memory stays flat: the heap after merging 100 files
// against 10. Figures to bench/out/merge-latest.json. Needs `npm run build`.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(HERE, '..', 'dist');
const { newHistogram, encodeHistogram, sparseBuckets, summariseMs } = await import(path.join(DIST, 'core/hdr.js'));
const { mergeResultFiles } = await import(path.join(DIST, 'load/merge/merge-files.js'));

const N = Number(process.env.BENCH_SEGMENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1200);
const RATE = 1000;
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const latencyUs = () => Math.round((rnd() < 0.9 ? 3000 + rnd() * 4000 : 20000 + rnd() * 60000));

function segmentResult(i, N) {
  const per = RATE / N;
  const grand = newHistogram();
  const eps = [newHistogram(), newHistogram()];
  const timeline = [];
  let requests = 0;
  for (let t = 0; t < SECONDS; t++) {
    const sec = newHistogram();
    const n = Math.floor(per * (t + 1)) - Math.floor(per * t);
    for (let k = 0; k < n; k++) {
      const v = latencyUs();
      sec.recordValue(v); grand.recordValue(v); eps[k % 2].recordValue(v);
    }
    requests += n;
    const at = (p) => (sec.totalCount ? sec.getValueAtPercentile(p) / 1000 : 0);
    timeline.push({ t, requests: n, errors: 0, rps: n, p50: at(50), p95: at(95), p99: at(99), bytes: n * 200, hist: sparseBuckets(sec) });
    sec.destroy();
  }
  const pts = Array.from({ length: N + 1 }, (_, k) => (k === 0 ? '0' : k === N ? '1' : `${k}/${N}`));
  const ep = (name, h) => ({ name, requests: h.totalCount, errors: 0, errorRate: 0, rps: h.totalCount / SECONDS, latencyMs: summariseMs(h), latencyHdr: encodeHistogram(h), statusCodes: { 200: h.totalCount }, errorClasses: {}, bytesReceived: h.totalCount * 200 });
  const gen = { workers: 1, connections: 10, cpuPercent: 20, eventLoopUtilization: [0.2], eventLoopDelayP99Ms: 2, eventLoopDelayMaxMs: 5, late: 0, lateNoConnection: 0, dropped: 0, maxSendLagMs: 1, interrupted: 0, connectionsOpened: 10, bottleneck: false, reasons: [] };
  return {
    schema: 'gonogo/load-result@1', target: 'http://svc:8080/', model: 'open', startedAt: '2026-12-04T09:00:00.000Z', durationMs: SECONDS * 1000,
    options: { method: 'GET', connections: 1000, rate: RATE, workers: 1, timeoutMs: 10000, durationMs: SECONDS * 1000 },
    totals: { requests, errors: 0, rps: requests / SECONDS, errorRate: 0, bytesReceived: requests * 200, late: 0, dropped: 0, interrupted: 0 },
    latencyMs: summariseMs(grand), latencyHdr: encodeHistogram(grand), statusCodes: { 200: requests }, errorClasses: {},
    endpoints: [ep('GET /a', eps[0]), ep('GET /b', eps[1])], timeline,
    thresholds: [{ metric: 'http_req_duration', expression: 'p(95)<500', actual: 1, ok: true, abortOnFail: false }], passed: true, aborted: null, generator: gen,
    execution: { segment: `${pts[i]}:${pts[i + 1]}`, sequence: pts.join(','), optionsFingerprint: 'sha256:bench', startAt: null, lateStartMs: 0 },
  };
}

const dir = process.env.BENCH_DIR ?? mkdtempSync(path.join(tmpdir(), 'gonogo-bench-merge-'));
try {
  let bytes = 0;
  // The same run split two ways: N segments and N/10 segments (same requests per second in all).
  const makeSet = (n) => {
    const sub = path.join(dir, `n${n}`);
    mkdirSync(sub, { recursive: true });
    return Array.from({ length: n }, (_, i) => {
      const f = path.join(sub, `seg${i}.json`);
      const text = JSON.stringify(segmentResult(i, n));
      if (n === N) bytes += text.length;
      writeFileSync(f, text);
      return f;
    });
  };
  const files = makeSet(N);
  const fewer = makeSet(Math.max(1, Math.round(N / 10)));
  const times = [];
  const cpus = [];
  let merged;
  for (let r = 0; r < 3; r++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    merged = await mergeResultFiles(files);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  // Memory: merging the run split N/10 ways against N ways, each in a fresh process.
  const heap = (set) => {
    const code = `const { mergeResultFiles } = await import(${JSON.stringify(path.join(DIST, 'load/merge/merge-files.js'))}); const sub = ${JSON.stringify(set)}; let peak = 0; const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5); try { await mergeResultFiles(sub); } catch {} clearInterval(t); peak = Math.max(peak, process.memoryUsage().heapUsed); console.log(JSON.stringify({ peak, rss: process.memoryUsage().rss }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  const m10 = heap(fewer);
  const m100 = heap(files);
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, [path.join(DIST, 'cli/main.js'), 'merge', ...files, '--out', path.join(dir, 'merged.json')], { encoding: 'utf8' });
  const cliMs = performance.now() - t0;
  const figures = {
    segments: N, seconds: SECONDS, inputMB: +(bytes / 1e6).toFixed(1), requests: merged.totals.requests,
    mergeMsBest: +Math.min(...times).toFixed(0), mergeMsAll: times.map((t) => +t.toFixed(0)), mergeCpuMsBest: +Math.min(...cpus).toFixed(0), cliWallMs: +cliMs.toFixed(0), cliExit: cli.status,
    heapPeakMB10pct: +(m10.peak / 1e6).toFixed(1), heapPeakMB100pct: +(m100.peak / 1e6).toFixed(1), loadavg: (await import('node:os')).loadavg().map((x) => +x.toFixed(1)),
  };
  console.log(`merge: ${N} segments x ${SECONDS} s (${figures.inputMB} MB JSON, ${figures.requests} requests): ${figures.mergeMsBest} ms in process (best of 3: ${figures.mergeMsAll.join(', ')}; CPU ${figures.mergeCpuMsBest} ms), CLI ${figures.cliWallMs} ms wall (exit ${cli.status})`);
  console.log(`memory: peak heap ${figures.heapPeakMB10pct} MB merging the run as ${fewer.length} segments, ${figures.heapPeakMB100pct} MB as ${N}; load average ${figures.loadavg.join(' ')}`);
  mkdirSync(path.join(HERE, 'out'), { recursive: true });
  writeFileSync(path.join(HERE, 'out', 'merge-latest.json'), JSON.stringify(figures, null, 2));
  process.exitCode = figures.mergeMsBest < 1000 ? 0 : 1;
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
