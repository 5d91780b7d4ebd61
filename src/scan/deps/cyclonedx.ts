import { randomUUID } from 'node:crypto';
import { PACKAGE } from '../../core/package-info.js';
import { mergedIds, type RecordMatch } from './findings.js';
import type { AdvisorySeverity } from './osv/severity.js';
import type { Suppression, SuppressedFinding } from '../register/index.js';
import type { MatchedVulnerability } from './scan.js';
import type { LockedPackage, Lockfile } from './types.js';

/**
 * `--format cyclonedx`: a CycloneDX 1.6 JSON SBOM of what the lockfiles (or an image's package lists)
 * hold — one component with a purl per package, the dependency graph where the lockfile records one
 * (else the packages listed flat under the project), and the matched advisories as `vulnerabilities`.
 * Everything is built as plain data and serialised once with JSON.stringify, so names and versions
 * from scanned files are always escaped.
 */

export interface SbomInput {
  lockfiles: readonly Lockfile[];
  matched: readonly MatchedVulnerability[];
  /** The scanned project (folder name or image tag). */
  project: { name: string; type?: 'application' | 'container' };
  timestamp: Date;
  /** Leave out development-only packages (scan.deps.includeDev: false). */
  includeDev?: boolean;
  /** Findings the remediation register suppressed: their advisories get an `analysis` (docs/remediation.md). */
  suppressed?: readonly SuppressedFinding[];
}

const PROJECT_REF = 'project';

export function cycloneDxJson(input: SbomInput): string {
  return `${JSON.stringify(cycloneDxBom(input), null, 2)}\n`;
}

export function cycloneDxBom(input: SbomInput): Record<string, unknown> {
  const includeDev = input.includeDev ?? true;
  const components = new Map<string, Record<string, unknown>>(); // bom-ref -> component
  const dependencies = new Map<string, Set<string>>([[PROJECT_REF, new Set()]]);
  const refOf = new Map<string, string>(); // `${file}\0${key}` -> bom-ref
  for (const lock of input.lockfiles) {
    const kept = lock.packages.filter((p) => includeDev || !p.dev);
    for (const p of kept) {
      const ref = bomRef(lock, p);
      if (refOf.has(`${lock.file}\0${p.key ?? p.name}`)) continue;
      refOf.set(`${lock.file}\0${p.key ?? p.name}`, ref);
      // npm installs one name@version in several node_modules folders: one component, development-only
      // only when every copy is.
      const seen = components.get(ref);
      if (!seen) components.set(ref, component(lock, p, ref));
      else if (!p.dev) delete seen.scope;
    }
    const direct = directKeys(lock, kept);
    for (const key of direct) {
      const ref = refOf.get(`${lock.file}\0${key}`);
      if (ref) dependencies.get(PROJECT_REF)!.add(ref);
    }
    // Only packages whose lockfile entry lists what they depend on get a node: requirements.txt,
    // Pipfile.lock and package lists in images name none, and an empty node would claim "no dependencies".
    for (const p of kept) {
      if (!lock.hasGraph || p.dependsOn === undefined) continue;
      const ref = refOf.get(`${lock.file}\0${p.key ?? p.name}`)!;
      const on = dependencies.get(ref) ?? new Set<string>();
      for (const d of p.dependsOn ?? []) {
        const target = refOf.get(`${lock.file}\0${d}`);
        if (target && target !== ref) on.add(target);
      }
      dependencies.set(ref, on);
    }
  }
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp.toISOString(),
      tools: { components: [{ type: 'application', name: PACKAGE.name, version: PACKAGE.version }] },
      component: { type: input.project.type ?? 'application', 'bom-ref': PROJECT_REF, name: input.project.name },
    },
    components: [...components.values()],
    dependencies: [...dependencies].map(([ref, on]) => ({ ref, dependsOn: [...on] })),
    vulnerabilities: vulnerabilities(input.matched, refOf, new Map((input.suppressed ?? []).map((x) => [x.finding.fingerprint, x.suppression]))),
  };
}

/**
 * One per package of a lockfile: its path plus name@version. Copies of one version that npm nests in several
 * folders share it, and their dependency edges are merged.
 */
function bomRef(lock: Lockfile, p: LockedPackage): string {
  // Two git installs of one name can share a version (or have none): the commit tells them apart.
  return `${lock.file}#${p.name}@${p.version}${p.commit ? `+git.${p.commit}` : ''}`;
}

/** The project's own dependencies: what the lockfile names; else, with a graph, what nothing depends on; else every package. */
function directKeys(lock: Lockfile, kept: readonly LockedPackage[]): string[] {
  if (lock.direct) return [...lock.direct];
  if (!lock.hasGraph) return kept.map((p) => p.key ?? p.name);
  const incoming = new Set(kept.flatMap((p) => (p.dependsOn ?? []).filter((d) => d !== (p.key ?? p.name))));
  return kept.map((p) => p.key ?? p.name).filter((k) => !incoming.has(k));
}

