#!/usr/bin/env node
// `node bench/server-metrics.mjs`: what scraping server metrics costs the load generator (issue 14: scraping 5
// targets at 1 s adds < 2% to the generator's CPU). A child process serves the load target and 5 metrics endpoints
// (prom-client default metrics + HikariCP-style pool gauges, ~10 KB each, as a Node service exposes them). In this
// process:
//   1. the sampler alone scrapes the 5 endpoints every second for SM_BENCH_SECONDS (default 8): its CPU per second;
//   2. a load run (quick mode, one inline worker, 10 connections) without --metrics: the generator's CPU;
//   3. the same run with the 5 endpoints scraped every second: the generator's CPU with the sampler.
// The cost is (1) / (2), the sampler measured on its own (steady, whatever else the machine does); (3) - (2) is the
// same figure from two loaded runs and carries their noise. Results: bench/out/server-metrics-latest.json.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.SM_BENCH_SECONDS ?? 8);
const TARGETS = 5;

const SERVERS = `import http from 'node:http';
import client from ${JSON.stringify(path.join(ROOT, 'node_modules/prom-client/index.js'))};
const ports = [];
const listen = (h) => new Promise((r) => { const s = http.createServer(h); s.listen(0, '127.0.0.1', () => { ports.push(s.address().port); r(); }); });
await listen((req, res) => res.end('ok'));
for (let i = 0; i < ${TARGETS}; i++) {
  const reg = new client.Registry();
  client.collectDefaultMetrics({ register: reg });
  for (const n of ['active', 'idle', 'max', 'pending']) new client.Gauge({ name: 'hikaricp_connections_' + n, help: n, labelNames: ['pool'], registers: [reg] }).set({ pool: 'main' }, 5);
  await listen(async (req, res) => { res.setHeader('content-type', reg.contentType); res.end(await reg.metrics()); });
}
console.log(JSON.stringify(ports));`;

const child = spawn(process.execPath, ['--input-type=module', '-e', SERVERS], { stdio: ['ignore', 'pipe', 'inherit'] });
const ports = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(JSON.parse(String(d)))));
const target = `http://127.0.0.1:${ports[0]}/`;
const urls = ports.slice(1).map((p) => `http://127.0.0.1:${p}/metrics`);
const bodyBytes = (await (await globalThis.fetch(urls[0])).text()).length;

const { ServerSampler } = await import(path.join(ROOT, 'dist/load/server/sampler.js'));
const { startLoad } = await import(path.join(ROOT, 'dist/load/engine.js'));
const cpuMs = (u) => (u.user + u.system) / 1000;
const metrics = { urls, intervalMs: 1000 };

// 1. The sampler alone, after a 2 s warm-up (first connections, JIT) that a run of any length pays once.
const warm = new ServerSampler(metrics, performance.timeOrigin + performance.now()).start();
await new Promise((r) => setTimeout(r, 2000));
warm.stop();
const c0 = process.cpuUsage();
const sampler = new ServerSampler(metrics, performance.timeOrigin + performance.now()).start();
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const log = sampler.stop();
const samplerMs = cpuMs(process.cpuUsage(c0));
const scrapes = log.sources.reduce((a, s) => a + s.ok, 0);

// 2. and 3. Load runs without and with metrics.
async function run(withMetrics) {
  const opts = { url: new URL(target), method: 'GET', headers: {}, connections: 10, durationMs: SECONDS * 1000, rate: null, workers: 1, timeoutMs: 5000, insecure: false, maxRedirects: 0, thresholds: [], ...(withMetrics ? { metrics } : {}) };
  const c = process.cpuUsage();
  const r = await (await startLoad(opts)).result;
  return { cpuMs: cpuMs(process.cpuUsage(c)), requests: r.totals.requests, scrapes: r.server?.sources.reduce((a, s) => a + s.ok, 0) ?? 0 };
}
const plain = await run(false);
const watched = await run(true);
child.kill();

const perSec = samplerMs / SECONDS;
const generatorPerSec = plain.cpuMs / SECONDS;
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cores: os.availableParallelism(),
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  seconds: SECONDS,
  targets: TARGETS,
  bodyBytes,
  samplerAlone: { cpuMs: Math.round(samplerMs), cpuMsPerSecond: Math.round(perSec * 10) / 10, scrapes },
  loadWithout: { cpuMs: Math.round(plain.cpuMs), requests: plain.requests },
  loadWith: { cpuMs: Math.round(watched.cpuMs), requests: watched.requests, scrapes: watched.scrapes },
  costPercentOfGenerator: Math.round((perSec / generatorPerSec) * 10000) / 100,
  differentialPercent: Math.round(((watched.cpuMs / Math.max(1, watched.requests) - plain.cpuMs / Math.max(1, plain.requests)) / (plain.cpuMs / Math.max(1, plain.requests))) * 10000) / 100,
};
process.stdout.write(
  table(
    ['measure', 'CPU ms', 'requests', 'scrapes'],
    [
      [`sampler alone, ${TARGETS} targets at 1 s, ${SECONDS} s`, String(result.samplerAlone.cpuMs), '-', String(scrapes)],
      ['load run without --metrics', String(result.loadWithout.cpuMs), String(plain.requests), '0'],
      [`load run with ${TARGETS} --metrics`, String(result.loadWith.cpuMs), String(watched.requests), String(watched.scrapes)],
    ],
  ) + '\n',
);
result.percentOfBusyCore = Math.round(perSec / 10 * 100) / 100;
process.stdout.write(`\nsampler: ${result.samplerAlone.cpuMsPerSecond} ms CPU per second for ${TARGETS} targets (${bodyBytes} B each) = ${result.percentOfBusyCore}% of one busy generator core (1000 ms/s), ${result.costPercentOfGenerator}% of what this run's generator got (${Math.round(generatorPerSec)} ms/s)` + `\nwith vs without, CPU per request: ${result.differentialPercent >= 0 ? '+' : ''}${result.differentialPercent}% (two loaded runs: noisy)\nload average ${result.loadAverage.join(' ')} on ${result.cores} cores\n`);
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/server-metrics-latest.json'), JSON.stringify(result, null, 2) + '\n');
