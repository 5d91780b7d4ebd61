/**
 * The resource alerts and the infrastructure dashboard name exporter families only through here, so
 * they watch exactly the families of core's one list (the same the load engine maps during a run),
 * with the same label filters and saturation points. A family missing from the list throws at build
 * time instead of silently watching nothing.
 */
import { METRIC_FAMILIES, SATURATION, familyMatchers, type MetricFamilyRow } from '../../core/metric-families.js';
import type { ServerResource, ServerRole } from '../../core/server-metrics.js';

export { SATURATION };

function rowOf(family: string, role?: ServerRole, resource?: ServerResource): MetricFamilyRow {
  const row = METRIC_FAMILIES.find((r) => r.family === family && (role === undefined || r.role === role) && (resource === undefined || r.resource === resource));
  if (!row) throw new Error(`${family}${role ? ` (${resource ?? ''}.${role})` : ''} is not in core/metric-families.ts`);
  return row;
}

/** The family's name (checked against the list), without its label filters: for alerts that watch every series. */
export function family(name: string): string {
  return rowOf(name).family;
}

/** The family with the row's label filters and `extra` matchers, e.g. `node_cpu_seconds_total{mode="idle"}`. */
export function selector(name: string, opts: { role?: ServerRole; resource?: ServerResource; extra?: readonly string[] } = {}): string {
  const row = rowOf(name, opts.role, opts.resource);
  const m = [...familyMatchers(row), ...(opts.extra ?? [])];
  return m.length ? `${row.family}{${m.join(',')}}` : row.family;
}

/** A ratio as PromQL writes it (no float noise: 1 - 0.9 is 0.1). */
export const num = (x: number): string => String(Math.round(x * 1e6) / 1e6);
/** A ratio as people read it: 0.85 -> "85%". */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