function component(lock: Lockfile, p: LockedPackage, ref: string): Record<string, unknown> {
  const purl = packageUrl(lock, p);
  const properties = [
    { name: 'gonogo:lockfile', value: p.file ?? lock.file },
    ...(p.commit ? [{ name: 'gonogo:git-commit', value: p.commit }] : []),
    ...(p.constraint ? [{ name: 'gonogo:version-constraint', value: p.constraint }] : []),
    ...(p.binaries ? p.binaries.map((b) => ({ name: 'gonogo:binary-package', value: b })) : []),
  ];
  return { type: 'library', 'bom-ref': ref, name: p.name, version: p.version, ...(purl ? { purl } : {}), ...(p.dev ? { scope: 'optional' } : {}), properties };
}

/**
 * Package URL (https://github.com/package-url/purl-spec): npm keeps the scope as namespace (`%40scope`),
 * PyPI names are lower-cased with `_` as `-`, Go keeps the module path, Maven is group/artifact, OS packages name their distribution (`distro=debian-12`).
 */
export function packageUrl(lock: Pick<Lockfile, 'ecosystem' | 'osvEcosystem'>, p: Pick<LockedPackage, 'name' | 'version'>): string | undefined {
  const v = encodeURIComponent(p.version);
  const release = lock.osvEcosystem?.split(':')[1];
  switch (lock.ecosystem) {
    case 'npm': {
      const name = p.name.startsWith('@') && p.name.includes('/') ? p.name.slice(1).split('/') : [p.name];
      return `pkg:npm/${name.length === 2 ? `%40${encodeURIComponent(name[0]!)}/${encodeURIComponent(name[1]!)}` : encodeURIComponent(name[0]!)}@${v}`;
    }
    case 'PyPI':
      return `pkg:pypi/${encodeURIComponent(p.name.toLowerCase().replace(/[-_.]+/g, '-'))}@${v}`;
    case 'Go':
      return `pkg:golang/${p.name.split('/').map(encodeURIComponent).join('/')}@${v}`;
    case 'crates.io':
      return `pkg:cargo/${encodeURIComponent(p.name)}@${v}`;
    case 'RubyGems':
      return `pkg:gem/${encodeURIComponent(p.name)}@${v}`;
    case 'Packagist':
      return `pkg:composer/${p.name.toLowerCase().split('/').map(encodeURIComponent).join('/')}@${v}`;
    case 'Maven': {
      const [group, artifact] = p.name.split(':');
      return artifact === undefined ? undefined : `pkg:maven/${encodeURIComponent(group!)}/${encodeURIComponent(artifact)}@${v}`;
    }
    case 'Debian':
      return `pkg:deb/debian/${encodeURIComponent(p.name)}@${v}${release ? `?distro=debian-${encodeURIComponent(release)}` : ''}`;
    case 'Alpine':
      return `pkg:apk/alpine/${encodeURIComponent(p.name)}@${v}${release ? `?distro=${encodeURIComponent(release.replace(/^v/, ''))}` : ''}`;
    default:
      return undefined;
  }
}

/**
 * One entry per advisory (aliases merged), listing every component it affects. Components whose finding
 * a suppression holds are split off into an entry of their own carrying that suppression's `analysis`,
 * so the open part of an advisory never looks triaged.
 */
function vulnerabilities(matched: readonly MatchedVulnerability[], refOf: ReadonlyMap<string, string>, suppressionOf: ReadonlyMap<string, Suppression>): Record<string, unknown>[] {
  const byId = new Map<string, { group: readonly RecordMatch[]; aliases: Set<string>; affects: Map<string, { versions: AffectedVersion[]; suppression?: Suppression }> }>();
  for (const m of matched) {
    const ref = refOf.get(`${m.lockfile.file}\0${m.pkg.key ?? m.pkg.name}`);
    if (!ref) continue; // a dev package left out of the BOM
    const { primary, aliases } = mergedIds(m.group);
    const entry = byId.get(primary) ?? { group: m.group, aliases: new Set<string>(), affects: new Map() };
    for (const a of aliases) entry.aliases.add(a);
    const suppression = suppressionOf.get(m.fingerprint);
    entry.affects.set(ref, { versions: affectedVersions(m.lockfile, m.pkg), ...(suppression ? { suppression } : {}) });
    byId.set(primary, entry);
  }
  return [...byId].flatMap(([id, e]) => {
    const base = advisoryFields(id, e.group, e.aliases);
    const parts = new Map<Suppression | undefined, [string, AffectedVersion[]][]>();
    for (const [ref, a] of e.affects) parts.set(a.suppression, [...(parts.get(a.suppression) ?? []), [ref, a.versions]]);
    let n = 0;
    return [...parts].sort(([a], [b]) => (a === undefined ? -1 : b === undefined ? 1 : 0)).map(([suppression, refs]) => ({
      'bom-ref': suppression === undefined ? `vulnerability:${id}` : `vulnerability:${id}#suppressed-${++n}`,
      ...base,
      ...(suppression ? { analysis: analysis(suppression) } : {}),
      affects: refs.map(([ref, versions]) => ({ ref, versions })),
    }));
  });
}

