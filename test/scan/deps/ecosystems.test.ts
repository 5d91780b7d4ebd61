import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageUrl } from '../../../src/scan/deps/cyclonedx.js';
import { parserFor } from '../../../src/scan/deps/lockfiles/index.js';
import { compareComposerVersions, isComposerVersion } from '../../../src/scan/deps/osv/composer-version.js';
import { compareMavenVersions } from '../../../src/scan/deps/osv/maven-version.js';
import { compareRubyVersions } from '../../../src/scan/deps/osv/ruby-version.js';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import { ECOSYSTEMS, type Lockfile } from '../../../src/scan/deps/types.js';
import { tmpDir } from '../../helpers/cli.js';
import { FIXTURES, fixture } from './helpers.js';

const POLY = path.join(FIXTURES, 'polyglot');
const DB = path.join(FIXTURES, 'osv-ecosystems');

function parse(rel: string): Lockfile {
  const file = path.posix.basename(rel);
  return parserFor(file)!(fixture(`polyglot/${rel}`), rel);
}
const list = (lock: Lockfile) => lock.packages.map((p) => `${p.name}@${p.version}`).sort();

describe('Go, crates.io, RubyGems, Packagist and Maven lockfiles', () => {
  it('go.mod: require lines and blocks, replace applied, a bad line warned with its line', () => {
    const lock = parse('go/go.mod');
    expect(lock.ecosystem).toBe('Go');
    expect(list(lock)).toEqual(['github.com/gin-gonic/gin@v1.9.0', 'github.com/google/uuid@v1.3.0', 'github.com/new/thing@v1.2.0', 'golang.org/x/net@v0.7.0', 'stdlib@1.21.0']);
    expect(lock.direct).not.toContain('golang.org/x/net');
    expect(lock.direct).toContain('stdlib');
    expect(lock.notes).toEqual([expect.stringMatching(/^go\/go\.mod:9: cannot read requirement .*the rest of the file was scanned$/)]);
  });

  it('go.mod: the standard library is package "stdlib" at the toolchain release, else the go line, spelled as OSV spells Go releases', () => {
    const go = (text: string) => parserFor('go.mod')!(text, 'go.mod');
    const stdlib = (text: string) => go(text).packages.filter((p) => p.name === 'stdlib').map((p) => `${p.version}:${p.line}`);
    expect(stdlib('module a\n\ngo 1.22.3\n\ntoolchain go1.23.4\n')).toEqual(['1.23.4:5']);
    expect(stdlib('module a\ngo 1.19\n')).toEqual(['1.19.0:2']);
    expect(stdlib('module a\ngo 1.22\ntoolchain go1.22rc2\n')).toEqual(['1.22.0-rc.2:3']);
    expect(stdlib('module a\ngo 1.21.1\ntoolchain go1.21.6-custom.1\n')).toEqual(['1.21.6:3']);
    expect(stdlib('module a\nrequire example.com/x v1.0.0\n')).toEqual([]);
    const odd = go('module a\ngo banana\n');
    expect(odd.packages).toEqual([]);
    expect(odd.notes).toEqual([expect.stringMatching(/^go\.mod:2: cannot read Go version "banana" for the standard library; this entry was skipped/)]);
  });

  it('go.mod: the advisories of Go itself (package stdlib) are matched against that release', async () => {
    const dir = tmpDir('gonogo-stdlib-');
    mkdirSync(path.join(dir, 'db'));
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/svc\n\ngo 1.21\n\ntoolchain go1.21.3\n\nrequire github.com/google/uuid v1.3.0\n');
    const record = (id: string, introduced: string, fixed: string) => ({ id, modified: '2026-01-01T00:00:00Z', summary: `${id} in net/http`, affected: [{ package: { ecosystem: 'Go', name: 'stdlib' }, ranges: [{ type: 'SEMVER', events: [{ introduced }, { fixed }] }] }] });
    writeFileSync(path.join(dir, 'db', 'GO-2099-1001.json'), JSON.stringify(record('GO-2099-1001', '1.21.0-0', '1.21.5')));
    writeFileSync(path.join(dir, 'db', 'GO-2099-1002.json'), JSON.stringify(record('GO-2099-1002', '0', '1.20.11')));
    const r = await scanDeps({ root: dir, db: path.join(dir, 'db'), exclude: ['db/**'] });
    expect(r.findings.map((f) => [f.ruleId, f.location])).toEqual([['deps.GO-2099-1001', { file: 'go.mod', line: 5 }]]);
    expect(r.findings[0]!.message).toMatch(/^stdlib 1\.21\.3: GO-2099-1001 .*fixed in 1\.21\.5; path unknown$/);
  });

  it('pom.xml: one artifact declared twice with two versions: both are checked, the second warned with both lines', () => {
    const pom = '<project>\n  <dependencies>\n    <dependency><groupId>org.acme</groupId><artifactId>core</artifactId><version>2.0.0</version></dependency>\n    <dependency><groupId>org.acme</groupId><artifactId>util</artifactId><version>1.0</version></dependency>\n    <dependency><groupId>org.acme</groupId><artifactId>core</artifactId><version>2.1.0</version></dependency>\n    <dependency><groupId>org.acme</groupId><artifactId>util</artifactId><version>1.0</version></dependency>\n  </dependencies>\n</project>\n';
    const lock = parserFor('pom.xml')!(pom, 'svc/pom.xml');
    expect(list(lock)).toEqual(['org.acme:core@2.0.0', 'org.acme:core@2.1.0', 'org.acme:util@1.0']);
    expect(lock.notes).toEqual(['svc/pom.xml:5: org.acme:core 2.1.0 is declared again (first at line 3, 2.0.0); Maven builds with only one of them: both are checked, remove the other']);
  });

  it('pom.xml: a profile active by default adds its properties and dependencies; other profiles are named in a note', () => {
    const pom = [
      '<project>',
      '  <properties><jackson.version>2.9.0</jackson.version></properties>',
      '  <dependencies><dependency><groupId>org.acme</groupId><artifactId>core</artifactId><version>1.0.0</version></dependency></dependencies>',
      '  <profiles>',
      '    <profile>',
      '      <id>default-stack</id>',
      '      <activation><activeByDefault>true</activeByDefault></activation>',
      '      <properties><jackson.version>2.13.1</jackson.version></properties>',
      '      <dependencies><dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${jackson.version}</version></dependency></dependencies>',
      '    </profile>',
      '    <profile>',
      '      <id>legacy</id>',
      '      <activation><property><name>legacy</name></property></activation>',
      '      <dependencies><dependency><groupId>org.acme</groupId><artifactId>legacy-io</artifactId><version>0.9</version></dependency></dependencies>',
      '    </profile>',
      '  </profiles>',
      '</project>',
    ].join('\n');
    const lock = parserFor('pom.xml')!(pom, 'pom.xml');
    expect(lock.packages.map((p) => `${p.name}@${p.version}:${p.line}`)).toEqual(['org.acme:core@1.0.0:3', 'com.fasterxml.jackson.core:jackson-databind@2.13.1:9']);
    expect(lock.notes).toEqual(['pom.xml: dependencies of profiles not active by default are not listed (scan the build\'s resolved set to check them): legacy (line 11)']);
  });

  it('go.sum: one package per module@version, the /go.mod lines folded in, a bad line warned', () => {
    const lock = parse('gosum/go.sum');
    expect(list(lock)).toEqual(['github.com/gin-gonic/gin@v1.9.0', 'golang.org/x/text@v0.3.7']);
    expect(lock.notes).toEqual([expect.stringMatching(/^gosum\/go\.sum:4: /)]);
  });

  it('Cargo.lock: packages, dependency graph with and without versions, a table without version warned', () => {
    const lock = parse('rust/Cargo.lock');
    expect(lock.ecosystem).toBe('crates.io');
    expect(list(lock)).toEqual(['app@0.1.0', 'smallvec@1.6.0', 'time@0.1.44']);
    expect(lock.packages.find((p) => p.name === 'app')!.dependsOn).toEqual(['smallvec@1.6.0', 'time@0.1.44']);
    expect(lock.notes).toEqual([expect.stringMatching(/^rust\/Cargo\.lock:22: /)]);
  });

  it('Gemfile.lock: GEM and GIT specs, platform suffix cut, one gem per version, DEPENDENCIES as direct', () => {
    const lock = parse('ruby/Gemfile.lock');
    expect(lock.ecosystem).toBe('RubyGems');
    expect(list(lock)).toEqual(['nokogiri@1.13.6', 'private_gem@0.2.0', 'racc@1.6.0', 'rack@2.2.3.1']);
    expect(lock.packages.find((p) => p.name === 'nokogiri')!.dependsOn).toEqual(['racc']);
    expect(lock.direct).toEqual(['nokogiri', 'private_gem', 'rack']);
    expect(lock.notes).toEqual([expect.stringMatching(/^ruby\/Gemfile\.lock:16: cannot read gem "this is not a gem line"/)]);
  });

  it('composer.lock: packages and packages-dev, platform requirements left out, an entry without version warned', () => {
    const lock = parse('php/composer.lock');
    expect(lock.ecosystem).toBe('Packagist');
    expect(list(lock)).toEqual(['guzzlehttp/psr7@2.4.1', 'psr/http-message@1.0.1', 'symfony/yaml@v5.4.1']);
    expect(lock.packages.find((p) => p.name === 'guzzlehttp/psr7')!.dependsOn).toEqual(['psr/http-message']);
    expect(lock.packages.find((p) => p.name === 'symfony/yaml')!.dev).toBe(true);
    expect(lock.notes).toEqual([expect.stringMatching(/^php\/composer\.lock:15: /)]);
  });

  it('pom.xml: explicit and property versions (nested, project.*), unresolved ones warned, unversioned ones left to the BOM', () => {
    const lock = parse('maven/pom.xml');
    expect(lock.ecosystem).toBe('Maven');
    expect(list(lock)).toEqual(['com.fasterxml.jackson.core:jackson-databind@2.13.2', 'junit:junit@4.13.1', 'org.apache.logging.log4j:log4j-core@2.14.1', 'org.example:shop-common@3.1.0']);
    expect(lock.packages.find((p) => p.name === 'junit:junit')!.dev).toBe(true);
    expect(lock.notes).toEqual([expect.stringMatching(/^maven\/pom\.xml:31: org\.unknown:from-parent has version "\$\{defined\.in\.parent\}"/)]);
  });

  it('gradle lockfiles: group:artifact:version lines, test-only configurations as dev, a bad line warned', () => {
    const lock = parse('gradle/gradle.lockfile');
    expect(list(lock)).toEqual(['com.google.guava:guava@30.0-jre', 'junit:junit@4.12', 'org.apache.commons:commons-text@1.9']);
    expect(lock.packages.find((p) => p.name === 'junit:junit')!.dev).toBe(true);
    expect(lock.notes).toEqual([expect.stringMatching(/^gradle\/gradle\.lockfile:7: /)]);
    expect(list(parse('gradle/buildscript-gradle.lockfile'))).toEqual(['org.yaml:snakeyaml@1.33']);
  });

  it('names each ecosystem as OSV spells it and gives each package a purl', () => {
    expect(ECOSYSTEMS).toEqual(expect.arrayContaining(['Go', 'crates.io', 'RubyGems', 'Packagist', 'Maven']));
    expect(packageUrl({ ecosystem: 'Go' }, { name: 'github.com/gin-gonic/gin', version: 'v1.9.0' })).toBe('pkg:golang/github.com/gin-gonic/gin@v1.9.0');
    expect(packageUrl({ ecosystem: 'crates.io' }, { name: 'smallvec', version: '1.6.0' })).toBe('pkg:cargo/smallvec@1.6.0');
    expect(packageUrl({ ecosystem: 'RubyGems' }, { name: 'rack', version: '2.2.3.1' })).toBe('pkg:gem/rack@2.2.3.1');
    expect(packageUrl({ ecosystem: 'Packagist' }, { name: 'Symfony/Yaml', version: 'v5.4.1' })).toBe('pkg:composer/symfony/yaml@v5.4.1');
    expect(packageUrl({ ecosystem: 'Maven' }, { name: 'junit:junit', version: '4.12' })).toBe('pkg:maven/junit/junit@4.12');
  });
});

