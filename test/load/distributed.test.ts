import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeHistogram, newHistogram, summariseMs } from '../../src/core/hdr.js';
import { CLI, readJson, runCli, tmpDir } from '../helpers/cli.js';
import { requirePrerequisite } from '../helpers/system.js';

/*
 * Several gonogo processes at once, each one execution segment of the same run, against a target with a
 * known latency mix (fixtures/load/distributed/hold-server.mjs): each segment does its share, the merge
 * adds up exactly, and the merged percentiles match the server's own hold times. Rates stay modest: the
 * machine is shared.
 */
const SERVER = fileURLToPath(new URL('../fixtures/load/distributed/hold-server.mjs', import.meta.url));
const RATE = 45;
const SECONDS = 4;
const SEQ = '0,1/3,2/3,1';
const SEGMENTS = ['0:1/3', '1/3:2/3', '2/3:1'];

interface Target {
  url: string;
  stop(): Promise<number[]>;
}

/** Start the hold server (optionally inside a network namespace) and read back its hold times at the end. */
async function startTarget(host: string, prefix: string[] = []): Promise<Target> {
  const dir = tmpDir('gonogo-hold-');
  const holds = path.join(dir, 'holds.json');
  const cmd = [...prefix, process.execPath, SERVER, host, holds];
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  ahead(child.pid);
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`hold server exited with ${code}`)));
  });
  return {
    url: `http://${host}:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve(JSON.parse(readFileSync(holds, 'utf8')) as number[]));
        child.kill('SIGTERM');
      }),
  };
}

/*
 * What separates a response's latency from the server's hold is the loopback round trip outside the hold:
 * the client's write, waking the server, and waking the client on the response (p50 ~0.4 ms on the quiet
 * 2-core VM; the hold server times everything it does, see its header). On a shared machine much of the rest
 * is waiting for a core behind other work, which no measurement inside gonogo can remove; so the test's own
 * processes (target and generators) are scheduled ahead of that work where the OS allows (root: nice -10;
 * CI runs as root). Histogram resolution (0.1%: <= 11 us at 11 ms) and the merge (exact, asserted below) add
 * microseconds at most.
 */
function ahead(pid: number | undefined): void {
  try {
    if (pid !== undefined) os.setPriority(pid, -10);
  } catch {
    /* not root: the default priority */
  }
}

function run(cmd: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const c: ChildProcess = spawn(cmd[0]!, cmd.slice(1), { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    ahead(c.pid);
    let stderr = '';
    c.stderr!.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Nearest-rank percentile of the server's hold times. */
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Run the three segments at once (each via `prefix`, e.g. `ip netns exec NS`), merge, and check the figures. */
async function splitRun(target: Target, prefixes: string[][]): Promise<Gap[]> {
  const dir = tmpDir('gonogo-dist-');
  const startAt = new Date(Date.now() + 3000).toISOString();
  const outs = SEGMENTS.map((_, i) => path.join(dir, `seg${i}.json`));
  const runs = await Promise.all(
    SEGMENTS.map((seg, i) => run([...prefixes[i]!, process.execPath, CLI, 'load', target.url, '-R', String(RATE), '-d', `${SECONDS}s`, '-c', '12', '--workers', '1', '-q', '--execution-segment', seg, '--execution-segment-sequence', SEQ, '--start-at', startAt, '--out', outs[i]!])),
  );
  runs.forEach((r) => expect([0, 1], r.stderr).toContain(r.code));
  const holds = await target.stop();
  const segs = outs.map((f) => readJson(f));
  for (const s of segs) {
    // Each segment's share of the rate, within 10%.
    expect(s.totals.requests / SECONDS).toBeGreaterThanOrEqual((RATE / 3) * 0.9);
    expect(s.totals.requests / SECONDS).toBeLessThanOrEqual((RATE / 3) * 1.1);
    expect(s.execution.startAt).toBe(startAt);
  }
  const merged = path.join(dir, 'merged.json');
  const m = await runCli(['merge', ...outs, '--out', merged]);
  expect(m.code, m.stderr).toBeLessThanOrEqual(1);
  const j = readJson(merged);
  const sum = segs.reduce((a, s) => a + s.totals.requests, 0);
  expect(j.totals.requests).toBe(sum);
  expect(j.totals.requests).toBe(RATE * SECONDS);
  expect(holds.length).toBe(sum);
  // The merge itself, on the segments' real results: exactly the union of their histograms (no tolerance),
  // whole run and per phase. What separates the merged figures from the server's holds below is measurement.
  const union = (encoded: string[]) => {
    const h = newHistogram();
    for (const e of encoded) if (e) h.add(decodeHistogram(e));
    return summariseMs(h);
  };
  expect(j.latencyMs).toEqual(union(segs.map((s) => s.latencyHdr)));
  for (const ph of ['connect', 'send', 'ttfb', 'receive']) {
    expect(j.phasesMs[ph].count, ph).toBe(segs.reduce((a, s) => a + s.phasesMs[ph].count, 0));
    expect(j.phasesMs[ph].p50, ph).toBe(union(segs.map((s) => s.phasesHdr[ph])).p50);
  }
  expect(j.protocols).toEqual({ 'http/1.1': sum, h2: 0 });
  // p99 is left out: on 2 cores shared by 4 processes its tail is the scheduler's, not the merge's.
  return gaps(j.latencyMs, holds);
}

/*
 * The bound: max(5%, 1 ms) of what the server itself held (the request's bytes reaching it to the
 * response handed to the kernel). Figures per attempt: BENCHMARKS.md (GONOGO_TIMING_LOG=FILE writes them).
 * The former ~4 ms gap was the generator's own (its once-a-second flush stalled the event loop, and sends
 * delayed by it were timed from their intended time); both are fixed (test/core/hdr.test.ts,
 * test/load/generator-stall.test.ts).
 */
const bound = (want: number) => Math.max(0.05 * want, 1);

interface Gap {
  key: string;
  got: number;
  want: number;
}

function gaps(latencyMs: Record<string, number>, holds: number[]): Gap[] {
  return ([[50, 'p50'], [90, 'p90']] as const).map(([p, key]) => ({ key, got: latencyMs[key]!, want: pct(holds, p) }));
}

/**
 * Up to ATTEMPTS runs; the first whose p50 and p90 are within the bound passes, and every miss is named with its
 * figures. A machine busy with other work can delay the wake-ups on both sides by more than that (this test runs
 * in the timing pass, after the suite, for that reason): a miss there measures the machine, while a generator
 * that adds its own delay (as it did before: ~4 ms) misses every attempt.
 */
const ATTEMPTS = 5;
/** No new attempt after this long (each takes ~8-15 s; the test's timeout is 120 s). */
const ATTEMPTS_WITHIN_MS = 75_000;
async function withinBound(what: string, attempt: () => Promise<Gap[]>): Promise<void> {
  const misses: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < ATTEMPTS && Date.now() - t0 < ATTEMPTS_WITHIN_MS; i++) {
    const g = await attempt();
    const figures = g.map((x) => `${x.key} ${x.got} ms vs server ${x.want.toFixed(3)} ms`).join(', ');
    // GONOGO_TIMING_LOG=FILE keeps every attempt's figures (how BENCHMARKS.md's pass rates were measured).
    if (process.env.GONOGO_TIMING_LOG) appendFileSync(process.env.GONOGO_TIMING_LOG, `${what} #${i + 1}: ${figures} (load ${os.loadavg()[0]!.toFixed(2)})\n`);
    if (g.every((x) => Math.abs(x.got - x.want) <= bound(x.want))) return;
    misses.push(figures);
  }
  expect.fail(`${what}: no attempt within max(5%, 1 ms) of the server's holds: ${misses.join(' | ')}`);
}