type AffectedVersion = { version: string; status: 'affected' } | { range: string; status: 'unknown' };

/**
 * The affected version; for a requirements constraint also the range pip may install from, in vers syntax
 * (`vers:pypi/>=4.1.1`), with status `unknown`: the bound is affected, the installed version is not known.
 */
function affectedVersions(lock: Lockfile, p: LockedPackage): AffectedVersion[] {
  const range = p.constraint && lock.ecosystem === 'PyPI' ? versRange(p.constraint) : undefined;
  return [{ version: p.version, status: 'affected' }, ...(range ? [{ range: `vers:pypi/${range}`, status: 'unknown' as const }] : [])];
}

/** PEP 440 `~=1.4.5` is `>=1.4.5, ==1.4.*`: vers `>=1.4.5|<1.5`. `>=` and `<=` are the same in both. */
function versRange(constraint: string): string | undefined {
  const m = /^(>=|<=|~=)(.+)$/.exec(constraint);
  if (!m) return undefined;
  if (m[1] !== '~=') return `${m[1]}${m[2]}`;
  const release = /^(\d+(?:\.\d+)*)/.exec(m[2]!)?.[1]?.split('.') ?? [];
  if (release.length < 2) return `>=${m[2]}`;
  const upper = [...release.slice(0, -2), String(Number(release[release.length - 2]) + 1)].join('.');
  return `>=${m[2]}|<${upper}`;
}

function advisoryFields(id: string, group: readonly RecordMatch[], aliases: ReadonlySet<string>): Record<string, unknown> {
  const main = group.find((m) => m.record.id === id) ?? group[0]!;
  const fixed = [...new Set(group.flatMap((m) => m.fixed))];
  const published = isoDate(main.record.published);
  const updated = isoDate(main.record.modified);
  const ratings = group.map((m) => rating(m.severity)).filter((r) => r !== undefined);
  const advisories = [...new Set(group.flatMap((m) => (m.record.references ?? []).map((r) => r.url)).filter(isWebUrl))].map((url) => ({ url }));
  const description = (main.record.summary ?? main.record.details ?? '').trim();
  return {
    id,
    source: advisorySource(id),
    ...(aliases.size > 0 ? { references: [...aliases].map((a) => ({ id: a, source: advisorySource(a) })) } : {}),
    ...(ratings.length > 0 ? { ratings: uniqueRatings(ratings) } : {}),
    ...(description ? { description } : {}),
    ...(fixed.length > 0 ? { recommendation: `Upgrade to ${fixed.join(' or ')} or later.` } : {}),
    ...(advisories.length > 0 ? { advisories } : {}),
    ...(published ? { published } : {}),
    ...(updated ? { updated } : {}),
  };
}

/** A suppression as CycloneDX impact analysis: its state (in_triage when the config gives none) and its reason, owner and expiry. */
function analysis(s: Suppression): Record<string, unknown> {
  return {
    state: s.state ?? 'in_triage',
    ...(s.justification ? { justification: s.justification } : {}),
    ...(s.response && s.response.length > 0 ? { response: [...s.response] } : {}),
    detail: `Accepted by ${s.owner} until ${s.expires}: ${s.reason}`,
  };
}

/** The score, severity and CVSS method when the advisory was scored; the database's own word otherwise; nothing when unscored. */
function rating(s: AdvisorySeverity): Record<string, unknown> | undefined {
  if (s.source === 'unscored') return undefined;
  const severity = s.severity;
  if (s.score === undefined) return { severity, source: { name: 'OSV' }, method: 'other' };
  const vector = s.source;
  const method = vector.startsWith('CVSS:4') ? 'CVSSv4' : vector.startsWith('CVSS:3.1') ? 'CVSSv31' : vector.startsWith('CVSS:3') ? 'CVSSv3' : 'CVSSv2';
  return { score: s.score, severity, method, vector };
}

function uniqueRatings(ratings: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...new Map(ratings.map((r) => [JSON.stringify(r), r])).values()];
}

/** Where an id is published: its own database when gonogo knows it, else OSV (which mirrors them all). */
function advisorySource(id: string): { name: string; url: string } {
  const enc = encodeURIComponent(id);
  if (id.startsWith('GHSA-')) return { name: 'GitHub Advisory Database', url: `https://github.com/advisories/${enc}` };
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${enc}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${enc}` };
}

function isWebUrl(u: string | undefined): u is string {
  if (!u) return false;
  try {
    const url = new URL(u);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href === u;
  } catch {
    return false;
  }
}

function isoDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
