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
    return [{ name: normalizePyName(p.name), version: p.version, line: headerLines[i], dependsOn: deps, dev: p.category === 'dev' }];
  });
  return { file, ecosystem: 'PyPI', format: 'poetry', packages, hasGraph: true, notes };
}