describe('a split run on one machine', () => {
  it('three processes, one segment each: shares within 10%, merged count = sum, merged percentiles = the server\'s holds', async () => {
    await withinBound('three segments merged', async () => splitRun(await startTarget('127.0.0.1'), [[], [], []]));
  }, 120_000);

  it('one process doing the whole run sends what the three segments sent together', async () => {
    await withinBound('one process', async () => {
      const target = await startTarget('127.0.0.1');
      const dir = tmpDir('gonogo-whole-');
      const r = await run([process.execPath, CLI, 'load', target.url, '-R', String(RATE), '-d', `${SECONDS}s`, '-c', '12', '--workers', '1', '-q', '--out', path.join(dir, 'whole.json')]);
      expect([0, 1], r.stderr).toContain(r.code);
      const holds = await target.stop();
      const j = readJson(path.join(dir, 'whole.json'));
      expect(j.totals.requests).toBe(RATE * SECONDS);
      expect(j.execution).toMatchObject({ segment: '0:1', sequence: null });
      return gaps(j.latencyMs, holds);
    });
  }, 120_000);
});

/*
 * The same with each segment in its own network namespace, joined to the target's namespace by a veth
 * pair: separate hosts as far as the network goes. Only addresses this test creates (10.231.x.0/30 and
 * 10.231.0.1); everything is removed afterwards.
 */
const ID = `${process.pid % 10000}`;
const NS = { target: `gng-t-${ID}`, segs: [0, 1, 2].map((i) => `gng-s${i}-${ID}`) };

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

function netnsWorks(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = `gng-probe-${ID}`;
  const ok = spawnSync('ip', ['netns', 'add', probe]).status === 0;
  if (ok) spawnSync('ip', ['netns', 'del', probe]);
  return ok;
}

function cleanNetns(): void {
  for (const ns of [NS.target, ...NS.segs]) spawnSync('ip', ['netns', 'del', ns]);
}

describe('a split run across network namespaces', () => {
  afterAll(cleanNetns);
  const available = netnsWorks();

  it.runIf(requirePrerequisite(available, '`ip netns` (root on Linux)', 'run as root with iproute2 installed'))('segments in separate namespaces, target in its own: same shares, exact merge', async () => {
    cleanNetns();
    ip('netns', 'add', NS.target);
    ip('-n', NS.target, 'link', 'set', 'lo', 'up');
    ip('-n', NS.target, 'addr', 'add', '10.231.0.1/32', 'dev', 'lo');
    NS.segs.forEach((ns, i) => {
      const net = `10.231.${i + 1}`;
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('link', 'add', `gngt${i}${ID}`, 'netns', NS.target, 'type', 'veth', 'peer', 'name', `gngs${i}${ID}`, 'netns', ns);
      ip('-n', NS.target, 'addr', 'add', `${net}.1/30`, 'dev', `gngt${i}${ID}`);
      ip('-n', ns, 'addr', 'add', `${net}.2/30`, 'dev', `gngs${i}${ID}`);
      ip('-n', NS.target, 'link', 'set', `gngt${i}${ID}`, 'up');
      ip('-n', ns, 'link', 'set', `gngs${i}${ID}`, 'up');
      ip('-n', ns, 'route', 'add', '10.231.0.1/32', 'via', `${net}.1`);
    });
    try {
      await withinBound('three segments in namespaces, merged', async () => splitRun(await startTarget('10.231.0.1', ['ip', 'netns', 'exec', NS.target]), NS.segs.map((ns) => ['ip', 'netns', 'exec', ns])));
    } finally {
      cleanNetns();
    }
  }, 150_000);
});
