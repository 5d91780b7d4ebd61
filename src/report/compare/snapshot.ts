import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { LoadVitals } from '../../core/load-result.js';
import { VITALS_SCHEMA, type PagesVitals, type VitalsResult } from '../../core/vitals.js';
import type { EndpointFigures, RunSnapshot } from './compare.js';
import { pageVitalsFigures } from './vitals.js';

interface LoadLike {
  schema?: string;
  startedAt?: string;
  totals: { rps: number; errorRate: number };
  latencyMs: { p50: number; p95: number; p99: number };
  endpoints?: { name: string; rps: number; errorRate: number; latencyMs: { p50: number; p95: number; p99: number } }[];
  vitals?: LoadVitals;
}

/** idle and under load of a run's pages part or of `gonogo load --vitals`. */
const pagesOf = (v: PagesVitals | LoadVitals | null | undefined) => (v ? [...pageVitalsFigures(v.idle, 'idle'), ...pageVitalsFigures(v.underLoad, 'under load')] : []);

/**
 * Read one side of a comparison: a run folder (its report.json), a run report.json, the JSON of
 * `gonogo load --out`, or of `gonogo vitals --format json` / `--out`. `where` names the argument in errors.
 */
export async function readSnapshot(arg: string, cwd: string, where: string): Promise<RunSnapshot> {
  let file = path.resolve(cwd, arg);
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'report.json');
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`, { where, hint: 'give a run folder (.gonogo/runs/<timestamp>), its report.json, a `gonogo load --out` JSON file, or a `gonogo vitals --format json` result' });
  }
  const d = doc as Record<string, unknown>;
  if (d.schema === 'gonogo/run-report@1') {
    const loads = (d.loads as { name: string; result: LoadLike }[]).map((l) => ({ name: l.name, endpoints: figures(l.result) }));
    const findings = (d.findings as RunSnapshot['findings']).map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, fingerprint: f.fingerprint }));
    return { label: arg, startedAt: (d.startedAt as string) ?? null, verdict: (d.verdict as string) ?? null, loads, pages: pagesOf(d.vitals as PagesVitals | null | undefined), findings };
  }
  if (d.schema === 'gonogo/load-result@1') {
    const load = d as unknown as LoadLike;
    return { label: arg, startedAt: (d.startedAt as string) ?? null, verdict: null, loads: [{ name: 'load', endpoints: figures(load) }], pages: pagesOf(load.vitals), findings: [] };
  }
  if (d.schema === VITALS_SCHEMA) {
    return { label: arg, startedAt: (d.startedAt as string) ?? null, verdict: null, loads: [], pages: pageVitalsFigures(d as unknown as VitalsResult, 'idle'), findings: [] };
  }
  throw new UsageError(`${file} is not a gonogo run report, load result or vitals result (schema ${JSON.stringify(d.schema ?? null)})`, { where, hint: `expected schema gonogo/run-report@1, gonogo/load-result@1 or ${VITALS_SCHEMA}` });
}

function figures(r: LoadLike): EndpointFigures[] {
  const all: EndpointFigures = { name: 'all', rps: r.totals.rps, p50: r.latencyMs.p50, p95: r.latencyMs.p95, p99: r.latencyMs.p99, errorRate: r.totals.errorRate };
  const eps = (r.endpoints ?? []).map((e) => ({ name: e.name, rps: e.rps, p50: e.latencyMs.p50, p95: e.latencyMs.p95, p99: e.latencyMs.p99, errorRate: e.errorRate }));
  return [all, ...eps];
}
