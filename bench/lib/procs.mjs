// Child-process bookkeeping for the benchmark: every child is registered so it can be killed on
// exit, SIGINT, SIGTERM or error; tools run with an optional CPU pin, a hard deadline and a
// peak-RSS poller (/proc/<pid>/status VmHWM every 100 ms).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let aborting = false;

export function isAborting() {
  return aborting;
}
export function setAborting() {
  aborting = true;
}

/** Absolute path of an executable on PATH (or in /usr/sbin, /sbin, where nginx lives), or null. */
export function which(name) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** Run a short command synchronously (version probes etc.); never hangs longer than timeoutMs. */
export function probe(cmd, args, timeoutMs = 5000) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/**
 * Decide on CPU pinning: target on core 1, generators on core 0, when taskset exists, there are
 * at least two usable cores and taskset can actually use cores 0 and 1 here.
 */
export function pinningPlan(parallelism) {
  const taskset = which('taskset');
  if (!taskset) return { enabled: false, taskset: null, targetCore: null, generatorCore: null, reason: 'taskset not found (util-linux); running unpinned' };
  if (parallelism < 2) return { enabled: false, taskset, targetCore: null, generatorCore: null, reason: `only ${parallelism} usable core(s); running unpinned` };
  const p = probe(taskset, ['-c', '0,1', 'true']);
  if (p.status !== 0) return { enabled: false, taskset, targetCore: null, generatorCore: null, reason: `taskset cannot use cores 0,1 here (${(p.stderr || String(p.error ?? '')).trim()}); running unpinned` };
  return { enabled: true, taskset, targetCore: 1, generatorCore: 0, reason: 'taskset: target on core 1, each generator on core 0' };
}

/** Command line for `cmd args` pinned to `core` through taskset (which execs, so the pid is cmd's). */
export function pinned(pin, core, cmd, args) {
  if (!pin.enabled || core === null) return { cmd, args };
  return { cmd: pin.taskset, args: ['-c', String(core), cmd, ...args] };
}

/** Spawn and register a child; it is removed from the registry when it exits. */
export function spawnChild(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.on('error', () => children.delete(child));
  return child;
}

/** Wait until the child exits, at most ms; resolves true if it exited. */
export function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL after graceMs. */
export async function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill('SIGTERM');
  } catch {
    /* gone */
  }
  if (await waitExit(child, graceMs)) return;
  try {
    child.kill('SIGKILL');
  } catch {
    /* gone */
  }
  await waitExit(child, 1000);
}

/** Stop every registered child (async: waits for each, escalating to SIGKILL). */
export async function stopAll() {
  await Promise.all([...children].map((c) => stopChild(c)));
}

/** Last resort from a synchronous 'exit' handler: SIGTERM whatever is left (nginx shuts down on it by itself). */
export function killAllSync() {
  for (const c of children) {
    try {
      c.kill('SIGTERM');
    } catch {
      /* gone */
    }
  }
}

/** VmHWM (peak resident set) of a live pid in kB, or null. */
export function readVmHwmKb(pid) {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** utime+stime of a live pid in seconds (assumes USER_HZ = 100, as on every Linux build), or null. */
export function readCpuSec(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of a pid plus its direct children (nginx master + worker), or null. */
export function cpuTreeSec(pid) {
  const own = readCpuSec(pid);
  if (own === null) return null;
  let kids = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    /* no children file: count the pid alone */
  }
  return kids.reduce((sum, k) => sum + (readCpuSec(k) ?? 0), own);
}

/** Per-core busy and total jiffies from /proc/stat ({ cpu0: { busy, total }, ... }), or null. */
export function coreTicks() {
  try {
    const out = {};
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      const m = /^(cpu\d+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const [user, nice, system, idle, iowait, irq, softirq, steal] = m[2].trim().split(/\s+/).map(Number);
      const busy = user + nice + system + irq + softirq + (steal || 0);
      out[m[1]] = { busy, total: busy + idle + (iowait || 0), steal: steal || 0 };
    }
    return out;
  } catch {
    return null;
  }
}

/** Busy % of each core between two coreTicks() snapshots (steal, if the hypervisor reports it, included). */
export function coreBusyPercent(a, b) {
  if (!a || !b) return null;
  const out = {};
  for (const k of Object.keys(b)) {
    if (!a[k]) continue;
    const dt = b[k].total - a[k].total;
    out[k] = dt > 0 ? (100 * (b[k].busy - a[k].busy)) / dt : null;
  }
  return out;
}

/**
 * Run one generator to completion: capture stdout/stderr, poll VmHWM every 100 ms, kill it if it
 * outlives timeoutMs. Resolves { code, signal, stdout, stderr, peakRssKb, cpuSec, timedOut, wallMs };
 * cpuSec is the CPU time seen at the last poll (up to 100 ms short of the total).
 */
export function runTool(cmd, args, { timeoutMs, cwd }) {
  return new Promise((resolve, reject) => {
    if (aborting) return reject(new Error('aborted'));
    const started = performance.now();
    const child = spawnChild(cmd, args, { cwd });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let cpuSec = null;
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
    const sample = () => {
      if (child.pid === undefined) return;
      const kb = readVmHwmKb(child.pid);
      if (kb !== null && kb > peak) peak = kb;
      const cpu = readCpuSec(child.pid);
      if (cpu !== null && (cpuSec === null || cpu >= cpuSec)) cpuSec = cpu;
    };
    const poll = setInterval(sample, 100);
    child.once('spawn', sample);
    const deadline = setTimeout(() => {
      timedOut = true;
      void stopChild(child, 2000);
    }, timeoutMs);
    child.once('error', (err) => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new Error(`cannot start ${cmd}: ${err.message}`));
    });
    // 'close' (not 'exit') so stdout has been read to the end.
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(deadline);
      resolve({ code, signal, stdout, stderr, peakRssKb: peak || null, cpuSec, timedOut, wallMs: performance.now() - started });
    });
  });
}
