import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';

/**
 * Gradle dependency locking (`gradle.lockfile`, `buildscript-gradle.lockfile`): one
 * "group:artifact:version=configuration,..." line per module, `#` comments, and an `empty=` line.
 * Packages are named "group:artifact" as OSV's Maven ecosystem names them.
 */
export function parseGradleLockfile(text: string, file: string): Lockfile {
  const packages: LockedPackage[] = [];
  const notes: string[] = [];
  let lines = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    lines++;
    if (/^empty\s*=/.test(line)) return;
    const m = /^([^:\s=]+):([^:\s=]+):([^:\s=]+)(?:=(.*))?$/.exec(line);
    if (!m) {
      notes.push(skippedEntry(file, i + 1, `expected group:artifact:version=configurations, got "${line.slice(0, 80)}"`));
      return;
    }
    const configurations = (m[4] ?? '').split(',').map((c) => c.trim());
    const dev = configurations.length > 0 && configurations.every((c) => /^test/i.test(c));
    packages.push({ name: `${m[1]}:${m[2]}`, version: m[3]!, line: i + 1, ...(dev ? { dev } : {}) });
  });
  if (lines > 0 && packages.length === 0 && notes.length === lines) throw new LockfileError(file, 1, 'no group:artifact:version lines: not a Gradle lockfile');
  return { file, ecosystem: 'Maven', format: 'gradle.lockfile', packages, hasGraph: false, notes };
}
