/** The parts of an OSV record (schema 1.6, https://ossf.github.io/osv-schema/) the matcher reads. */

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' | string;
  events: OsvEvent[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  /** OSV 1.7: the ids this record is derived from (Debian and Alpine records carry the CVE here, not in aliases). */
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  /** Advisories, fixes, reports: `type` is ADVISORY, FIX, REPORT, WEB, PACKAGE, ... */
  references?: { type?: string; url?: string }[];
  database_specific?: Record<string, unknown>;
}

/** Every id a record goes by: its own, its aliases and its upstream ids. */
export function recordIds(r: OsvRecord): string[] {
  return [r.id, ...(r.aliases ?? []), ...(r.upstream ?? [])];
}

export function isOsvRecord(v: unknown): v is OsvRecord {
  return typeof v === 'object' && v !== null && typeof (v as OsvRecord).id === 'string' && (Array.isArray((v as OsvRecord).affected) || (v as OsvRecord).affected === undefined);
}
