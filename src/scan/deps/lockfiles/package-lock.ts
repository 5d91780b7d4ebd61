import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { gitCommit } from './git-commit.js';
import { isObject, lineIndex, parseJsonLockfile } from './json-text.js';

/**
 * package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. v2/v3 carry the flat
 * `packages` map keyed by install path (read in preference); v1 only the nested `dependencies` tree.
 * Graph keys are install paths, so two versions of one name stay apart and the path is exact.
 */
export function parsePackageLock(text: string, file: string): Lockfile {
  const doc = parseJsonLockfile(text, file);
  if (!isObject(doc)) throw new LockfileError(file, 1, 'expected a JSON object at the top level');
  const version = doc.lockfileVersion;
  const kind = file.endsWith('npm-shrinkwrap.json') ? 'npm-shrinkwrap' : 'package-lock';
  if (isObject(doc.packages)) return fromPackages(doc.packages, text, file, `${kind} v${String(version ?? 2)}`);
  if (isObject(doc.dependencies) || version === 1) return fromV1(isObject(doc.dependencies) ? doc.dependencies : {}, text, file, `${kind} v1`);
  throw new LockfileError(file, 1, `no "packages" or "dependencies" map (lockfileVersion ${JSON.stringify(version)})`);
}

const DEP_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

