import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCommit } from '../../../src/scan/deps/lockfiles/git-commit.js';
import { matchAffected } from '../../../src/scan/deps/osv/match.js';
import { parsePackageLock } from '../../../src/scan/deps/lockfiles/package-lock.js';
import { parsePnpmLock } from '../../../src/scan/deps/lockfiles/pnpm-lock.js';
import { parsePoetryLock } from '../../../src/scan/deps/lockfiles/poetry-lock.js';
import { parseRequirements } from '../../../src/scan/deps/lockfiles/requirements.js';
import { parseYarnLock } from '../../../src/scan/deps/lockfiles/yarn-lock.js';
import { readLockfiles } from '../../../src/scan/deps/scan.js';
import type { Lockfile } from '../../../src/scan/deps/types.js';
import { FIXTURES, fixture } from './helpers.js';

// Shapes a peer extractor's fixtures showed we read differently (issue 19): git dependencies and their
// commits, local folders, Poetry 2 groups, short pip options, a comment-only pnpm lockfile.
const at = (rel: string) => `lockfile-shapes/${rel}`;
const listed = (lock: Lockfile) => lock.packages.map((p) => `${p.name}@${p.version}${p.commit ? `#${p.commit.slice(0, 4)}` : ''}${p.dev ? ' dev' : ''}`).sort();

describe('git dependencies keep their commit', () => {
  it('gitCommit: git URLs, hosted shorthands, berry #commit=, codeload and GitLab archives; never a registry tarball', () => {
    const sha = 'a'.repeat(40);
    expect(gitCommit(`git+ssh://git@github.com/o/r.git#${sha}`)).toBe(sha);
    expect(gitCommit(`github:o/r#${sha}`)).toBe(sha);
    expect(gitCommit(`r@https://github.com/o/r.git#commit=${sha}`)).toBe(sha);
    expect(gitCommit(`https://codeload.github.com/o/r/tar.gz/${sha}`)).toBe(sha);
    expect(gitCommit(`https://gitlab.com/o/r/repository/archive.tar.gz?ref=${sha}`)).toBe(sha);
    // yarn v1 appends the tarball's SHA-1 to a registry URL: that is no commit.
    expect(gitCommit(`https://registry.yarnpkg.com/r/-/r-1.0.0.tgz#${sha}`)).toBeUndefined();
    expect(gitCommit('git+ssh://git@github.com/o/r.git#main')).toBeUndefined();
    expect(gitCommit(undefined)).toBeUndefined();
  });

  it('package-lock v1: a git URL or a file: folder written as the version is no version; the git one keeps its commit', () => {
    const lock = parsePackageLock(fixture(at('npm-v1/package-lock.json')), 'package-lock.json');
    expect(listed(lock)).toEqual(['chalk@2.4.2', 'left-pad@#1111 dev', 'local-helper@', 'tiny-lib@#2222']);
  });

  it('package-lock v3: a git dependency keeps its version and commit; one npm wrote without a version is kept by its commit', () => {
    const lock = parsePackageLock(fixture(at('npm-v2/package-lock.json')), 'package-lock.json');
    expect(listed(lock)).toEqual(['chalk@2.4.2', 'unversioned@#4444', 'widget@1.3.0#3333']);
    // A registry entry without a version is still a warning naming its line.
    expect(lock.notes).toEqual([expect.stringMatching(/^package-lock\.json:23: package "node_modules\/broken" has no "version"/)]);
  });

  it('yarn v1: the commit from a git or hosted-tarball `resolved`, none from a registry tarball hash', () => {
    const lock = parseYarnLock(fixture(at('yarn-v1/yarn.lock')), 'yarn.lock');
    expect(listed(lock)).toEqual(['chalk@2.4.2', 'gadget@0.4.0#5555', 'parser@1.0.1#7777', 'tooling@2.1.0#6666']);
  });

  it('yarn berry: the commit from the resolution ("#commit=<sha>")', () => {
    const lock = parseYarnLock(fixture(at('yarn-berry/yarn.lock')), 'yarn.lock');
    expect(listed(lock)).toEqual(['chalk@2.4.2', 'gadget@0.4.0#8888']);
  });

  it('pnpm v5: a git package keyed by its repository path takes name, version and commit from its entry', () => {
    const lock = parsePnpmLock(fixture(at('pnpm-v5/pnpm-lock.yaml')), 'pnpm-lock.yaml');
    expect(listed(lock)).toEqual(['chalk@2.4.2', 'widget@1.3.0#9a9b']);
  });

  it('pnpm v9: a hosted-tarball dependency takes its version from `packages` and its commit from the tarball URL', () => {
    const lock = parsePnpmLock(fixture(at('pnpm-v9/pnpm-lock.yaml')), 'pnpm-lock.yaml');
    expect(listed(lock)).toEqual(['chalk@2.4.2', 'gadget@0.4.0#abab']);
  });

  it('a git install without a version ("") is never matched by version, even by a range open from "0"', () => {
    const lock = parsePackageLock(fixture(at('npm-v1/package-lock.json')), 'package-lock.json');
    const tiny = lock.packages.find((p) => p.name === 'tiny-lib')!;
    const everything = { package: { ecosystem: 'npm', name: 'tiny-lib' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] };
    expect(matchAffected(everything, 'npm', tiny.version)).toBeUndefined();
    expect(matchAffected(everything, 'npm', '1.0.0')).toBeDefined();
  });

  it('poetry: a git source keeps its resolved commit', () => {
    const lock = parsePoetryLock(fixture(at('poetry/poetry.lock')), 'poetry.lock');
    expect(lock.packages.find((p) => p.name === 'acme-utils')?.commit).toBe('cd'.repeat(20));
  });
});

describe('groups, options and empty files', () => {
  it('poetry 2: development-only when no group needing it is "main"', () => {
    const lock = parsePoetryLock(fixture(at('poetry/poetry.lock')), 'poetry.lock');
    expect(listed(lock)).toEqual(['acme-utils@0.3.0#cdcd', 'pytest@8.0.0 dev', 'requests@2.31.0']);
  });

  it('pnpm v9: development-only when only devDependencies of the importers lead to it (shared with a prod dependency: not dev)', () => {
    const lock = parsePnpmLock(fixture(at('pnpm-v9-dev/pnpm-lock.yaml')), 'pnpm-lock.yaml');
    expect(listed(lock)).toEqual(['express-lite@1.0.0', 'orphan@1.0.0', 'shared-util@2.0.0', 'site-gen@0.9.2 dev', 'test-runner@3.1.0 dev', 'typescript@5.4.5 dev']);
  });

  it('requirements: short pip options (-C key=value) after a pin are ignored; names with "-C..." stay whole', () => {
    const lock = parseRequirements(fixture(at('requirements/requirements.txt')), 'requirements.txt');
    expect(listed(lock)).toEqual(['flask-cors@4.0.0', 'flask@3.0.0', 'gunicorn@21.2.0', 'sqlalchemy-utils@0.41.1']);
    expect(lock.notes).toEqual([]);
  });

  it('pnpm: a lockfile holding only comments is empty, not refused', async () => {
    expect(parsePnpmLock(fixture(at('pnpm-comments/pnpm-lock.yaml')), 'pnpm-lock.yaml').packages).toEqual([]);
    const read = await readLockfiles({ root: path.join(FIXTURES, at('pnpm-comments')) });
    expect(read.problems).toEqual([]);
    expect(read.lockfiles.map((l) => l.packages.length)).toEqual([0]);
  });
});

describe('SBOM of git dependencies', () => {
  it('a git install is its own component (bom-ref with the commit) and carries gonogo:git-commit', async () => {
    const { cycloneDxBom } = await import('../../../src/scan/deps/cyclonedx.js');
    const a = parsePackageLock(fixture(at('npm-v1/package-lock.json')), 'package-lock.json');
    // Two commits of one package under two names that npm wrote with no version: two components.
    const twice: Lockfile = { ...a, packages: [...a.packages, { ...a.packages.find((p) => p.name === 'tiny-lib')!, key: 'node_modules/x/node_modules/tiny-lib', commit: 'b'.repeat(40) }] };
    const bom = cycloneDxBom({ lockfiles: [twice], matched: [], project: { name: 'p' }, timestamp: new Date(0) }) as unknown as { components: { 'bom-ref': string; properties: { name: string; value: string }[] }[] };
    const tiny = bom.components.filter((c) => c['bom-ref'].startsWith('package-lock.json#tiny-lib@'));
    expect(tiny.map((c) => c['bom-ref']).sort()).toEqual([`package-lock.json#tiny-lib@+git.${'2'.repeat(40)}`, `package-lock.json#tiny-lib@+git.${'b'.repeat(40)}`]);
    expect(tiny[0]!.properties).toContainEqual({ name: 'gonogo:git-commit', value: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });
});
