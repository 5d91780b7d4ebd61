import { LineCounter, parseDocument, isMap, isScalar, type Pair } from 'yaml';
import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { gitCommit } from './git-commit.js';
import { isObject } from './json-text.js';

/**
 * pnpm-lock.yaml, lockfile versions 5.x ("/name/1.0.0"), 6.x ("/name@1.0.0") and 9.x ("name@1.0.0",
 * dependencies under `snapshots`). Peer suffixes — "(react@18.2.0)" or "_react@18.2.0" — are dropped:
 * the installed code is the same.
 */
export function parsePnpmLock(text: string, file: string): Lockfile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new LockfileError(file, lc.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  // Only comments (or nothing): an empty lockfile, like one with no packages.
  if (data === null || data === undefined) return { file, ecosystem: 'npm', format: 'pnpm', packages: [], hasGraph: true, notes: [] };
  if (!isObject(data)) throw new LockfileError(file, 1, 'expected a YAML mapping');
  const lockVersion = String(data.lockfileVersion ?? '');
  if (lockVersion === '') throw new LockfileError(file, 1, 'no lockfileVersion: not a pnpm lockfile');
  const major = Number.parseInt(lockVersion, 10);

  const lineOfKey = new Map<string, number>();
  for (const section of ['packages', 'snapshots']) {
    const node = doc.get(section);
    if (isMap(node)) for (const p of node.items as Pair[]) if (isScalar(p.key) && p.key.range) lineOfKey.set(`${section}:${String(p.key.value)}`, lc.linePos(p.key.range[0]).line);
  }

  const packages = isObject(data.packages) ? data.packages : {};
  const snapshots = isObject(data.snapshots) ? data.snapshots : undefined;
  const graphSource = snapshots ?? packages;
  const out = new Map<string, LockedPackage>();
  const notes: string[] = [];
  for (const [rawKey, entry] of Object.entries(graphSource)) {
    const where = lineOfKey.get(`${snapshots ? 'snapshots' : 'packages'}:${rawKey}`);
    // A local folder or tarball ("file:../pkg", "link:../pkg"): the key is a path, the entry names the package.
    if (/^\/?(file|link):/.test(rawKey)) {
      const meta = isObject(entry) ? entry : {};
      const pkgMeta = snapshots && isObject(packages[rawKey.replace(/\(.*$/, '')]) ? (packages[rawKey.replace(/\(.*$/, '')] as Record<string, unknown>) : meta;
      const name = typeof meta.name === 'string' ? meta.name : pkgMeta.name;
      const version = typeof meta.version === 'string' ? meta.version : pkgMeta.version;
      if (typeof name !== 'string' || typeof version !== 'string') notes.push(skippedEntry(file, where, `local package "${rawKey}" has no "name" and "version"`));
      else if (!out.has(rawKey)) out.set(rawKey, { name, version, key: rawKey, line: where, dev: meta.dev === true });
      continue;
    }
    const parsed = parseKey(rawKey, major);
    if (!parsed) {
      notes.push(skippedEntry(file, where, `cannot read package key "${rawKey}"`));
      continue;
    }
    const meta = isObject(entry) ? entry : {};
    // v9 keeps metadata in `packages` (keyed without peer suffix): a git or tarball dependency's key holds
    // its URL, the entry its real `version`. The graph key stays the key's form: references use it.
    const pkgMeta = snapshots ? packages[rawKey.replace(/\(.*$/, '')] : meta;
    const version = isObject(pkgMeta) && typeof pkgMeta.version === 'string' ? pkgMeta.version : parsed.version;
    const name = typeof meta.name === 'string' ? meta.name : isObject(pkgMeta) && typeof pkgMeta.name === 'string' ? pkgMeta.name : parsed.name;
    // "github.com/user/repo" or "/foo/bar" without a `version` in the entry: the key's last part is no version.
    if (!/^\d/.test(version)) {
      notes.push(skippedEntry(file, where, `package "${rawKey}" has no version (neither in its key nor in a "version" field)`));
      continue;
    }
    const key = `${name}@${snapshots ? parsed.version : version}`;
    if (out.has(key)) continue;
    const deps = [meta.dependencies, meta.optionalDependencies].filter(isObject).flatMap((d) => Object.entries(d).map(([n, v]) => depKey(n, String(v))));
    const line = lineOfKey.get(`packages:${rawKey}`) ?? lineOfKey.get(`snapshots:${rawKey}`) ?? lineOfKey.get(`packages:${rawKey.replace(/\(.*$/, '')}`);
    // A git dependency: `resolution: {commit, repo, type: git}`, or a hosted tarball of one commit.
    const resolution = isObject(pkgMeta) && isObject(pkgMeta.resolution) ? pkgMeta.resolution : {};
    const commit = typeof resolution.commit === 'string' ? resolution.commit : gitCommit(typeof resolution.tarball === 'string' ? resolution.tarball : undefined);
    out.set(key, { name, version, key, line, dependsOn: deps.filter((k): k is string => k !== undefined), dev: meta.dev === true, ...(commit ? { commit } : {}) });
  }

  // Direct dependencies: `importers` (workspaces, v5.3+) or the top-level maps (single project).
  const importers = isObject(data.importers) ? Object.values(data.importers).filter(isObject) : [data];
  const direct = importers.flatMap((imp) =>
    ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((f) => (isObject(imp[f]) ? Object.entries(imp[f]).map(([n, v]) => depKey(n, isObject(v) ? String(v.version) : String(v))) : [])),
  );
  const listed = snapshots ? devFromImporters([...out.values()], importers) : [...out.values()];
  return { file, ecosystem: 'npm', format: `pnpm v${lockVersion}`, packages: listed, direct: direct.filter((k): k is string => k !== undefined), hasGraph: true, notes };
}

/**
 * v9 dropped the per-package `dev` flag: a package is development-only when only the importers'
 * `devDependencies` lead to it. One that neither kind reaches stays non-dev (nothing proves it is dev).
 */
function devFromImporters(list: LockedPackage[], importers: Record<string, unknown>[]): LockedPackage[] {
  const byKey = new Map(list.map((p) => [p.key!, p]));
  const reach = (fields: string[]): Set<string> => {
    const stack = importers.flatMap((imp) => fields.flatMap((f) => (isObject(imp[f]) ? Object.entries(imp[f]).map(([n, v]) => depKey(n, isObject(v) ? String(v.version) : String(v))) : [])));
    const seen = new Set<string>();
    while (stack.length > 0) {
      const k = stack.pop();
      if (k === undefined || seen.has(k)) continue;
      seen.add(k);
      stack.push(...(byKey.get(k)?.dependsOn ?? []));
    }
    return seen;
  };
  const prod = reach(['dependencies', 'optionalDependencies']);
  const dev = reach(['devDependencies']);
  return list.map((p) => (!prod.has(p.key!) && dev.has(p.key!) ? { ...p, dev: true } : p));
}

/** A dependency reference ("1.2.3", "1.2.3(peer@1)", "link:../x", "/other/1.0.0") -> graph key. */
function depKey(name: string, ref: string): string | undefined {
  if (/^(link|file|workspace):/.test(ref)) return undefined;
  // An alias or a reference to another key: "/@scope/pkg/1.0.0", "/pkg@1.0.0", "pkg@1.0.0".
  if (ref.startsWith('/') || (/@\d/.test(ref) && !/^\d/.test(ref))) {
    const p = parseKey(ref, ref.startsWith('/') && !/@\d/.test(ref) ? 5 : 9);
    return p ? `${p.name}@${p.version}` : undefined;
  }
  return `${name}@${stripPeers(ref)}`;
}

function stripPeers(v: string): string {
  return v.replace(/\(.*$/, '').replace(/_.*$/, '');
}

/** "/@scope/a/1.0.0_peer", "/a@1.0.0(peer)", "a@1.0.0" -> { name, version }. */
export function parseKey(raw: string, major: number): { name: string; version: string } | undefined {
  let k = raw.startsWith('/') ? raw.slice(1) : raw;
  // Registry-qualified keys ("registry.npmjs.org/a/1.0.0") from old lockfiles.
  k = k.replace(/^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?\//i, '');
  k = k.replace(/\(.*$/, '');
  if (major < 6 && !/^(@[^/]+\/)?[^/@]+@\d/.test(k)) {
    const cut = k.lastIndexOf('/');
    if (cut <= 0) return undefined;
    const name = k.slice(0, cut);
    const version = stripPeers(k.slice(cut + 1));
    return name && version ? { name, version } : undefined;
  }
  const at = k.indexOf('@', 1);
  if (at < 0) return undefined;
  return { name: k.slice(0, at), version: stripPeers(k.slice(at + 1)) };
}
