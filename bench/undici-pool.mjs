#!/usr/bin/env node
// The HTTP client gonogo chose not to build on, measured the same way: a closed-model loop over
// undici's Pool (keep-alive, no pipelining), latency into an HDR histogram, JSON on stdout.
//   node bench/undici-pool.mjs URL CONNECTIONS SECONDS
import { build } from 'hdr-histogram-js';
import { Pool } from 'undici';

const [url, c = '50', secs = '10'] = process.argv.slice(2);
const target = new URL(url);
const pool = new Pool(target.origin, { connections: Number(c), pipelining: 1 });
const hist = build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 3 });
let requests = 0;
let errors = 0;
const t0 = performance.now();
const end = t0 + Number(secs) * 1000;
async function loop() {
  while (performance.now() < end) {
    const start = performance.now();
    try {
      const res = await pool.request({ path: target.pathname + target.search, method: 'GET' });
      await res.body.dump();
      if (res.statusCode >= 400) errors++;
      hist.recordValue(Math.max(1, Math.round((performance.now() - start) * 1000)));
    } catch {
      errors++;
    }
    requests++;
  }
}
await Promise.all(Array.from({ length: Number(c) }, loop));
const elapsed = (performance.now() - t0) / 1000;
await pool.close();
console.log(JSON.stringify({ requests, errors, rps: requests / elapsed, p50Ms: hist.getValueAtPercentile(50) / 1000, p99Ms: hist.getValueAtPercentile(99) / 1000 }));
