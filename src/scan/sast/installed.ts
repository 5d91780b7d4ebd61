import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parserFor } from '../deps/lockfiles/index.js';
import { normalizePyName } from '../deps/lockfiles/pep503.js';
import { walkFiles } from '../walk.js';

/**
 * Which major versions of a library the scanned project installs, as far as its dependency files say. Some calls
 * are only weak on old majors of a library (PyJWT 1.x trusts the token's algorithm when `algorithms` is left out;
 * 2.x raises), so a rule asks `installedBelow` instead of guessing. Unknown (no dependency file names the package)
 * means "a current release": that is what an unpinned install gets.
 */
export type Ecosystem = 'PyPI' | 'npm';

/** `${ecosystem}:${normalised name}` -> the major versions dependency files allow at most (exact pins and `<` bounds). */
export type Installed = ReadonlyMap<string, readonly number[]>;

const keyOf = (eco: Ecosystem, name: string): string => `${eco}:${eco === 'PyPI' ? normalizePyName(name) : name.toLowerCase()}`;

/** True when some dependency file of the project installs `name` at a major version below `major`. */
export function installedBelow(installed: Installed | undefined, eco: Ecosystem, name: string, major: number): boolean {
  return installed?.get(keyOf(eco, name))?.some((m) => m < major) ?? false;
}

const DEP_FILE = /^(?:requirements[\w.-]*\.txt|Pipfile\.lock|poetry\.lock|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml)$/i;

/** True for the file names `installedFrom` reads. */
export const isDependencyFile = (rel: string): boolean => DEP_FILE.test(path.basename(rel));

/** Read the project's Python and npm dependency files under `root` (the walk skips node_modules and .git). */
export async function readInstalled(root: string): Promise<Installed> {
  const files: { rel: string; path: string }[] = [];
  for await (const f of walkFiles(root)) if (isDependencyFile(f.rel)) files.push(f);
  return installedFrom(files);
}

/** The majors the given dependency files install (other files are passed over). */
export function installedFrom(files: readonly { rel: string; path: string }[]): Installed {
  const out = new Map<string, number[]>();
  const add = (eco: Ecosystem, name: string, major: number | undefined): void => {
    if (major === undefined || Number.isNaN(major)) return;
    const k = keyOf(eco, name);
    const list = out.get(k);
    if (list) list.push(major);
    else out.set(k, [major]);
  };
  for (const f of files) {
    const base = path.basename(f.rel);
    if (!DEP_FILE.test(base)) continue;
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch {
      continue;
    }
    if (base === 'package.json') {
      readPackageJson(text, (name, major) => add('npm', name, major));
      continue;
    }
    if (/^requirements/i.test(base)) readRequirementBounds(text, (name, major) => add('PyPI', name, major));
    try {
      const lock = parserFor(base)?.(text, f.rel);
      if (!lock || (lock.ecosystem !== 'PyPI' && lock.ecosystem !== 'npm')) continue;
      // The project's own dependencies when the lockfile says which they are: the code calls those, not a copy
      // another package nests for itself.
      const direct = lock.direct ? new Set(lock.direct) : undefined;
      for (const p of lock.packages) {
        // A lower bound (`requests>=2`, listed at its bound by the deps parser) says nothing about the major installed.
        if (p.constraint?.startsWith('>')) continue;
        if (!direct || direct.has(p.key ?? p.name)) add(lock.ecosystem, p.name, majorOf(p.version));
      }
    } catch {
      // A broken dependency file is `gonogo scan deps`'s to report; here it only tells nothing.
    }
  }
  return out;
}

const majorOf = (version: string): number | undefined => {
  const m = /^[v=^~]*\s*(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
};

/** `"jsonwebtoken": "^8.5.1"` / `"~8"` / `"8.x"`: the major a range stays in (dependencies and devDependencies). */
function readPackageJson(text: string, add: (name: string, major: number | undefined) => void): void {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return;
  }
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    const deps = (pkg as Record<string, unknown> | null)?.[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      // ">=8", "*", "latest", git URLs: no upper bound, so not a statement about an old major.
      if (typeof spec === 'string' && /^\s*[~^]?v?\d+(?:\.(?:\d+|x|\*))*\s*$/.test(spec)) add(name, majorOf(spec.replace(/^\s*[~^]/, '')));
    }
  }
}

/**
 * Upper bounds in requirements: `PyJWT<2` and ranges such as `PyJWT>=1.5,<2`, which the deps parser leaves out (they
 * name no installable version); `pyjwt<=1.7.1` and `PyJWT~=1.7` it lists at their bound too, to the same major.
 */
function readRequirementBounds(text: string, add: (name: string, major: number | undefined) => void): void {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)/.exec(line);
    if (!m || /(^|,)\s*={2,3}/.test(m[2]!)) continue;
    for (const spec of m[2]!.split(',')) {
      const b = /^\s*(<=|<|~=)\s*(\d+)((?:\.\d+)*)/.exec(spec);
      if (!b) continue;
      // `<2` and `<2.0.0` allow 1.x at most; `<2.0.1` allows 2.0.0; `<=1.7.1` and `~=1.7` stay in 1.x.
      const major = Number(b[2]);
      const zeros = b[3]!.split('.').every((x) => x === '' || Number(x) === 0);
      add(m[1]!, b[1] === '<' && zeros ? major - 1 : major);
    }
  }
}
