import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { LockfileError, skippedEntry, type LockedPackage, type Lockfile } from '../types.js';
import { lineIndex } from './json-text.js';

/** One `<dependency>` as written (values not yet interpolated) and where. */
export interface PomDependency {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly scope?: string;
  readonly type?: string;
  readonly line: number;
}

/** What one pom.xml says by itself, before inheritance: its coordinates, parent, properties and dependency lists. */
export interface PomModel {
  readonly file: string;
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly parent?: { readonly groupId?: string; readonly artifactId?: string; readonly version?: string; readonly relativePath?: string };
  /** Its own `<properties>` plus the `project.*` / `pom.*` names it defines. */
  readonly properties: ReadonlyMap<string, string>;
  readonly dependencies: readonly PomDependency[];
  readonly managed: readonly PomDependency[];
  /** Profiles not active by default that declare dependencies (`id (line N)`): not listed, named in a note. */
  readonly otherProfiles?: readonly string[];
}

/** A managed version, and the scope a dependency without its own `<scope>` takes from it (Maven applies both). */
export interface ManagedEntry {
  readonly version: string;
  readonly scope?: string;
}

/** What a pom inherits from the poms of its project (maven-project.ts): none when it is read alone. */
export interface PomInheritance {
  /** Properties of its parents, nearest last (the pom's own win over them). */
  readonly properties: ReadonlyMap<string, string>;
  /** Managed versions and scopes (`groupId:artifactId` -> entry, already resolved) from its parents and imported BOMs. */
  readonly managed: ReadonlyMap<string, ManagedEntry>;
  /** Why dependencies without a version may stay unresolved (a parent or BOM outside the scanned tree), if so. */
  readonly missing?: string;
}

export function readPom(text: string, file: string): PomModel {
  const doc = parseDocument(text, { xmlMode: true, withStartIndices: true });
  const project = children(doc.children).find((e) => e.name === 'project');
  if (!project) throw new LockfileError(file, 1, 'no <project> element: not a Maven pom.xml');
  const at = lineIndex(text);
  const parentEl = child(project, 'parent');
  const parent = parentEl
    ? {
        groupId: textOf(child(parentEl, 'groupId')),
        artifactId: textOf(child(parentEl, 'artifactId')),
        version: textOf(child(parentEl, 'version')),
        // An empty <relativePath/> means "not in this tree": look it up by coordinates only.
        relativePath: child(parentEl, 'relativePath') ? (textOf(child(parentEl, 'relativePath')) ?? '') : undefined,
      }
    : undefined;
  const groupId = textOf(child(project, 'groupId')) ?? parent?.groupId;
  const version = textOf(child(project, 'version')) ?? parent?.version;
  const artifactId = textOf(child(project, 'artifactId'));
  const properties = new Map<string, string>();
  for (const [k, v] of [
    ['project.version', version],
    ['project.groupId', groupId],
    ['project.artifactId', artifactId],
    ['project.parent.version', parent?.version],
    ['project.parent.groupId', parent?.groupId],
  ] as const) {
    if (v !== undefined) {
      properties.set(k, v);
      properties.set(k.replace(/^project\./, 'pom.'), v);
    }
  }
  for (const p of children(child(project, 'properties')?.children ?? [])) {
    const v = textOf(p);
    if (v !== undefined) properties.set(p.name, v);
  }
  const list = (el: Element | undefined): PomDependency[] =>
    children(el?.children ?? [])
      .filter((e) => e.name === 'dependency')
      .map((d) => ({
        groupId: textOf(child(d, 'groupId')),
        artifactId: textOf(child(d, 'artifactId')),
        version: textOf(child(d, 'version')),
        scope: textOf(child(d, 'scope')),
        type: textOf(child(d, 'type')),
        line: at(d.startIndex ?? 0),
      }));
  const dependencies = list(child(project, 'dependencies'));
  const managed = list(child(child(project, 'dependencyManagement'), 'dependencies'));
  // A profile with <activeByDefault>true</activeByDefault> is part of every build that activates no other
  // profile: Maven merges its properties and dependencies into the model. The others depend on the build.
  const otherProfiles: string[] = [];
  for (const profile of children(child(project, 'profiles')?.children ?? []).filter((e) => e.name === 'profile')) {
    const deps = list(child(profile, 'dependencies'));
    const managedDeps = list(child(child(profile, 'dependencyManagement'), 'dependencies'));
    if (textOf(child(child(profile, 'activation'), 'activeByDefault')) !== 'true') {
      if (deps.length + managedDeps.length > 0) otherProfiles.push(`${textOf(child(profile, 'id')) ?? '(no id)'} (line ${at(profile.startIndex ?? 0)})`);
      continue;
    }
    for (const p of children(child(profile, 'properties')?.children ?? [])) {
      const v = textOf(p);
      if (v !== undefined) properties.set(p.name, v);
    }
    dependencies.push(...deps);
    managed.push(...managedDeps);
  }
  return {
    file,
    ...(groupId !== undefined ? { groupId } : {}),
    ...(artifactId !== undefined ? { artifactId } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(parent ? { parent } : {}),
    properties,
    dependencies,
    managed,
    ...(otherProfiles.length > 0 ? { otherProfiles } : {}),
  };
}

/** `${name}` replaced from these properties (properties may refer to properties: a few rounds, no cycle followed for ever). */
export function interpolate(v: string | undefined, props: ReadonlyMap<string, string>): string | undefined {
  let out = v;
  for (let i = 0; i < 5 && out?.includes('${'); i++) out = out.replace(/\$\{([^}]+)\}/g, (m, name: string) => props.get(name) ?? m);
  return out;
}

