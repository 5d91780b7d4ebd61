import { parseDuration } from '../core/duration.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { DatabaseUnavailableError, DEMO_DATABASES, KnobsError, startDemoTarget, type DemoDatabase, type DemoTargetOptions, type Knobs } from '../demo/server.js';
import { maskUrlPassword } from '../core/mask.js';
import { databaseUrl } from './database-url.js';
import type { DemoTargetFlags } from './demo-target.js';

/** Flags to startDemoTarget options; every mistake is a UsageError naming its flag. */
export function demoTargetOptions(f: DemoTargetFlags): DemoTargetOptions {
  const opts: DemoTargetOptions = { port: int(f.port, '--port', 0, 65535), host: f.host, quiet: f.quiet === true };
  if (f.data !== undefined) opts.dataDir = f.data;
  if ((f.tlsCert === undefined) !== (f.tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together', { where: f.tlsCert === undefined ? '--tls-key' : '--tls-cert' });
  if (f.tlsCert !== undefined && f.tlsKey !== undefined) opts.tls = { cert: f.tlsCert, key: f.tlsKey };
  if (f.rateLimit !== undefined || f.rateWindow !== undefined) {
    opts.rateLimit = { limit: f.rateLimit === undefined ? 600 : int(f.rateLimit, '--rate-limit', 1, 1e9), windowMs: f.rateWindow === undefined ? 60_000 : parseDuration(f.rateWindow, '--rate-window') };
    if (opts.rateLimit.windowMs < 1) throw new UsageError('--rate-window must be at least 1ms', { where: '--rate-window' });
  }
  if (f.taskConcurrency !== undefined) opts.taskConcurrency = int(f.taskConcurrency, '--task-concurrency', 1, 1000);
  if (!(DEMO_DATABASES as readonly string[]).includes(f.database)) throw new UsageError(`unknown --database "${f.database}"`, { where: '--database', hint: `use one of ${DEMO_DATABASES.join(', ')}` });
  opts.database = f.database as DemoDatabase;
  if (f.databaseUrl !== undefined) {
    opts.databaseUrl = databaseUrl(f.databaseUrl, '--database-url');
    if (opts.database === 'pglite') throw new UsageError('give either --database pglite or --database-url, not both', { where: '--database-url' });
    opts.database = 'postgres';
  } else if (opts.database === 'postgres') throw new UsageError('--database postgres needs --database-url postgres://...', { where: '--database' });
  const knobs: Partial<Knobs> = {};
  if (f.latency !== undefined) knobs.latencyMs = ms(f.latency, '--latency');
  if (f.latencyJitter !== undefined) knobs.latencyJitterMs = ms(f.latencyJitter, '--latency-jitter');
  if (f.routeLatency !== undefined) {
    knobs.routeLatencyMs = {};
    for (const entry of f.routeLatency) {
      const eq = entry.lastIndexOf('=');
      if (eq <= 0 || !entry.startsWith('/')) throw new UsageError(`invalid --route-latency "${entry}"`, { where: '--route-latency', hint: 'use ROUTE=MS, e.g. /api/items=200' });
      knobs.routeLatencyMs[entry.slice(0, eq)] = ms(entry.slice(eq + 1), '--route-latency');
    }
  }
  if (f.errorRate !== undefined) knobs.errorRate = num(f.errorRate, '--error-rate');
  if (f.errorStatus !== undefined) knobs.errorStatus = num(f.errorStatus, '--error-status') as 500 | 503;
  if (f.tokenLatency !== undefined) knobs.tokenLatencyMs = ms(f.tokenLatency, '--token-latency');
  if (f.firstToken !== undefined) knobs.firstTokenMs = ms(f.firstToken, '--first-token');
  if (f.taskDuration !== undefined) knobs.taskDurationMs = ms(f.taskDuration, '--task-duration');
  if (f.dbPoolSize !== undefined) knobs.dbPoolSize = int(f.dbPoolSize, '--db-pool-size', 1, 1000);
  if (f.dbLatency !== undefined) knobs.dbLatencyMs = ms(f.dbLatency, '--db-latency');
  if (f.cacheSize !== undefined) knobs.cacheSize = int(f.cacheSize, '--cache-size', 0, 1_000_000);
  if (!f.filter) knobs.requestFilter = false;
  opts.knobs = knobs;
  return opts;
}

/** `gonogo demo-target` itself, loaded only when the command runs (see demo-target.ts). */
export async function runDemoTarget(flags: DemoTargetFlags): Promise<number> {
  const opts = demoTargetOptions(flags);
  let target;
  try {
    target = await startDemoTarget(opts);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof DatabaseUnavailableError) throw new UsageError(err.message, { where: '--database-url', hint: 'check the host, port, user, password and database name, and that the server accepts connections from here' });
    if (err instanceof KnobsError) throw new UsageError(err.message, { where: 'knob flags', hint: 'see docs/demo-target.md#knobs' });
    if (e.code === 'EADDRINUSE') throw new UsageError(`port ${opts.port} is already in use on ${opts.host}`, { where: '--port', hint: 'pick another port, or --port 0 for any free one' });
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'EACCES') throw new UsageError(`cannot listen on ${opts.host}:${opts.port} (${e.code})`, { where: '--host', hint: 'use a local address such as 127.0.0.1' });
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || /PEM|key|certificate/i.test(e.message ?? '')) throw new UsageError(`cannot use the TLS certificate or key: ${e.message}`, { where: '--tls-cert', hint: 'give PEM files readable by this user' });
    throw err;
  }
  if (opts.quiet) process.stdout.write(`${target.url}\n`);
  else {
    process.stdout.write(
      [
        `gonogo demo target listening on ${target.url}`,
        `  users: ${target.users.map((u) => `${u.username} / ${u.password}`).join(', ')}  (login: POST /api/auth/login)`,
        `  data:  ${target.dataDir}${flags.data === undefined ? ' (temporary)' : ''}, items in ${opts.databaseUrl !== undefined ? `postgres at ${maskUrlPassword(opts.databaseUrl)}` : opts.database}`,
        '  docs:  docs/demo-target.md  -  Ctrl-C to stop',
        '',
      ].join('\n'),
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await target.close();
  return ExitCode.Ok;
}

function num(v: string, flag: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got "${v}"`, { where: flag });
  return n;
}

function int(v: string, flag: string, min: number, max: number): number {
  const n = num(v, flag);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${v}"`, { where: flag });
  return n;
}

/** A bare number is milliseconds; "1s", "250ms" are durations. */
function ms(v: string, flag: string): number {
  return parseDuration(v, flag, 'ms');
}
