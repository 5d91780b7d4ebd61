import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeclaredDependency } from './check-versions.js';

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Dependencies from `root/package.json`, with installed versions from package-lock.json when present. */
export function projectDependencies(root: string): Map<string, DeclaredDependency> {
  const deps = new Map<string, DeclaredDependency>();
  const pkg = readJson(path.join(root, 'package.json'));
  if (!pkg) return deps;
  const lock = readJson(path.join(root, 'package-lock.json'));
  const packages = (lock?.packages ?? {}) as Record<string, { version?: string }>;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const list = pkg[field];
    if (!list || typeof list !== 'object') continue;
    for (const [name, range] of Object.entries(list as Record<string, unknown>)) {
      if (typeof range !== 'string' || deps.has(name)) continue;
      deps.set(name, { range, locked: packages[`node_modules/${name}`]?.version });
    }
  }
  if (typeof pkg.name === 'string' && typeof pkg.version === 'string') deps.set(pkg.name, { range: pkg.version, locked: pkg.version });
  return deps;
}