/** The pom's properties over what it inherits: the map `${...}` is resolved with. */
export function effectiveProperties(model: PomModel, inherited?: PomInheritance): Map<string, string> {
  return new Map([...(inherited?.properties ?? []), ...model.properties]);
}

/** A BOM import: `<type>pom</type><scope>import</scope>` inside `<dependencyManagement>`. */
export const isImport = (d: PomDependency) => d.scope === 'import' && d.type === 'pom';

/**
 * pom.xml as a Lockfile: its `<dependencies>` (a version of their own, else the managed version a parent or BOM of the
 * same tree gives them) and its own `<dependencyManagement>` entries that carry a version, `${...}` resolved from its
 * properties over its parents'. A pom names only direct dependencies (Maven resolves the rest at build time): for the
 * full set, lock with Gradle or scan the built image. A version that stays unresolved (a property of a parent pom
 * outside the tree, a range like "[1.0,2.0)") is a warning with its line.
 */
export function pomLockfile(model: PomModel, inherited?: PomInheritance): Lockfile {
  const file = model.file;
  const props = effectiveProperties(model, inherited);
  const packages: LockedPackage[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const declared = new Map<string, { line: number; version: string }>();
  const unmanaged: string[] = []; // "name (line N)" of dependencies whose version only a parent/BOM knows
  for (const [dep, managedList] of [...model.dependencies.map((d) => [d, false] as const), ...model.managed.filter((d) => !isImport(d)).map((d) => [d, true] as const)]) {
    const groupId = interpolate(dep.groupId, props);
    const artifactId = interpolate(dep.artifactId, props);
    if (!groupId || !artifactId || groupId.includes('${') || artifactId.includes('${')) {
      notes.push(skippedEntry(file, dep.line, 'a <dependency> needs a resolvable <groupId> and <artifactId>'));
      continue;
    }
    const name = `${groupId}:${artifactId}`;
    const managed = managedList ? undefined : inherited?.managed.get(name);
    const rawVersion = dep.version ?? managed?.version;
    const scope = dep.scope ?? managed?.scope;
    if (rawVersion === undefined) {
      if (!managedList) unmanaged.push(`${name} (line ${dep.line})`);
      continue; // managed by a parent or BOM this scan cannot see: nothing pinned here
    }
    const version = interpolate(rawVersion, props)!;
    if (version.includes('${') || /^[[(]/.test(version)) {
      notes.push(skippedEntry(file, dep.line, `${name} has version "${rawVersion}", which this pom does not pin`));
      continue;
    }
    if (seen.has(`${name}@${version}`)) continue;
    seen.add(`${name}@${version}`);
    // Maven warns "dependencies.dependency ... must be unique" and builds with one of the two: check both.
    const first = managedList ? undefined : declared.get(name);
    if (first) notes.push(`${file}:${dep.line}: ${name} ${version} is declared again (first at line ${first.line}, ${first.version}); Maven builds with only one of them: both are checked, remove the other`);
    else if (!managedList) declared.set(name, { line: dep.line, version });
    packages.push({ name, version, line: dep.line, ...(scope === 'test' ? { dev: true } : {}) });
  }
  if (unmanaged.length > 0 && inherited?.missing) {
    // One note per module (a Spring Boot module may have dozens), naming each dependency's line.
    const n = unmanaged.length;
    notes.push(`${file}: ${n} ${n === 1 ? 'dependency takes its' : 'dependencies take their'} version from ${inherited.missing}, not in the scanned tree (never fetched from a repository): not listed: ${unmanaged.join(', ')}`);
  }
  if (model.otherProfiles) notes.push(`${file}: dependencies of profiles not active by default are not listed (scan the build's resolved set to check them): ${model.otherProfiles.join(', ')}`);
  return { file, ecosystem: 'Maven', format: 'pom.xml', packages, direct: packages.map((p) => p.name), hasGraph: false, notes };
}

/** One pom.xml read alone (no parent or BOM resolved): the LockfileParser for images and single files. */
export function parseMavenPom(text: string, file: string): Lockfile {
  return pomLockfile(readPom(text, file));
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
