import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { isObject, lineIndex, parseJsonLockfile } from './json-text.js';
import { normalizePyName } from './pep503.js';

/**
 * Pipfile.lock (JSON: `default` and `develop` maps of name -> { version: "==1.2.3" }). It is a
 * flat list with no dependency graph, so the path that brings a package in is unknown.
 */
export function parsePipfileLock(text: string, file: string): Lockfile {
  const doc = parseJsonLockfile(text, file);
  if (!isObject(doc) || (!isObject(doc.default) && !isObject(doc.develop))) throw new LockfileError(file, 1, 'expected "default" and/or "develop" maps: not a Pipfile.lock');
  const at = lineIndex(text);
  const packages: LockedPackage[] = [];
  const notes: string[] = [];
  let from = 0;
  for (const group of ['default', 'develop'] as const) {
    const section = doc[group];
    if (!isObject(section)) continue;
    const sectionAt = text.indexOf(`"${group}":`);
    from = sectionAt < 0 ? from : sectionAt;
    for (const [name, entry] of Object.entries(section)) {
      const i = text.indexOf(`${JSON.stringify(name)}:`, from);
      const line = i < 0 ? undefined : at(i);
      if (!isObject(entry)) {
        notes.push(skippedEntry(file, line, `"${name}" is not an object`));
        continue;
      }
      if (typeof entry.version !== 'string') continue; // git / path / editable installs carry no version
      const m = /^===?\s*(\S+)$/.exec(entry.version.trim());
      if (!m) {
        notes.push(skippedEntry(file, line, `"${name}" has version ${JSON.stringify(entry.version)}, expected "==X"`));
        continue;
      }
      packages.push({ name: normalizePyName(name), version: m[1]!, line, dev: group === 'develop' });
    }
  }
  return { file, ecosystem: 'PyPI', format: 'Pipfile.lock', packages, hasGraph: false, notes };
}
