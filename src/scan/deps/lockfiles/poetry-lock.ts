import { parse, TomlError } from 'smol-toml';
import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { isObject } from './json-text.js';
import { normalizePyName } from './pep503.js';

/**
 * poetry.lock (TOML, `[[package]]` tables). It does not name the project's own dependencies (they
 * are in pyproject.toml), so packages no other package depends on are taken as direct.
 */
export function parsePoetryLock(text: string, file: string): Lockfile {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) throw new LockfileError(file, err.line, `invalid TOML: ${err.message.split('\n')[0]}`);
    throw new LockfileError(file, undefined, `invalid TOML: ${(err as Error).message}`);
  }
  const list = doc.package;
  if (!Array.isArray(list)) throw new LockfileError(file, 1, 'no [[package]] tables: not a poetry lockfile');
  // Lines of each `[[package]]` header, in order, to pin findings to the entry.
  const headerLines: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (/^\s*\[\[package\]\]\s*$/.test(l)) headerLines.push(i + 1);
  });
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