describe('version orders of these ecosystems', () => {
  const ascending = (cmp: (a: string, b: string) => number, versions: string[]) => {
    for (let i = 0; i + 1 < versions.length; i++) {
      expect(cmp(versions[i]!, versions[i + 1]!), `${versions[i]} < ${versions[i + 1]}`).toBe(-1);
      expect(cmp(versions[i + 1]!, versions[i]!), `${versions[i + 1]} > ${versions[i]}`).toBe(1);
    }
  };

  it("Maven: ComparableVersion's documented qualifier order, numbers as numbers, trailing zeros ignored", () => {
    ascending(compareMavenVersions, ['1-alpha1', '1-beta1', '1-milestone1', '1-rc1', '1-snapshot', '1', '1-sp1', '1-abc', '1-1', '1.1', '1.2', '1.10', '2.0-beta9', '2.14.1', '2.15.0']);
    for (const [a, b] of [['1', '1.0'], ['1', '1.0.0'], ['1', '1-ga'], ['1', '1-final'], ['2.0.0.RELEASE', '2.0.0'], ['1a1', '1-alpha-1'], ['1cr1', '1-rc-1'], ['1.0-M1', '1.0-milestone-1']] as const) {
      expect(compareMavenVersions(a, b), `${a} == ${b}`).toBe(0);
    }
    expect(compareMavenVersions('30.0-jre', '32.0.0-android')).toBe(-1);
  });

  it("Composer: normalised versions in PHP's version_compare order; branches are not versions", () => {
    ascending(compareComposerVersions, ['1.0.0-dev', '1.0.0-alpha1', '1.0.0-beta1', '1.0.0-beta2', '1.0.0-RC1', '1.0.0', '1.0.0-p1', '1.0.1', 'v1.10.0']);
    expect(compareComposerVersions('v1.2', '1.2.0.0')).toBe(0);
    expect(compareComposerVersions('5.4.0-BETA1', 'v5.4.1')).toBe(-1);
    expect(isComposerVersion('dev-main')).toBe(false);
  });

  it('RubyGems: letters make pre-releases, trailing zeros ignored, four segments', () => {
    ascending(compareRubyVersions, ['1.0.a', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '2.2.3', '2.2.3.1', '2.2.10']);
    expect(compareRubyVersions('1.0', '1')).toBe(0);
  });
});

