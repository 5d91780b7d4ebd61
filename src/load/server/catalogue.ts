import { KNOWN_FAMILY_PREFIXES, METRIC_FAMILIES, type MetricFamilyRow } from '../../core/metric-families.js';

/**
 * Lookups over the one list of well-known families (core/metric-families.ts, which the monitoring
 * kit's alerts read too). Within one source, the first row that matches a resource.role wins (p99
 * lag before the mean).
 */
export type CatalogueEntry = MetricFamilyRow;
export const CATALOGUE: readonly CatalogueEntry[] = METRIC_FAMILIES;

const BY_FAMILY = new Map<string, CatalogueEntry[]>();
for (const e of CATALOGUE) BY_FAMILY.set(e.family, [...(BY_FAMILY.get(e.family) ?? []), e]);

/** The catalogue rows a sample matches (family name and label filters). */
export function catalogueRows(name: string, labels: Record<string, string>): CatalogueEntry[] {
  const rows = BY_FAMILY.get(name);
  if (!rows) return [];
  return rows.filter((r) => labelsMatch(r.labels, labels));
}

/** A family name with catalogue rows (which may still not match its labels). */
export function isCatalogued(name: string): boolean {
  return BY_FAMILY.has(name);
}

/** A family from an exporter the catalogue knows (used or deliberately not). */
export function isKnownFamily(name: string): boolean {
  return BY_FAMILY.has(name) || KNOWN_FAMILY_PREFIXES.some((p) => name.startsWith(p));
}

/** Every catalogued family name (the Prometheus catalogue query asks for exactly these). */
export function catalogueFamilies(): string[] {
  return [...BY_FAMILY.keys()];
}

/** Priority of a row within its resource.role (lower wins). */
export function rowRank(e: CatalogueEntry): number {
  return CATALOGUE.indexOf(e);
}

function labelsMatch(want: Record<string, string> | undefined, have: Record<string, string>): boolean {
  if (!want) return true;
  for (const [k, v] of Object.entries(want)) {
    const got = have[k] ?? '';
    if (v.startsWith('!') ? got === v.slice(1) || (v === '!' && got === 'POD') : got !== v) return false;
  }
  return true;
}
