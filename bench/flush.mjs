// The generator's once-a-second flush (issue 16): a worker encodes its slice (SliceRecorder.flushSlices) and the
// parent adds it (Aggregate.merge + complete), on the event loop that sends. 45 requests a second with phases,
// as in test/load/distributed.test.ts; `split` keeps per-second histograms as a segment does.
// Usage: npm run build && node bench/flush.mjs [split] [requestsPerSecond]
import { Aggregate } from '../dist/load/aggregate.js';
import { SliceRecorder } from '../dist/load/slice-recorder.js';

const split = process.argv[2] === 'split';
const perSecond = Number(process.argv[3] ?? 45);
const agg = new Aggregate(1, [{ name: 'GET /', method: 'GET' }], split);
const rec = new SliceRecorder(0);
const timing = { h2: false, newConnection: false, dns: 0, connect: 0, tls: -1, send: 0.1, ttfb: 3, receive: 0.05 };
const rows = [];
for (let s = 0; s < 12; s++) {
  for (let i = 0; i < perSecond; i++) rec.response(s * 1000 + (i * 1000) / perSecond, 0, 2 + (i % 20 < 14 ? 0 : i % 20 < 19 ? 8 : 28) + Math.random(), 200, 120, false, timing);
  const a = performance.now();
  const slices = rec.flushSlices();
  const b = performance.now();
  agg.merge(0, slices);
  agg.complete(0, s);
  rows.push([s, (b - a).toFixed(3), (performance.now() - b).toFixed(3)]);
}
console.log('second  encode ms  merge+complete ms');
for (const [s, e, m] of rows) console.log(String(s).padStart(6), e.padStart(10), m.padStart(18));
