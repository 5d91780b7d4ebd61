import { skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { isObject } from './json-text.js';
import { tomlPackageTables } from './toml-packages.js';
import { normalizePyName } from './pep503.js';

/**
 * poetry.lock (TOML, `[[package]]` tables). It does not name the project's own dependencies (they
 * are in pyproject.toml), so packages no other package depends on are taken as direct.
 */
export function parsePoetryLock(text: string, file: string): Lockfile {
  const { list, headerLines } = tomlPackageTables(text, file, 'poetry lockfile');
  const notes: string[] = [];
  const packages: LockedPackage[] = list.flatMap((p: unknown, i) => {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.version !== 'string') {
      notes.push(skippedEntry(file, headerLines[i], 'a [[package]] table needs string "name" and "version"'));
      return [];
    }
    const deps = isObject(p.dependencies) ? Object.keys(p.dependencies).map(normalizePyName) : [];
    // Poetry 2 lists the groups that need a package (`groups = ["dev", "test"]`); Poetry 1 a `category`.
    // Development-only: needed by no group but the main one.
    const groups = Array.isArray(p.groups) ? p.groups.map(String) : undefined;
    const dev = groups ? groups.length > 0 && !groups.includes('main') : p.category === 'dev';
    // A git source installs the commit it resolved to.
    const source = isObject(p.source) ? p.source : {};
    const commit = source.type === 'git' && typeof source.resolved_reference === 'string' ? source.resolved_reference : undefined;
    return [{ name: normalizePyName(p.name), version: p.version, line: headerLines[i], dependsOn: deps, dev, ...(commit ? { commit } : {}) }];
  });
  return { file, ecosystem: 'PyPI', format: 'poetry', packages, hasGraph: true, notes };
}
