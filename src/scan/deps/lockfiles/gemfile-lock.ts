import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';

/**
 * Gemfile.lock: the `specs:` of its GEM, GIT and PATH sections list each gem as
 * "    name (version[-platform])" with its own dependencies indented two more spaces; DEPENDENCIES
 * names the project's own. A gem locked for several platforms is one gem@version.
 */
export function parseGemfileLock(text: string, file: string): Lockfile {
  const packages = new Map<string, LockedPackage & { dependsOn: string[] }>();
  const direct: string[] = [];
  const notes: string[] = [];
  let section = '';
  let inSpecs = false;
  let current: (LockedPackage & { dependsOn: string[] }) | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    if (raw.trim() === '') return;
    if (/^\S/.test(raw)) {
      section = raw.trim();
      inSpecs = false;
      current = undefined;
      return;
    }
    if (['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE'].includes(section)) {
      if (/^ {2}specs:\s*$/.test(raw)) {
        inSpecs = true;
        return;
      }
      if (!inSpecs || /^ {2}\S/.test(raw)) return; // remote:, revision:, branch: ...
      const spec = /^ {4}(\S+) \(([^)]+)\)\s*$/.exec(raw);
      if (spec) {
        const version = spec[2]!.replace(/-(x86|x64|arm|aarch64|universal|java|jruby|mswin|mingw|darwin|linux|ruby|truffleruby|wasm)[\w.-]*$/i, '');
        const key = spec[1]!;
        const prev = packages.get(key);
        current = prev ?? { name: spec[1]!, version, line: n, key, dependsOn: [] };
        if (!prev) packages.set(key, current);
        return;
      }
      const dep = /^ {6}(\S+)(?: \(.*\))?\s*$/.exec(raw);
      if (dep && current) {
        if (!current.dependsOn.includes(dep[1]!)) current.dependsOn.push(dep[1]!);
        return;
      }
      current = undefined;
      notes.push(skippedEntry(file, n, `cannot read gem "${raw.trim().slice(0, 80)}"`));
    } else if (section === 'DEPENDENCIES') {
      const dep = /^ {2}([^\s!]+)/.exec(raw);
      if (dep) direct.push(dep[1]!);
    }
  });
  if (packages.size === 0 && !/^(GEM|GIT|PATH)\s*$/m.test(text)) throw new LockfileError(file, 1, 'no GEM, GIT or PATH section: not a Gemfile.lock');
  return { file, ecosystem: 'RubyGems', format: 'Gemfile.lock', packages: [...packages.values()], direct: direct.filter((d) => packages.has(d)), hasGraph: true, notes };
}
