import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';

/** A module path and a version ("v1.2.3", "v0.0.0-2023...-abcdef", "v2.0.0+incompatible"). */
const MODULE_VERSION = /^(\S+)\s+(v\d+\.\d+\.\d+\S*)$/;

/** Drop a `// comment` and surrounding space; quoted module paths lose their quotes. */
function clean(line: string): string {
  return line.replace(/\/\/.*$/, '').trim().replace(/"([^"]*)"/g, '$1');
}

/**
 * go.mod: the `require` directives (one line or a block), with `replace` directives applied — a
 * replacement by another module@version counts as that module; one by a local path is reported
 * with the version it replaced and noted. `// indirect` requirements are kept (they are built in).
 * The standard library is a package too (`stdlib`, as OSV's Go records name it) at the `toolchain`
 * release, else the `go` line's: Go's own advisories are matched against it.
 * go.mod names every module the build uses since Go 1.17, and no graph: all count as direct.
 */
export function parseGoMod(text: string, file: string): Lockfile {
  const lines = text.split(/\r?\n/);
  const required: { name: string; version: string; line: number; indirect: boolean }[] = [];
  const replaces = new Map<string, { name: string; version?: string; line: number }>();
  const notes: string[] = [];
  // The Go release the module is built with: the toolchain line, else the go line (OSV names it "stdlib").
  let goLine: { version: string; line: number } | undefined;
  let toolchainLine: { version: string; line: number } | undefined;
  let block: string | undefined;
  let sawModule = false;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const n = i + 1;
    if (line === '') return;
    if (block) {
      if (line === ')') {
        block = undefined;
        return;
      }
      directive(block, line, n, raw.includes('// indirect'));
      return;
    }
    const m = /^(module|go|toolchain|require|replace|exclude|retract|godebug|tool|ignore)\b\s*(.*)$/.exec(line);
    if (!m) {
      notes.push(skippedEntry(file, n, `cannot read "${line.slice(0, 80)}"`));
      return;
    }
    if (m[1] === 'module') sawModule = true;
    if (m[1] === 'go') goLine = { version: m[2]!, line: n };
    if (m[1] === 'toolchain') toolchainLine = { version: m[2]!.replace(/^go/, '').split('-')[0]!, line: n };
    if (m[2] === '(') block = m[1];
    else directive(m[1]!, m[2]!, n, raw.includes('// indirect'));
  });
  if (!sawModule && required.length === 0) throw new LockfileError(file, 1, 'no module or require directive: not a go.mod file');

  function directive(kind: string, rest: string, n: number, indirect: boolean): void {
    if (kind === 'require') {
      const m = MODULE_VERSION.exec(rest);
      if (m) required.push({ name: m[1]!, version: m[2]!, line: n, indirect });
      else notes.push(skippedEntry(file, n, `cannot read requirement "${rest.slice(0, 80)}"`));
    } else if (kind === 'replace') {
      const m = /^(\S+)(?:\s+(\S+))?\s*=>\s*(\S+)(?:\s+(\S+))?$/.exec(rest);
      if (!m) notes.push(skippedEntry(file, n, `cannot read replace "${rest.slice(0, 80)}"`));
      else replaces.set(m[1]!, { name: m[3]!, ...(m[4] ? { version: m[4] } : {}), line: n });
    }
  }

  const packages: LockedPackage[] = required.map((r) => {
    const rep = replaces.get(r.name);
    if (!rep) return { name: r.name, version: r.version, line: r.line };
    if (rep.version) return { name: rep.name, version: rep.version, line: r.line };
    notes.push(`${file}:${rep.line}: ${r.name} is replaced by the local path ${rep.name}; reported as ${r.name}@${r.version}`);
    return { name: r.name, version: r.version, line: r.line };
  });
  const direct = packages.filter((_p, i) => !required[i]!.indirect).map((p) => p.name);
  const release = toolchainLine ?? goLine;
  const stdlib = release && goReleaseSemver(release.version);
  if (stdlib) {
    packages.push({ name: 'stdlib', version: stdlib, line: release.line });
    direct.push('stdlib');
  } else if (release) notes.push(skippedEntry(file, release.line, `cannot read Go version "${release.version.slice(0, 40)}" for the standard library`));
  return { file, ecosystem: 'Go', format: 'go.mod', packages, direct, hasGraph: false, notes };
}

/** A Go release as OSV's Go records spell it (SemVer): "1.16" -> "1.16.0", "1.21rc2" -> "1.21.0-rc.2". */
export function goReleaseSemver(v: string): string | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${m[3] ?? '0'}${m[4] ? `-${m[4]}.${m[5]}` : ''}`;
}

/**
 * go.sum: one line per module@version (and one per its go.mod, "/go.mod"). It lists every module
 * the build may download, so it is read only when no go.mod sits beside it (scan.ts).
 */
export function parseGoSum(text: string, file: string): Lockfile {
  const seen = new Map<string, LockedPackage>();
  const notes: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = /^(\S+)\s+(v\d+\.\d+\.\d+\S*?)(\/go\.mod)?\s+h1:\S+$/.exec(line);
    if (!m) {
      notes.push(skippedEntry(file, i + 1, `cannot read "${line.slice(0, 80)}"`));
      return;
    }
    const key = `${m[1]}@${m[2]}`;
    if (!seen.has(key)) seen.set(key, { name: m[1]!, version: m[2]!, line: i + 1 });
  });
  if (seen.size === 0 && notes.length > 0) throw new LockfileError(file, 1, 'no "module version h1:hash" line: not a go.sum file');
  return { file, ecosystem: 'Go', format: 'go.sum', packages: [...seen.values()], hasGraph: false, notes };
}
