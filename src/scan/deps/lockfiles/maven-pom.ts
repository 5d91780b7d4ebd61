import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { lineIndex } from './json-text.js';

/**
 * pom.xml: the project's `<dependencies>` and `<dependencyManagement>` entries that carry a
 * version, with `${...}` resolved from the pom's own `<properties>`, `project.version`,
 * `project.groupId` and the `<parent>`'s. A pom names only direct dependencies (Maven resolves the
 * rest at build time): for the full set, lock with Gradle or scan the built image. A version that
 * stays unresolved (a property from a parent pom, a range like "[1.0,2.0)") is a warning with its line.
 */
export function parseMavenPom(text: string, file: string): Lockfile {
  const doc = parseDocument(text, { xmlMode: true, withStartIndices: true });
  const project = children(doc.children).find((e) => e.name === 'project');
  if (!project) throw new LockfileError(file, 1, 'no <project> element: not a Maven pom.xml');
  const at = lineIndex(text);
  const parent = child(project, 'parent');
  const props = new Map<string, string>();
  for (const [k, v] of [
    ['project.version', textOf(child(project, 'version')) ?? textOf(child(parent, 'version'))],
    ['project.groupId', textOf(child(project, 'groupId')) ?? textOf(child(parent, 'groupId'))],
    ['project.artifactId', textOf(child(project, 'artifactId'))],
    ['project.parent.version', textOf(child(parent, 'version'))],
    ['project.parent.groupId', textOf(child(parent, 'groupId'))],
  ] as const) {
    if (v !== undefined) {
      props.set(k, v);
      props.set(k.replace(/^project\./, 'pom.'), v);
    }
  }
  for (const p of children(child(project, 'properties')?.children ?? [])) {
    const v = textOf(p);
    if (v !== undefined) props.set(p.name, v);
  }
  const resolve = (v: string | undefined): string | undefined => {
    let out = v;
    // Properties may refer to properties: a few rounds, no cycles followed for ever.
    for (let i = 0; i < 5 && out?.includes('${'); i++) out = out.replace(/\$\{([^}]+)\}/g, (m, name: string) => props.get(name) ?? m);
    return out;
  };

  const packages: LockedPackage[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const lists = [child(project, 'dependencies'), child(child(project, 'dependencyManagement'), 'dependencies')];
  for (const list of lists) {
    for (const dep of children(list?.children ?? []).filter((e) => e.name === 'dependency')) {
      const line = at(dep.startIndex ?? 0);
      const groupId = resolve(textOf(child(dep, 'groupId')));
      const artifactId = resolve(textOf(child(dep, 'artifactId')));
      const rawVersion = textOf(child(dep, 'version'));
      if (!groupId || !artifactId || groupId.includes('${') || artifactId.includes('${')) {
        notes.push(skippedEntry(file, line, 'a <dependency> needs a resolvable <groupId> and <artifactId>'));
        continue;
      }
      if (rawVersion === undefined) continue; // managed elsewhere (a BOM or the parent): nothing to pin here
      const version = resolve(rawVersion)!;
      if (version.includes('${') || /^[[(]/.test(version)) {
        notes.push(skippedEntry(file, line, `${groupId}:${artifactId} has version "${rawVersion}", which this pom does not pin`));
        continue;
      }
      const name = `${groupId}:${artifactId}`;
      if (seen.has(`${name}@${version}`)) continue;
      seen.add(`${name}@${version}`);
      const scope = textOf(child(dep, 'scope'));
      packages.push({ name, version, line, ...(scope === 'test' ? { dev: true } : {}) });
    }
  }
  return { file, ecosystem: 'Maven', format: 'pom.xml', packages, direct: packages.map((p) => p.name), hasGraph: false, notes };
}

function children(nodes: readonly ChildNode[]): Element[] {
  return nodes.filter((n): n is Element => n.type === 'tag');
}

function child(e: Element | undefined, name: string): Element | undefined {
  return e ? children(e.children).find((c) => c.name === name) : undefined;
}

function textOf(e: Element | undefined): string | undefined {
  if (!e) return undefined;
  const t = e.children.map((c) => ('data' in c && c.type === 'text' ? c.data : '')).join('').trim();
  return t === '' ? undefined : t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
