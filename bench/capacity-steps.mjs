#!/usr/bin/env node
// Capacity search vs a linear ramp, against the same loopback server with a known knee (a bounded pool of 2
// connections each held 40 ms: 50 req/s). Both use the same engine, threshold and 2-second steps; the linear ramp
// climbs by 5% of the knee per step (the search's resolution) until a step fails. Prints the steps each needed and
// the knee each found. Needs `npm run build` first. About a minute on an idle machine.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolveCapacity } from '../dist/load/capacity/options.js';
import { runCapacity } from '../dist/load/capacity/run.js';

const SERVER = fileURLToPath(new URL('../test/fixtures/load/capacity/knee-server.mjs', import.meta.url));
const KNEE = 50;
const child = spawn(process.execPath, [SERVER, 'pool', '2', '40'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((r) => child.stdout.once('data', (d) => r(JSON.parse(d.toString()).port)));
const flags = { startRate: '5', maxRate: '1000', stepDuration: '2s', timeLimit: '10m', threshold: ['p(95)<250'], workers: '1' };
const plan = resolveCapacity(`http://127.0.0.1:${port}/`, flags, undefined, undefined, process.cwd());

const run = async (label, planner) => {
  const t0 = performance.now();
  const r = await runCapacity({ ...plan, planner, pauseMs: 300 });
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${String(r.steps.length).padStart(3)} steps  ${s.toFixed(0).padStart(4)} s  capacity ${r.maxRate} req/s (knee between ${r.maxRate} and ${r.failedAt}; true knee ${KNEE})`);
  return r;
};
try {
  console.log(`capacity search vs linear ramp, knee ${KNEE} req/s, 2 s steps, p(95)<250`);
  await run('search (double, then bisect to 5%)', undefined);
  const inc = KNEE * 0.05;
  await run(`linear ramp (+${inc} req/s per step)`, (steps) => {
    if (steps.length > 0 && !steps.at(-1).passed) return null;
    return { rate: 5 + inc * steps.length, phase: 'ramp' };
  });
} finally {
  child.kill('SIGTERM');
}
