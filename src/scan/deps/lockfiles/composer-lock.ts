import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { isObject, lineIndex, parseJsonLockfile } from './json-text.js';

/**
 * composer.lock (JSON: `packages` and `packages-dev` arrays of { name, version, require }). Versions
 * keep Composer's spelling ("v5.4.1"; matching strips the "v"). Platform requirements (php, ext-*)
 * are not packages.
 */
export function parseComposerLock(text: string, file: string): Lockfile {
  const doc = parseJsonLockfile(text, file);
  if (!isObject(doc) || (!Array.isArray(doc.packages) && !Array.isArray(doc['packages-dev']))) throw new LockfileError(file, 1, 'expected "packages" and/or "packages-dev" arrays: not a composer.lock');
  const at = lineIndex(text);
  const packages: LockedPackage[] = [];
  const notes: string[] = [];
  let from = 0;
  for (const group of ['packages', 'packages-dev'] as const) {
    const list = doc[group];
    if (!Array.isArray(list)) continue;
    const sectionAt = text.indexOf(`"${group}"`, 0);
    from = sectionAt < 0 ? from : sectionAt;
    for (const p of list) {
      // The entry's line: the next `"name": "<name>"` after the previous one.
      const name = isObject(p) && typeof p.name === 'string' ? p.name : undefined;
      const pos = name === undefined ? -1 : text.indexOf(`"name": ${JSON.stringify(name)}`, from);
      const line = pos < 0 ? undefined : at(pos);
      if (pos >= 0) from = pos + 1;
      if (!isObject(p) || name === undefined || typeof p.version !== 'string') {
        notes.push(skippedEntry(file, line, `a ${group} entry needs string "name" and "version"`));
        continue;
      }
      const deps = isObject(p.require) ? Object.keys(p.require).filter((d) => d.includes('/')).map((d) => d.toLowerCase()) : [];
      packages.push({ name, version: p.version, key: name.toLowerCase(), ...(line !== undefined ? { line } : {}), dependsOn: deps, dev: group === 'packages-dev' });
    }
  }
  return { file, ecosystem: 'Packagist', format: 'composer.lock', packages, hasGraph: true, notes };
}
