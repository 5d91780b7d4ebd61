import { createHash } from 'node:crypto';
import { severityRank, type Finding, type Severity } from '../../core/result.js';
import { describePath } from './graph.js';
import type { AdvisorySeverity } from './osv/severity.js';
import { recordIds, type OsvRecord } from './osv/record.js';
import type { LockedPackage } from './types.js';

export interface RecordMatch {
  record: OsvRecord;
  severity: AdvisorySeverity;
  fixed: string[];
  lastAffected?: string;
}

/** Preferred primary id of a merged advisory: GHSA first, then the databases' own ids, CVE last. */
function idRank(id: string): number {
  if (id.startsWith('GHSA-')) return 0;
  if (id.startsWith('CVE-')) return 2;
  return 1;
}

/**
 * Group matches for one package whose ids, aliases or upstream ids overlap (PYSEC-2021-9 and
 * GHSA-xxxx both aliasing CVE-2021-3281 are one vulnerability; DSA-5343-1 and DEBIAN-CVE-2023-0286
 * both name CVE-2023-0286 as upstream) — union-find over every id they carry.
 */
export function mergeAliases(matches: RecordMatch[]): RecordMatch[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const m of matches) {
    const ids = recordIds(m.record);
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) union(ids[0]!, id);
  }
  const groups = new Map<string, RecordMatch[]>();
  for (const m of matches) {
    const root = find(m.record.id);
    const g = groups.get(root);
    if (g) {
      if (!g.some((x) => x.record.id === m.record.id)) g.push(m);
    } else groups.set(root, [m]);
  }
  return [...groups.values()];
}

export interface FindingContext {
  file: string;
  pkg: LockedPackage;
  path: string[] | undefined;
  compareVersions: (a: string, b: string) => number;
}

/** The id a merged advisory is reported under and the other ids it goes by (shared by findings and the SBOM). */
export function mergedIds(group: readonly RecordMatch[]): { primary: string; aliases: string[] } {
  const ids = [...new Set(group.flatMap((m) => recordIds(m.record)))];
  ids.sort((a, b) => idRank(a) - idRank(b) || (a < b ? -1 : 1));
  return { primary: ids[0]!, aliases: ids.slice(1) };
}

export function vulnerabilityFinding(group: RecordMatch[], ctx: FindingContext): Finding {
  const { primary, aliases } = mergedIds(group);
  const main = group.find((m) => m.record.id === primary) ?? group[0]!;
  const worst = group.reduce((w, m) => (severityRank(m.severity.severity) > severityRank(w.severity.severity) ? m : w), group[0]!);
  const severity: Severity = worst.severity.severity;
  const fixed = [...new Set(group.flatMap((m) => m.fixed))].sort((a, b) => {
    try {
      return ctx.compareVersions(a, b);
    } catch {
      return a < b ? -1 : 1;
    }
  });
  const { pkg } = ctx;
  const file = pkg.file ?? ctx.file;
  const title = summaryOf(main.record);
  const score = worst.severity.score !== undefined ? ` CVSS ${worst.severity.cvssVersion === 2 ? 'v2 ' : ''}${worst.severity.score.toFixed(1)}` : '';
  const fix = fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : main.lastAffected ? `no fix released (last affected ${main.lastAffected})` : 'no fixed version';
  // OS packages come with the image, not through a dependency chain.
  const os = pkg.binaries !== undefined;
  const via = os ? 'OS package' : describePath(ctx.path);
  const installedAs = os && pkg.binaries!.some((b) => b !== pkg.name) ? ` (installed as ${pkg.binaries!.join(', ')})` : '';
  const aka = aliases.length > 0 ? ` (${aliases.join(', ')})` : '';
  // A requirements constraint names a version pip may install, not the installed one (docs/deps.md).
  const what = pkg.constraint ? `${pkg.constraint} (not pinned; matched on its bound ${pkg.version}, may be affected)` : pkg.version;
  const message = `${pkg.name} ${what}${installedAs}: ${primary}${aka}${score} ${title}; ${fix}; ${via}`;
  const direct = ctx.path?.length === 1;
  const firstFix = fixed.find((f) => safeGt(ctx, f, pkg.version)) ?? fixed[0];
  return {
    ruleId: `deps.${primary}`,
    severity,
    message,
    location: { file, ...(pkg.line !== undefined ? { line: pkg.line } : {}) },
    fingerprint: createHash('sha256').update(`deps\0${file}\0${pkg.name}\0${pkg.version}\0${primary}`).digest('hex').slice(0, 16),
    remediation: os ? osRemediation(pkg.name, firstFix) : pkg.constraint ? constraintRemediation(pkg, firstFix) : fixed.length > 0 ? `Upgrade ${pkg.name} to ${firstFix} or later${direct ? '' : ` (it comes in ${via}: upgrade the package that requires it, or pin/override the version)`}.` : `No fixed release of ${pkg.name} yet: remove or replace it, or accept the risk with a suppression (docs/remediation.md).`,
    aliases,
    // Dev-only packages rarely ship; direct ones are called by the project's own code (docs/remediation.md);
    // a constraint only may install the affected version, so it is one step less likely than a pin.
    likelihood: pkg.dev ? 'low' : pkg.constraint ? 'medium' : direct ? 'high' : 'medium',
  };
}

function constraintRemediation(pkg: LockedPackage, fix: string | undefined): string {
  const pinIt = 'or pin the version you install (pip-compile, pip freeze) so the scan checks what is installed';
  if (!fix) return `No fixed release of ${pkg.name} yet: ${pkg.name}${pkg.constraint} allows affected ${pkg.version}; remove or replace it, ${pinIt}.`;
  if (pkg.constraint!.startsWith('<=')) return `${pkg.name}${pkg.constraint} caps ${pkg.name} at affected ${pkg.version}: allow ${pkg.name}>=${fix}, ${pinIt}.`;
  return `${pkg.name}${pkg.constraint} still allows affected ${pkg.version}: require ${pkg.name}>=${fix}, ${pinIt}.`;
}

function osRemediation(source: string, fix: string | undefined): string {
  if (!fix) return `No fixed ${source} package in the distribution yet: watch its security tracker, or accept the risk with a suppression (docs/remediation.md).`;
  return `Upgrade the packages built from ${source} to ${fix} or later: rebuild on a current base image, or run the package manager's upgrade (apt-get upgrade, apk upgrade) in the image build.`;
}

function safeGt(ctx: FindingContext, a: string, b: string): boolean {
  try {
    return ctx.compareVersions(a, b) > 0;
  } catch {
    return false;
  }
}

function summaryOf(r: OsvRecord): string {
  const text = (r.summary ?? r.details ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  const first = /^(.{20,}?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return first.length > 140 ? `${first.slice(0, 137)}...` : first;
}
