import { LineCounter, parseDocument } from 'yaml';
import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { gitCommit } from './git-commit.js';
import { isObject } from './json-text.js';

/** yarn.lock: classic v1 (its own indented format) or berry (v2+, YAML with `__metadata`). */
export function parseYarnLock(text: string, file: string): Lockfile {
  return /^__metadata:/m.test(text) ? parseBerry(text, file) : parseClassic(text, file);
}

/**
 * `"@babel/core@^7.0.0"` -> "@babel/core". An alias (`string-width-cjs@npm:string-width@^4.2.0`) installs the
 * package after `npm:`, and that is the name advisories use.
 */
function specName(spec: string): string {
  const at = spec.indexOf('@', 1);
  if (at < 0) return spec;
  const range = spec.slice(at + 1);
  if (range.startsWith('npm:') && range.indexOf('@', 'npm:'.length + 1) > 0) return specName(range.slice('npm:'.length));
  return spec.slice(0, at);
}

const unquote = (s: string): string => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

interface Entry {
  specs: string[];
  /** berry: `resolution` ("lodash@npm:4.17.21"), which names the installed package even behind an alias. */
  resolution?: string;
  line: number;
  version?: string;
  /** v1: `resolved` URL; a git dependency's names its commit. */
  resolved?: string;
  deps: [string, string][];
}

function parseClassic(text: string, file: string): Lockfile {
  const entries: Entry[] = [];
  const notes: string[] = [];
  let current: Entry | undefined;
  let inDeps = false;
  let skipping = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      if (!line.endsWith(':')) {
        notes.push(skippedEntry(file, i + 1, `expected "<package>@<range>:" to start an entry, got ${JSON.stringify(line.slice(0, 60))}`));
        current = undefined;
        skipping = true;
        continue;
      }
      skipping = false;
      const specs = line.slice(0, -1).split(/,\s*/).map((s) => unquote(s.trim()));
      current = { specs, line: i + 1, deps: [] };
      entries.push(current);
      inDeps = false;
    } else if (!current) {
      if (!skipping) throw new LockfileError(file, i + 1, 'indented line before any entry');
    } else if (indent === 2) {
      inDeps = line === 'dependencies:' || line === 'optionalDependencies:';
      // Some writers quote the key too: `"version" "0.0.1"`.
      const m = /^"?version"?:?\s+"?([^"\s]+)"?$/.exec(line);
      if (m) current.version = m[1];
      const r = /^"?resolved"?:?\s+"?([^"\s]+)"?$/.exec(line);
      if (r) current.resolved = r[1];
    } else if (inDeps && indent >= 4) {
      const m = /^("(?:[^"]+)"|\S+):?\s+"?([^"]*)"?$/.exec(line);
      if (m) current.deps.push([unquote(m[1]!), m[2]!]);
      else notes.push(`${file}:${i + 1}: cannot read dependency line ${JSON.stringify(line.slice(0, 60))}; the entry is kept without it`);
    }
  }
  for (const e of entries) if (e.version === undefined) notes.push(skippedEntry(file, e.line, `entry ${e.specs[0]} has no version`));
  return { ...build(entries.filter((e) => e.version !== undefined), (name, range) => `${name}@${range}`, file, 'yarn v1', undefined), notes };
}

function parseBerry(text: string, file: string): Lockfile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new LockfileError(file, lc.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!root || !('items' in root)) throw new LockfileError(file, 1, 'expected a YAML mapping');
  const entries: Entry[] = [];
  const workspaces: Entry[] = [];
  const notes: string[] = [];
  for (const pair of (root as { items: { key: { value?: unknown; range?: [number, number, number] }; value: unknown }[] }).items) {
    const key = String(pair.key.value ?? '');
    if (key === '__metadata') continue;
    const line = pair.key.range ? lc.linePos(pair.key.range[0]).line : undefined;
    const value = doc.getIn([pair.key.value]) as unknown;
    const obj = (value as { toJSON?: () => unknown })?.toJSON?.() ?? value;
    if (!isObject(obj)) {
      notes.push(skippedEntry(file, line, `entry "${key}" is not a mapping`));
      continue;
    }
    const resolution = typeof obj.resolution === 'string' ? obj.resolution : key;
    const deps: [string, string][] = isObject(obj.dependencies) ? Object.entries(obj.dependencies).map(([n, r]) => [n, String(r)]) : [];
    const entry: Entry = { specs: key.split(/,\s*/), resolution, line: line ?? 1, version: obj.version === undefined ? undefined : String(obj.version), deps };
    // Workspaces are the project: their dependencies are direct. Every workspace but the root one, and
    // file:/link:/portal: packages (keys like "pkg@file:../x::locator=app%40workspace%3A."), are packages too.
    if (/@workspace:/.test(resolution)) {
      workspaces.push(entry);
      if (/@workspace:\.$/.test(resolution)) continue;
    }
    if (entry.version === undefined) {
      notes.push(skippedEntry(file, line, `entry "${key}" has no version`));
      continue;
    }
    entries.push(entry);
  }
  // Berry writes dependency ranges without the protocol when it is npm: `lodash: ^4` means `lodash@npm:^4`.
  const specFor = (name: string, range: string) => (/^[a-z]+:/.test(range) ? `${name}@${range}` : `${name}@npm:${range}`);
  const direct = workspaces.flatMap((w) => w.deps.map(([n, r]) => specFor(n, r)));
  return { ...build(entries, specFor, file, 'yarn berry', workspaces.length > 0 ? direct : undefined), notes };
}

/** One package per entry; its key is its first spec, and every spec of it resolves to that key. */
function build(entries: Entry[], specFor: (name: string, range: string) => string, file: string, format: string, directSpecs: string[] | undefined): Lockfile {
  const keyOfSpec = new Map<string, string>();
  // A berry file:/portal: spec carries the workspace that asked for it ("::locator=app%40workspace%3A."): dependents omit it.
  for (const e of entries) for (const s of e.specs) for (const k of [s, s.replace(/::locator=.*$/, '')]) if (!keyOfSpec.has(k) || k === s) keyOfSpec.set(k, e.specs[0]!);
  const packages: LockedPackage[] = entries.map((e) => {
    // A git dependency pins a commit: berry in its resolution ("pkg@https://host/repo.git#commit=<sha>"), v1 in `resolved`.
    const commit = gitCommit(e.resolution) ?? gitCommit(e.resolved);
    return {
      name: e.resolution ? specName(e.resolution) : specName(e.specs[0]!),
      version: e.version!,
      key: e.specs[0]!,
      line: e.line,
      dependsOn: e.deps.map(([n, r]) => keyOfSpec.get(specFor(n, r))).filter((k): k is string => k !== undefined),
      ...(commit ? { commit } : {}),
    };
  });
  const direct = directSpecs?.map((s) => keyOfSpec.get(s)).filter((k): k is string => k !== undefined);
  return { file, ecosystem: 'npm', format, packages, direct, hasGraph: true };
}
