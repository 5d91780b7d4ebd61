import path from 'node:path';
import type { Lockfile } from '../types.js';
import { effectiveProperties, interpolate, isImport, pomLockfile, readPom, type ManagedEntry, type PomInheritance, type PomModel } from './maven-pom.js';

/**
 * The pom.xml files of one scanned tree read together, as Maven builds a multi-module project: a module inherits its
 * parent's properties and dependencyManagement (the parent found by `<relativePath>`, default `../pom.xml`, else by
 * its coordinates among the tree's poms), and BOMs imported with `<scope>import</scope>` add their managed versions
 * when the BOM is a pom of the same tree. Parents and BOMs from a repository are not fetched: a dependency they
 * manage stays unlisted, with one note naming them.
 */
export function mavenProject(poms: ReadonlyMap<string, string>): (rel: string) => Lockfile {
  const models = new Map<string, PomModel>();
  for (const [rel, text] of poms) {
    try {
      models.set(rel, readPom(text, rel));
    } catch {
      // Not readable: its own lockfile() call reports it; as a parent it is simply not found.
    }
  }
  const gav = (groupId?: string, artifactId?: string, version?: string) => `${groupId ?? '?'}:${artifactId ?? '?'}:${version ?? '?'}`;
  const byGav = new Map<string, PomModel>();
  for (const m of models.values()) byGav.set(gav(m.groupId, m.artifactId, interpolate(m.version, m.properties)), m);

  const parentOf = (m: PomModel): PomModel | undefined => {
    const p = m.parent;
    if (!p) return undefined;
    const rel = p.relativePath ?? '../pom.xml';
    if (rel !== '') {
      let at = path.posix.normalize(path.posix.join(path.posix.dirname(m.file), rel));
      if (!at.endsWith('.xml')) at = path.posix.join(at, 'pom.xml');
      const found = models.get(at);
      // Maven checks the coordinates of what it finds there; a version written as ${revision} is accepted.
      if (found && found.groupId === p.groupId && found.artifactId === p.artifactId) return found;
    }
    return byGav.get(gav(p.groupId, p.artifactId, p.version));
  };

  // Per pom: what it inherits; its `managed` is also its whole dependencyManagement in its own context, i.e. what
  // importing it as a BOM brings.
  const memo = new Map<PomModel, PomInheritance>();
  const resolve = (m: PomModel, visiting: Set<PomModel>): PomInheritance => {
    const known = memo.get(m);
    if (known) return known;
    visiting.add(m);
    const chain: PomModel[] = []; // ancestors, nearest first
    const missing: string[] = [];
    for (let cur = m; cur.parent; ) {
      const p = parentOf(cur);
      if (!p) {
        missing.push(`parent ${gav(cur.parent.groupId, cur.parent.artifactId, cur.parent.version)}`);
        break;
      }
      if (p === m || chain.includes(p)) break; // a cycle of parents: stop where it closes
      chain.push(p);
      cur = p;
    }
    const properties = new Map<string, string>();
    for (const a of [...chain].reverse()) for (const [k, v] of a.properties) properties.set(k, v);
    const inherited: PomInheritance = { properties, managed: new Map() };
    const props = effectiveProperties(m, inherited);
    // Inherit first, interpolate in this pom's context (as Maven does); its own entries beat its parents', and
    // declared entries beat imported BOMs.
    const managed = new Map<string, ManagedEntry>();
    const imports: string[] = [];
    for (const d of [m, ...chain].flatMap((x) => x.managed)) {
      const name = `${interpolate(d.groupId, props)}:${interpolate(d.artifactId, props)}`;
      const version = interpolate(d.version, props);
      if (isImport(d)) {
        if (version !== undefined) imports.push(`${name}:${version}`);
      } else if (version !== undefined && !managed.has(name)) managed.set(name, { version, ...(d.scope ? { scope: d.scope } : {}) });
    }
    for (const id of imports) {
      const bom = byGav.get(id);
      if (!bom || visiting.has(bom)) {
        if (!bom) missing.push(`BOM ${id}`);
        continue;
      }
      for (const [name, entry] of resolve(bom, visiting).managed) if (!managed.has(name)) managed.set(name, entry);
    }
    visiting.delete(m);
    const out: PomInheritance = { properties, managed, ...(missing.length ? { missing: missing.join(', ') } : {}) };
    memo.set(m, out);
    return out;
  };

  return (rel) => {
    const model = models.get(rel) ?? readPom(poms.get(rel) ?? '', rel); // unreadable: readPom throws its LockfileError
    return pomLockfile(model, resolve(model, new Set()));
  };
}
