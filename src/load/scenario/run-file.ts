import { fileURLToPath } from 'node:url';
import type { BuiltinRequest } from './builtin-get.js';
import { startScenarioRun, type ScenarioRun } from './engine.js';
import { compileScenarioFile, importAll, type CompiledScenarioFile } from './loader.js';
import { resolveScenarios, type ResolveSettings } from './resolve.js';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { optionsFingerprint, type SplitRun } from '../segment/run-identity.js';
import type { ServerMetricsOptions } from '../server/options.js';
import type { ProtocolChoice } from '../preflight.js';

export interface ScriptedRunOptions extends ResolveSettings {
  /** Absolute paths of scenario files (run together, each scenario with its own executor); none: the built-in one-request scenario. */
  files?: string[];
  cwd: string;
  baseUrl: URL | undefined;
  /** For the built-in scenario: the request to send (path relative to baseUrl's origin). */
  request?: BuiltinRequest;
  workers: number;
  insecure: boolean;
  /** --http1 / --http2 (load.protocol); default auto. */
  protocol?: ProtocolChoice;
  /** --streams (load.streams): HTTP/2 requests in flight per connection. */
  streams?: number;
  /** Connections per origin per worker (default: as many as users). */
  maxConnections?: number;
  /** --execution-segment(-sequence) and --start-at (docs/distributed.md). */
  split?: SplitRun;
  /** Server metrics to scrape during the run (result.server). */
  metrics?: ServerMetricsOptions;
}

export interface PreparedRun {
  run: ScenarioRun;
  /** Remove the compiled module; call after the result (or a failure). */
  dispose(): Promise<void>;
}

const BUILTIN = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './builtin-get.ts' : './builtin-get.js', import.meta.url));

/**
 * Compile and import the scenario file, resolve executors (profile, scale, overrides) and
 * thresholds, run global setup, and start. Start-up cost is dominated by esbuild (tens of ms).
 */
export async function startScriptedRun(o: ScriptedRunOptions): Promise<PreparedRun> {
  const files = o.files ?? [];
  const compiled: CompiledScenarioFile[] = [];
  const dispose = async () => {
    await Promise.all(compiled.map((c) => c.dispose()));
  };
  try {
    for (const f of files) compiled.push(await compileScenarioFile(f, o.cwd));
    if (files.length === 0) compiled.push({ display: 'built-in scenario', bundle: BUILTIN, baseDir: o.cwd, dispose: async () => {} });
    const modules = compiled.map((c) => ({ bundle: c.bundle, baseDir: c.baseDir, display: c.display }));
    const scenarios = await importAll(modules);
    const { plans, thresholds } = resolveScenarios({
      ...o,
      scenarios,
      display: compiled.map((c) => c.display).join(', '),
      baseUrl: files.length ? o.baseUrl : o.baseUrl && new URL(o.baseUrl.origin),
    });
    if (!files.length) for (const p of plans) p.data = o.request ?? { method: 'GET', path: o.baseUrl ? o.baseUrl.pathname + o.baseUrl.search : '/' };
    // More threads than users would idle.
    const maxUsers = plans.reduce((a, p) => a + p.executor.maxUsers, 0);
    const workers = Math.max(1, Math.min(o.workers, maxUsers));
    // Scenario sources and the resolved executors shape the load; setup data and worker counts do not.
    const sources = await Promise.all(files.map(async (f) => createHash('sha256').update(await readFile(f)).digest('hex')));
    const fingerprint = optionsFingerprint({ mode: 'scenario', sources, request: files.length ? null : (o.request ?? null), plans: plans.map((p) => ({ name: p.name, executor: p.executor, startTimeMs: p.startTimeMs, baseUrl: p.baseUrl, headers: p.headers, timeoutMs: p.timeoutMs, ...(p.maxRedirects ? { maxRedirects: p.maxRedirects } : {}) })), profile: o.profile?.name ?? null, ...(o.protocol !== undefined && o.protocol !== 'auto' ? { protocol: o.protocol } : {}), ...(o.streams !== undefined && o.streams !== 1 ? { streams: o.streams } : {}) });
    const run = await startScenarioRun({
      split: o.split,
      fingerprint,
      modules,
      scenarios,
      plans,
      target: o.baseUrl?.href ?? plans[0]!.baseUrl,
      workers,
      insecure: o.insecure,
      ...(o.protocol !== undefined ? { protocol: o.protocol } : {}),
      ...(o.streams !== undefined ? { streams: o.streams } : {}),
      thresholds,
      graceMs: Math.min(o.timeoutMs, 2000),
      maxConnections: o.maxConnections,
      profile: o.profile?.name,
      spike: o.profile?.spike,
      metrics: o.metrics,
    });
    return { run, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
