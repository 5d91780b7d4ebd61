import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, Severity } from '../../core/result.js';
import { walkFiles } from '../walk.js';
import { defaultCacheDir } from './cache.js';
import { mergeAliases, vulnerabilityFinding, type RecordMatch } from './findings.js';
import { dependencyPaths } from './graph.js';
import { parserFor, supersededBySibling } from './lockfiles/index.js';
import { mavenProject } from './lockfiles/maven-project.js';
import { parseRequirements } from './lockfiles/requirements.js';
import { loadAdvisories, normalizeName, type DbInfo } from './osv/db.js';
import { matchAffected } from './osv/match.js';
import { advisorySeverity } from './osv/severity.js';
import { ecosystemScheme } from './osv/versions.js';
import { LockfileError, type Ecosystem, type LockedPackage, type Lockfile } from './types.js';

export interface DepsScanOptions {
  /** Folder (or one lockfile) to scan. */
  root: string;
  /** OSV data: bucket-style folder, one zip, or a folder of JSON. Default: the `gonogo db update` cache. */
  db?: string;
  exclude?: string[];
  /** Severity for advisories with neither CVSS nor a database severity (default medium). */
  unscoredSeverity?: Severity;
  /** Check development-only dependencies too (default true). */
  includeDev?: boolean;
  signal?: AbortSignal;
}

export interface DepsScanResult {
  lockfiles: Lockfile[];
  /** One per vulnerable package x advisory (aliases merged), before the register. */
  findings: Finding[];
  /** Lockfiles that could not be read: `deps.lockfile-unreadable` findings with file:line. */
  problems: Finding[];
  /** Things worth telling that are not findings (unpinned requirements, ...). */
  notes: string[];
  /** Undefined when there was nothing to look up (no lockfiles, no packages). */
  db?: DbInfo;
  packages: number;
  /** The matches behind `findings`, with their OSV records, for the SBOM (cyclonedx.ts). */
  matched: MatchedVulnerability[];
}

/** One vulnerable package of one lockfile and the advisories (aliases merged) that affect it. */
export interface MatchedVulnerability {
  readonly lockfile: Lockfile;
  readonly pkg: LockedPackage;
  readonly group: readonly RecordMatch[];
  /** The fingerprint of the finding reported for it (a suppression names findings, the SBOM advisories). */
  readonly fingerprint: string;
}

const isLockfileName = (rel: string) => parserFor(path.posix.basename(rel)) !== undefined;

export async function scanDeps(opts: DepsScanOptions): Promise<DepsScanResult> {
  const read = await readLockfiles(opts);
  return { ...read, ...(await matchLockfiles(read.lockfiles, opts)) };
}

/**
 * Find and parse every lockfile under `opts.root` (requirements `-r` includes followed, pom.xml
 * read as one project), without matching: what `scan deps` lists, also used by the peer benchmark.
 */
export async function readLockfiles(opts: Pick<DepsScanOptions, 'root' | 'exclude' | 'signal'>): Promise<{ lockfiles: Lockfile[]; problems: Finding[]; notes: string[] }> {
  const root = path.resolve(opts.root);
  const lockfiles: Lockfile[] = [];
  const problems: Finding[] = [];
  const notes: string[] = [];
  const found: { path: string; rel: string }[] = [];
  for await (const f of walkFiles(root, { exclude: opts.exclude, signal: opts.signal })) if (isLockfileName(f.rel)) found.push(f);
  const rels = new Set(found.map((f) => f.rel));
  // A module's pom.xml takes versions from its parent and BOMs in the same tree: read every pom first.
  const poms = new Map<string, string>();
  for (const f of found) {
    // One that cannot be read is read again in the loop below, which reports why.
    if (path.posix.basename(f.rel) === 'pom.xml') await readFile(f.path, 'utf8').then((t) => poms.set(f.rel, t), () => undefined);
  }
  const pomLockfile = mavenProject(poms);
  for (const f of found) {
    if (supersededBySibling(f.rel, (r) => rels.has(r))) continue;
    try {
      const base = path.posix.basename(f.rel);
      const text = poms.get(f.rel) ?? (await readFile(f.path, 'utf8'));
      if (text.trim() === '') {
        notes.push(`${f.rel}: empty lockfile, nothing to check`);
        continue;
      }
      const lock = base === 'pom.xml' ? pomLockfile(f.rel) : parserFor(base)!(text, f.rel);
      lockfiles.push('includes' in lock ? await withIncludes(lock as ReturnType<typeof parseRequirements>, root, problems, new Set([f.rel])) : lock);
      notes.push(...(lock.notes ?? []));
    } catch (err) {
      problems.push(unreadable(err, f.rel));
    }
  }

  return { lockfiles, problems, notes };
}

export interface MatchOptions {
  db?: string;
  unscoredSeverity?: Severity;
  includeDev?: boolean;
}

/**
 * Look up every package of these lockfiles in the OSV data: one finding per vulnerable
 * package x advisory (aliases and upstream ids merged). Shared by `scan deps` and `scan image`.
 */
