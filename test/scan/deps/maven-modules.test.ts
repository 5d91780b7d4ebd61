import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../../../src/scan/deps/lockfiles/index.js';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import type { Lockfile } from '../../../src/scan/deps/types.js';
import { FIXTURES, fixture } from './helpers.js';

const ROOT = path.join(FIXTURES, 'maven-modules');
const DB = path.join(FIXTURES, 'osv-ecosystems');
const list = (lock: Lockfile | undefined) => (lock?.packages ?? []).map((p) => `${p.name}@${p.version}${p.dev ? ' (dev)' : ''}`).sort();

describe('a multi-module Maven project: parents and BOMs of the same tree', () => {
  it('a module takes managed versions (and a managed test scope) from its parent and the BOM the parent imports, interpolated with its own properties', async () => {
    const r = await scanDeps({ root: ROOT, db: DB });
    expect(r.problems).toEqual([]);
    const by = new Map(r.lockfiles.map((l) => [l.file, l]));
    expect([...by.keys()].sort()).toEqual(['app/pom.xml', 'bom/pom.xml', 'lib/pom.xml', 'pom.xml']);
    // jackson's managed ${jackson.version} is read in the module's context (Maven interpolates after inheriting).
    expect(list(by.get('app/pom.xml'))).toEqual([
      'com.fasterxml.jackson.core:jackson-databind@2.13.2',
      'junit:junit@4.12 (dev)',
      'org.apache.commons:commons-text@1.9',
      'org.apache.logging.log4j:log4j-core@2.14.1',
      'org.yaml:snakeyaml@1.33 (dev)',
    ]);
    expect(list(by.get('pom.xml'))).toEqual(['com.fasterxml.jackson.core:jackson-databind@2.9.8', 'junit:junit@4.12 (dev)']);
    expect(list(by.get('bom/pom.xml'))).toEqual(['org.apache.logging.log4j:log4j-core@2.14.1', 'org.yaml:snakeyaml@1.33']);
    // The line of a package whose version came from elsewhere is still the module's own <dependency>.
    expect(by.get('app/pom.xml')!.packages.find((p) => p.name.endsWith('log4j-core'))!.line).toBe(19);
  });

  it('parents and BOMs outside the tree are named once per module with each unlisted dependency and its line; their versions are not guessed', async () => {
    const r = await scanDeps({ root: ROOT, db: DB });
    expect(r.notes).toContain('app/pom.xml: 1 dependency takes its version from BOM org.springframework:spring-framework-bom:5.3.0, not in the scanned tree (never fetched from a repository): not listed: org.springframework:spring-core (line 33)');
    expect(r.notes).toContain('lib/pom.xml: 2 dependencies take their version from parent org.springframework.boot:spring-boot-starter-parent:2.7.0, not in the scanned tree (never fetched from a repository): not listed: org.springframework.boot:spring-boot-starter-web (line 14), org.springframework.boot:spring-boot-starter-test (line 18)');
    expect(r.notes.filter((n) => n.startsWith('lib/pom.xml:') && n.includes('junit:junit has version "${junit.version}"'))).toHaveLength(1);
    expect(r.lockfiles.find((l) => l.file === 'lib/pom.xml')!.packages).toEqual([]);
  });

  it('the inherited versions are matched against OSV: log4j-core 2.14.1 from the BOM is found vulnerable in the module', async () => {
    const r = await scanDeps({ root: ROOT, db: DB });
    const hits = r.matched.map((m) => `${m.lockfile.file} ${m.pkg.name}@${m.pkg.version}`);
    expect(hits).toContain('app/pom.xml org.apache.logging.log4j:log4j-core@2.14.1');
  });

  it('a pom read alone (an image layer, one file) lists only what it pins itself, as before', () => {
    const lock = parserFor('pom.xml')!(fixture('maven-modules/app/pom.xml'), 'app/pom.xml');
    expect(list(lock)).toEqual(['org.apache.commons:commons-text@1.9']);
    expect(lock.notes).toEqual([]);
  });
});
