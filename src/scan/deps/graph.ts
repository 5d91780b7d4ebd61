import type { Lockfile } from './types.js';

/**
 * Shortest dependency path from the project to each package, from the lockfile graph: the chain
 * a reader follows to find who pulls a vulnerable package in. `undefined` when the format has no
 * graph (Pipfile.lock) or the package cannot be reached from the project's own dependencies.
 */
export function dependencyPaths(lock: Lockfile): (key: string) => string[] | undefined {
  if (!lock.hasGraph) return () => undefined;
  const nameOf = new Map<string, string>();
  const edges = new Map<string, readonly string[]>();
  const incoming = new Set<string>();
  for (const p of lock.packages) {
    const key = p.key ?? p.name;
    nameOf.set(key, p.name);
    edges.set(key, p.dependsOn ?? []);
    for (const d of p.dependsOn ?? []) if (d !== key) incoming.add(d);
  }
  const roots = lock.direct ?? [...nameOf.keys()].filter((k) => !incoming.has(k));
  const parent = new Map<string, string | null>();
  const queue: string[] = [];
  for (const r of roots) {
    if (nameOf.has(r) && !parent.has(r)) {
      parent.set(r, null);
      queue.push(r);
    }
  }
  // Breadth first: the first time a package is reached is along a shortest path.
  for (let i = 0; i < queue.length; i++) {
    const k = queue[i]!;
    for (const d of edges.get(k) ?? []) {
      if (!parent.has(d) && nameOf.has(d)) {
        parent.set(d, k);
        queue.push(d);
      }
    }
  }
  return (key) => {
    if (!parent.has(key)) return undefined;
    const chain: string[] = [];
    for (let k: string | null | undefined = key; k; k = parent.get(k)) chain.push(nameOf.get(k)!);
    return chain.reverse();
  };
}

/** "direct" or "express > body-parser > qs" or "path unknown". */
export function describePath(chain: string[] | undefined): string {
  if (!chain) return 'path unknown';
  return chain.length === 1 ? 'direct dependency' : `via ${chain.join(' > ')}`;
}