export async function matchLockfiles(lockfiles: readonly Lockfile[], opts: MatchOptions): Promise<{ findings: Finding[]; db?: DbInfo; packages: number; matched: MatchedVulnerability[] }> {
  const includeDev = opts.includeDev ?? true;
  const wanted = new Map<Ecosystem, Set<string>>();
  let packages = 0;
  for (const lock of lockfiles) {
    for (const p of lock.packages) {
      if (!includeDev && p.dev) continue;
      packages++;
      let set = wanted.get(lock.ecosystem);
      if (!set) wanted.set(lock.ecosystem, (set = new Set()));
      set.add(normalizeName(lock.ecosystem, p.name));
    }
  }
  if (packages === 0) return { findings: [], packages, matched: [] };

  const { byPackage, info } = await loadAdvisories(opts.db ?? defaultCacheDir(), wanted);
  const fallback = opts.unscoredSeverity ?? 'medium';
  const findings: Finding[] = [];
  const matched: MatchedVulnerability[] = [];
  for (const lock of lockfiles) {
    const pathTo = dependencyPaths(lock);
    const scheme = ecosystemScheme(lock.ecosystem);
    const installs = installsByNameVersion(lock);
    const seen = new Set<string>();
    const osvEcosystem = lock.osvEcosystem ?? lock.ecosystem;
    for (const pkg of lock.packages) {
      if (!includeDev && pkg.dev) continue;
      const name = normalizeName(lock.ecosystem, pkg.name);
      // The same name@version twice in one lockfile (npm nesting) is reported once, at its shortest path.
      const dedupe = `${name}@${pkg.version}`;
      const records = byPackage.get(lock.ecosystem)?.get(name);
      if (!records) continue;
      const matches: RecordMatch[] = [];
      for (const record of records) {
        for (const a of record.affected ?? []) {
          if (a.package?.ecosystem !== osvEcosystem || normalizeName(lock.ecosystem, a.package.name ?? '') !== name) continue;
          const m = matchAffected(a, lock.ecosystem, pkg.version);
          if (!m) continue;
          const prev = matches.find((x) => x.record === record);
          if (prev) prev.fixed = [...new Set([...prev.fixed, ...m.fixed])];
          else matches.push({ record, severity: advisorySeverity(record, fallback), fixed: m.fixed, ...(m.lastAffected ? { lastAffected: m.lastAffected } : {}) });
        }
      }
      if (matches.length === 0 || seen.has(dedupe)) continue;
      seen.add(dedupe);
      const chain = shortestPath(installs.get(dedupe) ?? [], pathTo);
      for (const group of mergeAliases(matches)) {
        const finding = vulnerabilityFinding(group, { file: lock.file, pkg, path: chain, compareVersions: scheme.compare });
        findings.push(finding);
        matched.push({ lockfile: lock, pkg, group, fingerprint: finding.fingerprint });
      }
    }
  }
  // A requirements file pulled in with -r by another one is also scanned on its own: report it once.
  const unique = [...new Map(findings.map((f) => [f.fingerprint, f])).values()];
  return { findings: unique, db: info, packages, matched };
}

/** Graph keys of every install of each name@version (npm can nest one version in several places). */
function installsByNameVersion(lock: Lockfile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of lock.packages) {
    const k = `${normalizeName(lock.ecosystem, p.name)}@${p.version}`;
    const list = out.get(k);
    if (list) list.push(p.key ?? p.name);
    else out.set(k, [p.key ?? p.name]);
  }
  return out;
}

/** Of all installs of one name@version, the shortest path to any of them. */
function shortestPath(keys: readonly string[], pathTo: (key: string) => string[] | undefined): string[] | undefined {
  let best: string[] | undefined;
  for (const key of keys) {
    const chain = pathTo(key);
    if (chain && (!best || chain.length < best.length)) best = chain;
  }
  return best;
}

/** Follow `-r` / `-c` includes of a requirements file; missing or cyclic includes become problems. */
async function withIncludes(lock: ReturnType<typeof parseRequirements>, root: string, problems: Finding[], seen: Set<string>): Promise<Lockfile> {
  const packages: LockedPackage[] = [...lock.packages];
  for (const inc of lock.includes) {
    const rel = path.posix.normalize(path.posix.join(path.posix.dirname(lock.file), inc.path));
    if (seen.has(rel)) continue;
    seen.add(rel);
    try {
      const text = await readFile(path.join(root, rel), 'utf8');
      const child = await withIncludes(parseRequirements(text, rel), root, problems, seen);
      for (const p of child.packages) packages.push({ ...p, file: p.file ?? rel });
    } catch (err) {
      if (err instanceof LockfileError) problems.push(unreadable(err, rel));
      else problems.push(unreadable(new LockfileError(lock.file, inc.line, `cannot read included file ${inc.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`), lock.file));
    }
  }
  return { ...lock, packages, direct: packages.map((p) => p.name) };
}

export function unreadable(err: unknown, rel: string): Finding {
  const e = err instanceof LockfileError ? err : new LockfileError(rel, undefined, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  return {
    ruleId: 'deps.lockfile-unreadable',
    severity: 'high',
    message: `${e.where}: ${e.message} (its dependencies were not checked)`,
    location: { file: e.file, ...(e.line !== undefined ? { line: e.line } : {}) },
    fingerprint: createHash('sha256').update(`deps-unreadable\0${e.file}`).digest('hex').slice(0, 16),
    remediation: 'Fix or regenerate the lockfile (npm install, yarn, pnpm install, poetry lock, pipenv lock, pip-compile, go mod tidy, cargo generate-lockfile, bundle lock, composer update --lock, gradle dependencies --write-locks).',
  };
}
