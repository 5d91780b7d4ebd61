import type { LockedPackage, Lockfile } from '../deps/types.js';

/** What os-release says, and the OSV ecosystem its packages are matched against (undefined: not covered). */
export interface OsInfo {
  id: string;
  versionId?: string;
  prettyName?: string;
  /** "Debian:12", "Alpine:v3.19". */
  osvEcosystem?: string;
}

/** os-release(5): KEY=value lines, values optionally quoted with shell escapes. */
export function parseOsRelease(text: string): OsInfo | undefined {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    kv.set(m[1]!, v);
  }
  const id = kv.get('ID');
  if (!id) return undefined;
  const versionId = kv.get('VERSION_ID');
  const info: OsInfo = { id, ...(versionId ? { versionId } : {}), ...(kv.get('PRETTY_NAME') ? { prettyName: kv.get('PRETTY_NAME')! } : {}) };
  if (id === 'debian' && versionId && /^\d+$/.test(versionId)) info.osvEcosystem = `Debian:${versionId}`;
  const alpine = id === 'alpine' && versionId ? /^(\d+)\.(\d+)/.exec(versionId) : null;
  if (alpine) info.osvEcosystem = `Alpine:v${alpine[1]}.${alpine[2]}`;
  return info;
}

interface Stanza {
  fields: Map<string, string>;
  line: number;
}

/** RFC 822-style paragraphs (dpkg status) or apk's `X:value` records, split on blank lines; continuation lines skipped. */
function stanzas(text: string): Stanza[] {
  const out: Stanza[] = [];
  let cur: Stanza | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    if (l.trim() === '') {
      cur = undefined;
      continue;
    }
    if (l.startsWith(' ') || l.startsWith('\t')) continue;
    const at = l.indexOf(':');
    if (at <= 0) continue;
    if (!cur) out.push((cur = { fields: new Map(), line: i + 1 }));
    const key = l.slice(0, at);
    if (!cur.fields.has(key)) cur.fields.set(key, l.slice(at + 1).trim());
  }
  return out;
}

/** Binary packages grouped by the source package and version advisories name. */
function bySource(entries: { source: string; version: string; binary: string; line: number; file: string }[]): LockedPackage[] {
  const groups = new Map<string, { name: string; version: string; line: number; file: string; binaries: string[] }>();
  for (const e of entries) {
    const k = `${e.source}\0${e.version}`;
    const g = groups.get(k);
    if (g) {
      if (!g.binaries.includes(e.binary)) g.binaries.push(e.binary);
    } else groups.set(k, { name: e.source, version: e.version, line: e.line, file: e.file, binaries: [e.binary] });
  }
  return [...groups.values()].map((g) => ({ name: g.name, version: g.version, line: g.line, file: g.file, binaries: g.binaries.sort(), key: `${g.name}@${g.version}` }));
}

/**
 * dpkg's database: `var/lib/dpkg/status`, or one file per package in `status.d/` (distroless
 * images). Only installed packages count; `Source: name (version)` gives the source package
 * (binNMUs carry their own binary version, the source version is in the parentheses).
 */
export function dpkgPackages(files: readonly [string, string][], osvEcosystem: string | undefined): Lockfile | undefined {
  const entries: { source: string; version: string; binary: string; line: number; file: string }[] = [];
  for (const [file, text] of files) {
    for (const s of stanzas(text)) {
      const name = s.fields.get('Package');
      const version = s.fields.get('Version');
      const status = s.fields.get('Status');
      if (!name || !version) continue;
      // status.d entries have no Status field: they are installed by definition.
      if (status !== undefined && !/\binstalled$/.test(status)) continue;
      const src = /^(\S+)(?:\s+\((\S+)\))?$/.exec(s.fields.get('Source') ?? '');
      entries.push({ source: src?.[1] ?? name, version: src?.[2] ?? version, binary: name, line: s.line, file });
    }
  }
  if (entries.length === 0) return undefined;
  return { file: files[0]![0], ecosystem: 'Debian', ...(osvEcosystem ? { osvEcosystem } : {}), format: 'dpkg status', packages: bySource(entries), hasGraph: false };
}

/** apk's database `lib/apk/db/installed`: `P:` package, `V:` version, `o:` origin (the source package). */
export function apkPackages(file: string, text: string, osvEcosystem: string | undefined): Lockfile | undefined {
  const entries: { source: string; version: string; binary: string; line: number; file: string }[] = [];
  for (const s of stanzas(text)) {
    const name = s.fields.get('P');
    const version = s.fields.get('V');
    if (!name || !version) continue;
    entries.push({ source: s.fields.get('o') || name, version, binary: name, line: s.line, file });
  }
  if (entries.length === 0) return undefined;
  return { file, ecosystem: 'Alpine', ...(osvEcosystem ? { osvEcosystem } : {}), format: 'apk installed', packages: bySource(entries), hasGraph: false };
}
