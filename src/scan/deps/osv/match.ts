import type { Ecosystem } from '../types.js';
import type { OsvAffected, OsvEvent, OsvRange } from './record.js';
import { ecosystemScheme, schemeForRange, type VersionScheme } from './versions.js';

export interface AffectedMatch {
  /** Versions that fix it (from `fixed` events above the installed version), ascending. */
  fixed: string[];
  /** Highest `last_affected` at or above the installed version, when the record gives one instead of a fix. */
  lastAffected?: string;
}

/**
 * Is `version` of this package affected by one `affected[]` entry? Follows the OSV evaluation
 * rules: the explicit `versions` list, plus each SEMVER/ECOSYSTEM range walked in version order —
 * `introduced` opens an affected interval ("0" = from the start), `fixed` closes it (exclusive),
 * `last_affected` closes it after that version (inclusive). `limit` and GIT ranges are ignored.
 */
export function matchAffected(entry: OsvAffected, ecosystem: Ecosystem, version: string): AffectedMatch | undefined {
  let hit = false;
  let usableRanges = false;
  const fixed = new Set<string>();
  let lastAffected: string | undefined;
  for (const range of entry.ranges ?? []) {
    const scheme = schemeForRange(range.type, ecosystem, version);
    if (!scheme) continue;
    usableRanges = true;
    if (inRange(range, scheme, version)) hit = true;
    for (const e of range.events) {
      if (e.fixed !== undefined && scheme.valid(e.fixed) && scheme.compare(e.fixed, version) > 0) fixed.add(e.fixed);
      if (e.last_affected !== undefined && scheme.valid(e.last_affected) && scheme.compare(e.last_affected, version) >= 0) lastAffected = e.last_affected;
    }
  }
  if (!hit && entry.versions && entry.versions.length > 0) {
    // The exact string first; an equal spelling ("1.0" for "1.0.0") through the canonical set. When the entry
    // has ranges the list is derived from them (as in PyPA's data), so the set is only built for list-only entries.
    if (entry.versions.includes(version)) hit = true;
    else if (!usableRanges) {
      const canon = ecosystemScheme(ecosystem).canonical(version);
      hit = canon !== null && versionSet(entry, ecosystem).has(canon);
    }
  }
  if (!hit) return undefined;
  const scheme = ecosystemScheme(ecosystem);
  const sorted = [...fixed].sort((a, b) => (scheme.valid(a) && scheme.valid(b) ? scheme.compare(a, b) : a < b ? -1 : 1));
  return { fixed: sorted, ...(lastAffected !== undefined ? { lastAffected } : {}) };
}

// A record's `versions` list as canonical strings, built once per record entry (PyPI lists every release).
const versionSets = new WeakMap<OsvAffected, Set<string>>();
function versionSet(entry: OsvAffected, ecosystem: Ecosystem): Set<string> {
  let set = versionSets.get(entry);
  if (!set) {
    const scheme = ecosystemScheme(ecosystem);
    set = new Set((entry.versions ?? []).map((v) => scheme.canonical(v)).filter((c): c is string => c !== null));
    versionSets.set(entry, set);
  }
  return set;
}

/** Event version for sorting: introduced "0" is below every version. */
function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

export function inRange(range: OsvRange, scheme: VersionScheme, version: string): boolean {
  const events = range.events.filter((e) => {
    const v = eventVersion(e);
    return v !== undefined && (v === '0' || scheme.valid(v));
  });
  const order = (e: OsvEvent): number => {
    const v = eventVersion(e)!;
    return v === '0' ? -1 : 0;
  };
  events.sort((a, b) => {
    const oa = order(a);
    const ob = order(b);
    if (oa !== 0 || ob !== 0) return oa - ob;
    return scheme.compare(eventVersion(a)!, eventVersion(b)!);
  });
  let affected = false;
  for (const e of events) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || scheme.compare(version, e.introduced) >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      if (scheme.compare(version, e.fixed) >= 0) affected = false;
    } else if (e.last_affected !== undefined) {
      if (scheme.compare(version, e.last_affected) > 0) affected = false;
    }
  }
  return affected;
}
