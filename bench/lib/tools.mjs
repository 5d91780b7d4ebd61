// The load generators under comparison: how to run each one and how to read its figures.
// Every tool is spawned directly (node or wrk, optionally through taskset, which execs), never
// through npx or a shell, so the pid we poll for VmHWM is the generator's own.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { probe, which } from './procs.mjs';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** wrk prints durations like 512.00us, 1.23ms, 2.00s, 1.00m: to milliseconds. */
export function wrkDurationMs(text) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]];
  return n * scale;
}

/** Parse `wrk --latency` output. Throws if the figures are missing. */
export function parseWrk(stdout) {
  const rpsM = /^Requests\/sec:\s+([\d.]+)/m.exec(stdout);
  const p50M = /^\s+50%\s+(\S+)/m.exec(stdout);
  const p99M = /^\s+99%\s+(\S+)/m.exec(stdout);
  if (!rpsM || !p50M || !p99M) throw new Error('could not find Requests/sec and the 50%/99% latency lines in wrk output');
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  const totalM = /^\s+(\d+) requests in ([\d.]+\w+)/m.exec(stdout);
  const socketErrors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    rps: Number(rpsM[1]),
    p50Ms: wrkDurationMs(p50M[1]),
    p99Ms: wrkDurationMs(p99M[1]),
    errors: socketErrors + (non2xx ? Number(non2xx[1]) : 0),
    requests: totalM ? Number(totalM[1]) : null,
    detail: { socketErrors: sock ? { connect: +sock[1], read: +sock[2], write: +sock[3], timeout: +sock[4] } : null, non2xx3xx: non2xx ? Number(non2xx[1]) : 0 },
  };
}

/** Parse `autocannon --json` output (the last JSON line on stdout). */
export function parseAutocannon(stdout) {
  const line = stdout.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error('no JSON on autocannon stdout');
  const j = JSON.parse(line);
  const total = j.requests?.total;
  const rps = typeof total === 'number' && j.duration > 0 ? total / j.duration : j.requests?.average;
  if (typeof rps !== 'number' || typeof j.latency?.p50 !== 'number' || typeof j.latency?.p99 !== 'number') throw new Error('autocannon JSON lacks requests / latency.p50 / latency.p99');
  return {
    rps,
    p50Ms: j.latency.p50,
    p99Ms: j.latency.p99,
    // autocannon's `errors` already includes timeouts; non-2xx answers count as errors here too.
    errors: (j.errors ?? 0) + (j.non2xx ?? 0),
    requests: total ?? null,
    detail: { requestsAverage: j.requests?.average ?? null, durationSec: j.duration, errors: j.errors ?? 0, timeouts: j.timeouts ?? 0, non2xx: j.non2xx ?? 0, resets: j.resets ?? 0 },
  };
}

/** Parse gonogo's --out JSON (schema gonogo/load-result@1). */
export function parseGonogo(file) {
  const j = readJson(file);
  if (typeof j.totals?.rps !== 'number' || typeof j.latencyMs?.p50 !== 'number') throw new Error(`${file} lacks totals.rps / latencyMs.p50`);
  return {
    rps: j.totals.rps,
    p50Ms: j.latencyMs.p50,
    p99Ms: j.latencyMs.p99,
    errors: j.totals.errors,
    requests: j.totals.requests,
    detail: { durationMs: j.durationMs, statusCodes: j.statusCodes, errorClasses: j.errorClasses, generator: j.generator },
  };
}

/**
 * The tools available on this machine, in run order. Each has name, version, argv(url, c, secs,
 * tmpDir) -> { cmd, args }, okExit(code), and parse(run, tmpDir, c).
 */
export function availableTools(root) {
  const gonogoMain = path.join(root, 'dist', 'cli', 'main.js');
  const acMain = path.join(root, 'node_modules', 'autocannon', 'autocannon.js');
  const pkgVersion = (dir) => {
    try {
      return readJson(path.join(dir, 'package.json')).version;
    } catch {
      return 'unknown';
    }
  };
  const gonogoOut = (tmpDir, c) => path.join(tmpDir, `gonogo-c${c}.json`);
  const tools = [
    {
      name: 'gonogo',
      version: pkgVersion(root),
      required: true,
      entry: gonogoMain,
      argv: (url, c, secs, tmpDir) => {
        rmSync(gonogoOut(tmpDir, c), { force: true }); // never read a previous run's (e.g. the warm-up's) file
        return { cmd: process.execPath, args: [gonogoMain, 'load', url, '-c', String(c), '-d', `${secs}s`, '--workers', '1', '-q', '--out', gonogoOut(tmpDir, c)] };
      },
      // 1 = a threshold failed (none are set here, but the figures are still valid).
      okExit: (code) => code === 0 || code === 1,
      parse: (_run, tmpDir, c) => parseGonogo(gonogoOut(tmpDir, c)),
    },
    {
      name: 'autocannon',
      version: pkgVersion(path.join(root, 'node_modules', 'autocannon')),
      required: true,
      entry: acMain,
      argv: (url, c, secs) => ({ cmd: process.execPath, args: [acMain, '-c', String(c), '-d', String(secs), '--json', url] }),
      okExit: (code) => code === 0,
      parse: (run) => parseAutocannon(run.stdout),
    },
  ];
  const undiciScript = path.join(root, 'bench', 'undici-pool.mjs');
  tools.push({
    // Not a peer: the client library gonogo measured before choosing raw sockets.
    name: 'undici-pool',
    version: pkgVersion(path.join(root, 'node_modules', 'undici')),
    required: false,
    entry: undiciScript,
    argv: (url, c, secs) => ({ cmd: process.execPath, args: [undiciScript, url, String(c), String(secs)] }),
    okExit: (code) => code === 0,
    parse: (run) => {
      const j = JSON.parse(run.stdout.trim().split('\n').pop());
      return { rps: j.rps, p50Ms: j.p50Ms, p99Ms: j.p99Ms, errors: j.errors, requests: j.requests, detail: {} };
    },
  });
  const wrk = which('wrk');
  if (wrk) {
    const v = probe(wrk, ['-v']);
    const m = /wrk\s+(\S+)/.exec(v.stdout + v.stderr);
    tools.push({
      name: 'wrk',
      version: m ? m[1] : 'unknown',
      required: false,
      entry: wrk,
      argv: (url, c, secs) => ({ cmd: wrk, args: ['-t1', `-c${c}`, `-d${secs}s`, '--timeout', '10s', '--latency', url] }),
      okExit: (code) => code === 0,
      parse: (run) => parseWrk(run.stdout),
    });
  }
  return tools;
}