function fromPackages(packages: Record<string, unknown>, text: string, file: string, format: string): Lockfile {
  const at = lineIndex(text);
  const lines = keyLines(text, at);
  const out: LockedPackage[] = [];
  const keys = new Set(Object.keys(packages));
  // node_modules/a/node_modules/b resolves `c` to the nearest node_modules/c walking up, like Node does.
  const resolve = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
      if (keys.has(candidate)) {
        // A link points at the folder that is the package (a workspace or a file: dependency).
        const entry = packages[candidate];
        return isObject(entry) && entry.link === true && typeof entry.resolved === 'string' ? entry.resolved : candidate;
      }
      if (base === '') return folderOf.get(name);
      const cut = base.lastIndexOf('/node_modules/');
      // A workspace folder ("packages/x") falls back to the root's node_modules.
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const depsOf = (from: string, entry: Record<string, unknown>, withDev: boolean): string[] => {
    const names = new Set<string>();
    for (const f of withDev ? [...DEP_FIELDS, 'devDependencies'] : DEP_FIELDS) if (isObject(entry[f])) Object.keys(entry[f]).forEach((n) => names.add(n));
    return [...names].map((n) => resolve(from, n)).filter((k): k is string => k !== undefined);
  };

  const folderNames = new Map<string, string>();
  for (const [key, raw] of Object.entries(packages)) {
    if (!isObject(raw)) continue;
    if (raw.link === true && typeof raw.resolved === 'string') folderNames.set(raw.resolved, key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    if (key.includes('node_modules/')) continue;
    for (const f of [...DEP_FIELDS, 'devDependencies']) {
      const deps = raw[f];
      if (!isObject(deps)) continue;
      for (const [n, spec] of Object.entries(deps)) {
        const target = typeof spec === 'string' ? /^file:(.+)$/.exec(spec)?.[1] : undefined;
        if (target) folderNames.set(joinFolder(key, target), n);
      }
    }
  }
  const folderOf = new Map([...folderNames].map(([folder, name]) => [name, folder]));
  const direct: string[] = [];
  const notes: string[] = [];
  for (const [key, raw] of Object.entries(packages)) {
    if (!isObject(raw)) {
      notes.push(skippedEntry(file, lines.get(key), `entry "${key}" is not an object`));
      continue;
    }
    const local = !key.includes('node_modules/');
    // The root ("") and workspace folders are the project itself: their dependencies are the direct ones.
    // A local folder (workspace or file: dependency) is part of the project: itself and its dependencies are direct.
    if (local) direct.push(...(key === '' ? [] : [key]), ...depsOf(key, raw, true));
    if (key === '') continue;
    if (raw.link === true) continue; // a symlink to a workspace or file: folder, listed under its own key
    // A folder outside node_modules (a workspace, a `file:` dependency) is a package too, named by its
    // package.json, else by the link or `file:` spec that points at it, else by the folder.
    const name = typeof raw.name === 'string' ? raw.name : local ? (folderNames.get(key) ?? key.slice(key.lastIndexOf('/') + 1)) : key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // A git dependency: the commit is what it installs; its package.json version, when npm wrote it, is kept.
    const commit = gitCommit(typeof raw.resolved === 'string' ? raw.resolved : undefined);
    if (typeof raw.version !== 'string' && !commit) {
      if (raw.inBundle === true || raw.extraneous === true || local) continue; // a project folder without a version is not a package
      notes.push(skippedEntry(file, lines.get(key), `package "${key}" has no "version"`));
      continue;
    }
    const version = typeof raw.version === 'string' ? raw.version : '';
    out.push({ name, version, key, line: lines.get(key), dependsOn: depsOf(key, raw, false), dev: raw.dev === true || raw.devOptional === true, ...(commit ? { commit } : {}) });
  }
  return { file, ecosystem: 'npm', format, packages: out, direct: [...new Set(direct)], hasGraph: true, notes };
}

function fromV1(deps: Record<string, unknown>, text: string, file: string, format: string): Lockfile {
  const at = lineIndex(text);
  const out: LockedPackage[] = [];
  // v1 nests: dependencies.a.dependencies.b is installed at node_modules/a/node_modules/b.
  type Frame = { path: string; deps: Record<string, unknown>; parent?: Frame };
  const frames: Frame[] = [{ path: '', deps }];
  const byPath = new Map<string, { entry: Record<string, unknown>; frame: Frame }>();
  const searchFrom = { i: 0 };
  const notes: string[] = [];
  while (frames.length > 0) {
    const frame = frames.shift()!;
    for (const [name, raw] of Object.entries(frame.deps)) {
      const path = frame.path === '' ? `node_modules/${name}` : `${frame.path}/node_modules/${name}`;
      if (!isObject(raw)) {
        notes.push(skippedEntry(file, undefined, `dependency "${name}" is not an object`));
        continue;
      }
      byPath.set(path, { entry: raw, frame });
      if (isObject(raw.dependencies)) frames.push({ path, deps: raw.dependencies, parent: frame });
    }
  }
  const lineOf = (name: string): number | undefined => {
    const i = text.indexOf(`${JSON.stringify(name)}: {`, searchFrom.i);
    return i < 0 ? undefined : at(i);
  };
  const resolve = (frame: Frame | undefined, fromPath: string, name: string): string | undefined => {
    // Own nested dependencies first, then each enclosing level.
    const own = `${fromPath}/node_modules/${name}`;
    if (byPath.has(own)) return own;
    for (let f = frame; f; f = f.parent) {
      const p = f.path === '' ? `node_modules/${name}` : `${f.path}/node_modules/${name}`;
      if (byPath.has(p)) return p;
    }
    return undefined;
  };
  const required = new Set<string>();
  for (const [path, { entry, frame }] of byPath) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (typeof entry.version !== 'string') {
      notes.push(skippedEntry(file, lineOf(name), `dependency "${name}" has no "version"`));
      continue;
    }
    // An alias ("npm:@babel/code-frame@7.0.0") installs another package under this name: advisories name that one.
    const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(entry.version);
    // v1 writes a git dependency's URL ("git+ssh://...#<sha>", "github:user/repo#<sha>") or a local folder
    // ("file:../x") as its version: neither is a release, so the version is "" and a git one keeps its commit.
    const commit = alias ? undefined : gitCommit(entry.version);
    const version = alias ? alias[2]! : commit || entry.version.startsWith('file:') ? '' : entry.version;
    const requires = isObject(entry.requires) ? Object.keys(entry.requires) : [];
    const dependsOn = requires.map((n) => resolve(frame, path, n)).filter((k): k is string => k !== undefined);
    dependsOn.forEach((k) => required.add(k));
    out.push({ name: alias ? alias[1]! : name, version, key: path, line: lineOf(name), dependsOn, dev: entry.dev === true, ...(commit ? { commit } : {}) });
  }
  // v1 does not list the root's own dependencies: top-level entries nothing requires are taken as direct.
  const direct = out.filter((p) => !p.key!.includes('/node_modules/') && !required.has(p.key!)).map((p) => p.key!);
  return { file, ecosystem: 'npm', format, packages: out, direct, hasGraph: true, notes };
}

/** "packages/a" + "../b/./c" -> "packages/b/c": a `file:` spec relative to the folder that names it. */
function joinFolder(from: string, rel: string): string {
  const parts = from === '' ? [] : from.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** Line of every `"<install path>": {` key in one pass (the first occurrence: the `packages` map comes first). */
function keyLines(text: string, at: (offset: number) => number): Map<string, number> {
  const lines = new Map<string, number>();
  const re = /^\s*"((?:[^"\\]|\\.)*)":\s*\{/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const key = m[1]!;
    if (!lines.has(key)) lines.set(key, at(m.index + m[0].indexOf('"')));
  }
  return lines;
}