describe('matching these ecosystems against OSV records', () => {
  it('scans a folder of all of them: each format read, go.sum beside go.mod skipped, advisories matched by ecosystem order', async () => {
    const r = await scanDeps({ root: POLY, db: DB });
    expect(r.problems).toEqual([]);
    expect(r.lockfiles.map((l) => `${l.file} ${l.ecosystem}`).sort()).toEqual([
      'go/go.mod Go',
      'gosum/go.sum Go',
      'gradle/buildscript-gradle.lockfile Maven',
      'gradle/gradle.lockfile Maven',
      'maven/pom.xml Maven',
      'php/composer.lock Packagist',
      'ruby/Gemfile.lock RubyGems',
      'rust/Cargo.lock crates.io',
    ]);
    const byFile = r.findings.map((f) => (f.location && 'file' in f.location ? f.location.file : '')).sort();
    expect(byFile).toEqual(['go/go.mod', 'go/go.mod', 'gradle/buildscript-gradle.lockfile', 'gradle/gradle.lockfile', 'gradle/gradle.lockfile', 'maven/pom.xml', 'maven/pom.xml', 'php/composer.lock', 'php/composer.lock', 'ruby/Gemfile.lock', 'rust/Cargo.lock', 'rust/Cargo.lock']);
    const ids = new Set(r.matched.map((m) => `${m.pkg.name}@${m.pkg.version} ${m.group.map((g) => g.record.id).join('+')}`));
    expect([...ids].sort()).toEqual([
      'com.fasterxml.jackson.core:jackson-databind@2.13.2 GHSA-2099-mvn1-0002',
      'com.google.guava:guava@30.0-jre GHSA-2099-mvn1-0003',
      'github.com/new/thing@v1.2.0 GO-2099-0002',
      'golang.org/x/net@v0.7.0 GO-2099-0001',
      'guzzlehttp/psr7@2.4.1 GHSA-2099-php1-0001',
      'junit:junit@4.12 GHSA-2099-mvn1-0004',
      'nokogiri@1.13.6 GHSA-2099-gem1-0001',
      'org.apache.logging.log4j:log4j-core@2.14.1 GHSA-2099-mvn1-0001',
      'org.yaml:snakeyaml@1.33 GHSA-2099-mvn1-0005',
      'smallvec@1.6.0 RUSTSEC-2099-0001',
      'symfony/yaml@v5.4.1 GHSA-2099-php1-0002',
      'time@0.1.44 RUSTSEC-2099-0002',
    ]);
    // At the fixed version (gin 1.9.0, rack 2.2.3.1, junit 4.13.1, psr/http-message 1.0.1) nothing matches.
    expect(r.notes.filter((n) => /this entry was skipped/.test(n))).toHaveLength(7);
  });
});
