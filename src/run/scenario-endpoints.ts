import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProbeEndpoint } from '../core/config/probe-section.js';
import type { GonogoConfig } from '../core/config/schema.js';

const CALL = /\.http\.(get|post|put|patch|del|delete)\(\s*(['"`])(\/[^'"`$\s]*)\2/g;

/**
 * Endpoints the config already names for the probe's discovery: `load.url` and the literal paths of
 * `vu.http.get('/x')`-style calls in the load scenarios. The scenarios are read as text, never run;
 * a path built at run time (`/items/${id}`) is not seen. An unreadable scenario is the load part's
 * error to report, so it is skipped here.
 */
export async function configEndpoints(config: GonogoConfig, root: string, target: string | undefined): Promise<ProbeEndpoint[]> {
  const out: ProbeEndpoint[] = [];
  const load = config.load;
  if (load?.url && target) {
    const u = new URL(load.url, target);
    if (u.origin === new URL(target).origin) out.push({ method: load.method ?? 'GET', path: `${u.pathname}${u.search}` });
  }
  const files = load?.scenario === undefined ? [] : Array.isArray(load.scenario) ? load.scenario : [load.scenario as string];
  for (const file of files) {
    const text = await readFile(path.resolve(root, file), 'utf8').catch(() => '');
    out.push(...scenarioEndpoints(text));
  }
  return out;
}

/** The literal request paths of one scenario's source text. */
export function scenarioEndpoints(source: string): ProbeEndpoint[] {
  return [...source.matchAll(CALL)].map((m) => ({ method: m[1] === 'del' ? 'DELETE' : m[1]!.toUpperCase(), path: m[3]! }));
}
