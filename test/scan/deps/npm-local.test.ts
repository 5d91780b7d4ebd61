import { describe, expect, it } from 'vitest';
import { dependencyPaths } from '../../../src/scan/deps/graph.js';
import { parsePackageLock } from '../../../src/scan/deps/lockfiles/package-lock.js';
import { parsePnpmLock } from '../../../src/scan/deps/lockfiles/pnpm-lock.js';
import { parseYarnLock } from '../../../src/scan/deps/lockfiles/yarn-lock.js';
import type { Lockfile } from '../../../src/scan/deps/types.js';
import { fixture } from './helpers.js';

const list = (lock: Lockfile) => lock.packages.map((p) => `${p.name}@${p.version}`).sort();

describe('npm-family git, file, link and workspace dependencies are packages', () => {
  it('package-lock v2: a file: folder outside node_modules and a workspace are reported, named by spec or package.json', () => {
    const lock = parsePackageLock(fixture('npm-local/lock-v2/package-lock.json'), 'package-lock.json');
    expect(list(lock)).toEqual(['@shop/api@0.3.0', 'left-pad@1.3.0', 'minimist@1.2.5', 'tools@2.1.0']);
    expect(lock.packages.find((p) => p.name === 'tools')).toMatchObject({ dev: true, line: 12 });
    expect(dependencyPaths(lock)('vendor/tools')).toEqual(['tools']);
    expect(lock.direct).toEqual(expect.arrayContaining(['node_modules/left-pad', 'vendor/tools', 'packages/api']));
    expect(lock.notes).toEqual([]);
  });

  it('pnpm v9: a git dependency takes its version from the packages entry, not from the URL key', () => {
    const lock = parsePnpmLock(fixture('npm-local/pnpm-v9-git/pnpm-lock.yaml'), 'pnpm-lock.yaml');
    expect(list(lock)).toEqual(['colors@1.4.0', 'left-pad@1.3.0']);
    expect(dependencyPaths(lock)('left-pad@1.3.0')).toEqual(['left-pad']);
    expect(lock.direct).toContain(lock.packages.find((p) => p.name === 'colors')!.key);
  });

  it('pnpm: file: keys are read from the entry name and version; one without a name is a warning with its line', () => {
    const lock = parsePnpmLock(fixture('npm-local/pnpm-files/pnpm-lock.yaml'), 'pnpm-lock.yaml');
    expect(list(lock)).toEqual(['helper@0.9.1']);
    expect(lock.notes).toEqual([expect.stringMatching(/^pnpm-lock\.yaml:17: local package "file:\.\.\/unnamed" has no "name" and "version"/)]);
  });

  it('yarn berry: file: entries with ::locator= and non-root workspaces are packages; the root workspace is not', () => {
    const lock = parseYarnLock(fixture('npm-local/berry/yarn.lock'), 'yarn.lock');
    expect(list(lock)).toEqual(['@shop/api@0.3.0', 'helper@0.9.1', 'left-pad@1.3.0']);
    const pathTo = dependencyPaths(lock);
    expect(pathTo('left-pad@npm:1.3.0')).toEqual(['left-pad']);
    expect(pathTo('helper@file:../helper::locator=shop%40workspace%3A.')).toEqual(['helper']);
  });
});
