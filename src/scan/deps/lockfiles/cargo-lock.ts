import { skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { isObject } from './json-text.js';
import { tomlPackageTables } from './toml-packages.js';

/**
 * Cargo.lock (TOML, `[[package]]` tables with name, version, source and `dependencies` as
 * "name", "name version" or "name version (source)"). Workspace crates (no `source`) are listed
 * too: they are packages of the build, and OSV simply has no record for them.
 */
export function parseCargoLock(text: string, file: string): Lockfile {
  const { list, headerLines } = tomlPackageTables(text, file, 'Cargo.lock');
  const notes: string[] = [];
  const entries = list.flatMap((p: unknown, i) => {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.version !== 'string') {
      notes.push(skippedEntry(file, headerLines[i], 'a [[package]] table needs string "name" and "version"'));
      return [];
    }
    const deps = Array.isArray(p.dependencies) ? p.dependencies.filter((d): d is string => typeof d === 'string') : [];
    return [{ name: p.name, version: p.version, line: headerLines[i], deps }];
  });
  // A dependency without a version names the only locked version of that crate.
  const versionsOf = new Map<string, string[]>();
  for (const e of entries) versionsOf.set(e.name, [...(versionsOf.get(e.name) ?? []), e.version]);
  const packages: LockedPackage[] = entries.map((e) => ({
    name: e.name,
    version: e.version,
    line: e.line,
    key: `${e.name}@${e.version}`,
    dependsOn: e.deps.map((d) => {
      const [name, version] = d.split(/\s+/);
      return `${name}@${version ?? versionsOf.get(name!)?.[0] ?? ''}`;
    }),
  }));
  return { file, ecosystem: 'crates.io', format: 'Cargo.lock', packages, hasGraph: true, notes };
}
