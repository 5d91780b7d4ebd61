import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { cycloneDxBom, cycloneDxJson, packageUrl } from '../../../src/scan/deps/cyclonedx.js';
import { scanDeps } from '../../../src/scan/deps/scan.js';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { mustHavePrerequisites, requirePrerequisite } from '../../helpers/system.js';
import { scanImage } from '../../../src/scan/image/scan.js';
import { BOOKWORM_PACKAGES, DEBIAN_12_OS_RELEASE, dpkgStatus } from '../image/image-fixtures.js';
import { FIXTURES, REPO, RUN_SHARED_OSV, SHARED_OSV, requireSharedOsv } from './helpers.js';

// The official CycloneDX 1.6 schema (and the two it $refs) beside the clone (CI: ../shared/peer); GONOGO_SHARED_PEER points elsewhere.
const SCHEMA_DIR = path.join(process.env.GONOGO_SHARED_PEER ?? path.resolve(REPO, '../shared/peer'), 'cyclonedx-schema/schema');
const HAVE_SCHEMA = existsSync(path.join(SCHEMA_DIR, 'bom-1.6.schema.json'));
const RUN = HAVE_SCHEMA || mustHavePrerequisites();
const OWN_DB = path.join(FIXTURES, 'osv-json');
const CUSTOM = 'test/fixtures/deps/custom-project';

type Bom = { components: { 'bom-ref': string; name: string; purl?: string; scope?: string }[]; dependencies: { ref: string; dependsOn: string[] }[]; vulnerabilities: Record<string, unknown>[]; metadata: Record<string, unknown> };

let compiled: ((doc: unknown) => string[]) | undefined;
function validator(): (doc: unknown) => string[] {
  if (compiled) return compiled;
  requirePrerequisite(HAVE_SCHEMA, `the CycloneDX 1.6 schema (${SCHEMA_DIR}/bom-1.6.schema.json)`, 'put shared/peer beside the repository (../shared/peer) or set GONOGO_SHARED_PEER');
  // CommonJS modules whose module object is also its own `.default` (see test/report/sarif-schema.test.ts).
  const Ajv = AjvModule.default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats.default(ajv);
  // ajv-formats has no IRI / IDN formats: an IRI reference is a URI reference that may hold non-ASCII (so no
  // whitespace or control characters); an IDN e-mail has an @ between two non-empty parts.
  ajv.addFormat('iri-reference', (s: string) => ![...s].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f));
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  for (const f of ['spdx.schema.json', 'jsf-0.82.schema.json']) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8')));
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'bom-1.6.schema.json'), 'utf8')));
  return (compiled = (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)));
}

describe.runIf(RUN)('CycloneDX 1.6 SBOM (scan deps --format cyclonedx)', () => {
  it('lists every package with a purl, the lockfile graph under the project, and the advisories with ratings, aliases and affected refs', async () => {
    const r = await scanDeps({ root: path.join(FIXTURES, 'custom-project'), db: OWN_DB });
    const bom = cycloneDxBom({ lockfiles: r.lockfiles, matched: r.matched, project: { name: 'custom-project' }, timestamp: new Date('2026-12-01T00:00:00Z') }) as unknown as Bom;
    expect(validator()(bom)).toEqual([]);
    expect(bom.metadata).toMatchObject({ timestamp: '2026-12-01T00:00:00.000Z', tools: { components: [{ name: 'gonogo' }] }, component: { 'bom-ref': 'project', name: 'custom-project' } });
    expect(bom.components.map((c) => c.purl).sort()).toEqual(['pkg:npm/formatter@2.0.0', 'pkg:npm/left-pad@1.1.0', 'pkg:pypi/some-pkg@1.4']);
    const refs = new Map(bom.components.map((c) => [c.name, c['bom-ref']]));
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    // package-lock: formatter is direct and pulls left-pad; requirements.txt has no graph: listed flat, no node of its own.
    expect(deps.get('project')!.sort()).toEqual([refs.get('formatter'), refs.get('some-pkg')].sort());
    expect(deps.get(refs.get('formatter')!)).toEqual([refs.get('left-pad')]);
    expect(deps.get(refs.get('left-pad')!)).toEqual([]);
    expect(deps.has(refs.get('some-pkg')!)).toBe(false);

    const ghsa = bom.vulnerabilities.find((v) => v.id === 'GHSA-aaaa-bbbb-cccc')!;
    expect(ghsa).toMatchObject({ source: { name: 'GitHub Advisory Database' }, affects: [{ ref: refs.get('left-pad'), versions: [{ version: '1.1.0', status: 'affected' }] }] });
    expect((ghsa.references as { id: string }[]).map((x) => x.id)).toEqual(['NSWG-ECO-9001', 'CVE-2099-0001']);
    expect(ghsa.ratings).toContainEqual({ score: 9.3, severity: 'critical', method: 'CVSSv4', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' });
    expect(bom.vulnerabilities.map((v) => v.id)).toContain('PYSEC-2099-1');
    expect(bom.vulnerabilities.find((v) => v.id === 'PYSEC-2099-1')!.affects).toEqual([{ ref: refs.get('some-pkg'), versions: [{ version: '1.4', status: 'affected' }] }]);
  });

  it('every lockfile fixture gives a schema-valid SBOM with one component per package', async () => {
    const validate = validator();
    const dirs = readdirSync(FIXTURES).filter((d) => !['osv-json', 'zip64', 'cvss-v2'].includes(d));
    let checked = 0;
    for (const d of dirs) {
      const r = await scanDeps({ root: path.join(FIXTURES, d), db: OWN_DB });
      if (r.lockfiles.length === 0) continue;
      const bom = cycloneDxBom({ lockfiles: r.lockfiles, matched: r.matched, project: { name: d }, timestamp: new Date() }) as unknown as Bom;
      expect(validate(bom), d).toEqual([]);
      const keys = new Set(r.lockfiles.flatMap((l) => l.packages.map((p) => `${l.file}#${p.name}@${p.version}`)));
      expect(bom.components.length, d).toBe(keys.size);
      // Every graph edge points at a listed component.
      const known = new Set(['project', ...bom.components.map((c) => c['bom-ref'])]);
      for (const dep of bom.dependencies) for (const to of dep.dependsOn) expect(known.has(to), `${d}: ${to}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('a requirements constraint stays schema-valid: its bound as version, the constraint as a property, the allowed range "unknown" beside the affected bound', async () => {
    const dir = tmpDir('gonogo-constraint-bom-');
    writeFileSync(path.join(dir, 'requirements.txt'), 'old-cgi-lib>=2.0\nsome-pkg~=1.4\nflask==2.0.1\n');
    const r = await scanDeps({ root: dir, db: OWN_DB });
    type Component = Bom['components'][number] & { version: string; properties: { name: string; value: string }[] };
    const bom = cycloneDxBom({ lockfiles: r.lockfiles, matched: r.matched, project: { name: 'constraints' }, timestamp: new Date() }) as unknown as Omit<Bom, 'components'> & { components: Component[] };
    expect(validator()(bom)).toEqual([]);
    const byName = new Map(bom.components.map((c) => [c.name, c]));
    expect(byName.get('old-cgi-lib')).toMatchObject({ version: '2.0', purl: 'pkg:pypi/old-cgi-lib@2.0' });
    expect(byName.get('old-cgi-lib')!.properties).toContainEqual({ name: 'gonogo:version-constraint', value: '>=2.0' });
    expect(byName.get('flask')!.properties.map((p) => p.name)).toEqual(['gonogo:lockfile']);
    const affects = (id: string) => bom.vulnerabilities.find((v) => v.id === id)!.affects as { versions: unknown[] }[];
    expect(affects('PYSEC-2099-2')[0]!.versions).toEqual([{ version: '2.0', status: 'affected' }, { range: 'vers:pypi/>=2.0', status: 'unknown' }]);
    // ~=1.4 is >=1.4, ==1.*
    expect(affects('PYSEC-2099-1')[0]!.versions).toEqual([{ version: '1.4', status: 'affected' }, { range: 'vers:pypi/>=1.4|<2', status: 'unknown' }]);
  });

  it('one name@version nested in several node_modules folders is one component with the edges of every copy', () => {
    const dir = tmpDir();
    const lock = { lockfileVersion: 3, packages: {
      '': { dependencies: { a: '1', b: '1' }, devDependencies: { c: '1' } },
      'node_modules/a': { version: '1.0.0', dependencies: { 'has-flag': '3' } },
      'node_modules/a/node_modules/has-flag': { version: '3.0.0' },
      'node_modules/b': { version: '1.0.0', dependencies: { 'has-flag': '3', ms: '2' } },
      'node_modules/b/node_modules/has-flag': { version: '3.0.0', dependencies: { ms: '2' } },
      'node_modules/ms': { version: '2.1.3' },
      'node_modules/c': { version: '1.0.0', dev: true, dependencies: { 'has-flag': '4' } },
      'node_modules/c/node_modules/has-flag': { version: '4.0.0', dev: true },
    } };
    writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
    return scanDeps({ root: dir, db: OWN_DB }).then((r) => {
      const bom = cycloneDxBom({ lockfiles: r.lockfiles, matched: r.matched, project: { name: 'nested' }, timestamp: new Date() }) as unknown as Bom;
      expect(validator()(bom)).toEqual([]);
      expect(bom.components.map((c) => `${c.name}@${c['bom-ref'].split('@').pop()}`).sort()).toEqual(['a@1.0.0', 'b@1.0.0', 'c@1.0.0', 'has-flag@3.0.0', 'has-flag@4.0.0', 'ms@2.1.3']);
      const hasFlag3 = 'package-lock.json#has-flag@3.0.0';
      expect(new Set(bom.components.map((c) => c.purl)).size).toBe(bom.components.length);
      expect(bom.components.find((c) => c['bom-ref'] === hasFlag3)).not.toHaveProperty('scope');
      expect(bom.components.find((c) => c['bom-ref'] === 'package-lock.json#has-flag@4.0.0')).toMatchObject({ scope: 'optional' });
      const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
      expect(deps.get('package-lock.json#a@1.0.0')).toEqual([hasFlag3]);
      expect(deps.get('package-lock.json#b@1.0.0')!.sort()).toEqual([hasFlag3, 'package-lock.json#ms@2.1.3']);
      // The copy under b/ needs ms; the copy under a/ needs nothing: the one component needs ms.
      expect(deps.get(hasFlag3)).toEqual(['package-lock.json#ms@2.1.3']);
    });
  });

  it('names and versions from a hostile lockfile come out JSON-escaped and unchanged', async () => {
    const dir = tmpDir();
    const evil = 'x"},"bomFormat":"evil</script>\n';
    writeFileSync(path.join(dir, 'requirements.txt'), 'safe-pkg==1.0\n');
    const r = await scanDeps({ root: dir, db: OWN_DB });
    const lock = { ...r.lockfiles[0]!, packages: [{ name: evil, version: '1.0"\\' }] };
    const text = cycloneDxJson({ lockfiles: [lock], matched: [], project: { name: `proj"${evil}` }, timestamp: new Date() });
    const bom = JSON.parse(text) as Bom;
    expect(bom.components[0]).toMatchObject({ name: evil });
    expect((bom.metadata.component as { name: string }).name).toBe(`proj"${evil}`);
    expect(validator()(bom)).toEqual([]);
  });

  it('purls: npm scopes as %40 namespace, PyPI names normalised, deb and apk with their distro', () => {
    expect(packageUrl({ ecosystem: 'npm' }, { name: '@babel/code-frame', version: '7.0.0' })).toBe('pkg:npm/%40babel/code-frame@7.0.0');
    expect(packageUrl({ ecosystem: 'PyPI' }, { name: 'Zope_Interface', version: '5.0+local' })).toBe('pkg:pypi/zope-interface@5.0%2Blocal');
    expect(packageUrl({ ecosystem: 'Debian', osvEcosystem: 'Debian:12' }, { name: 'openssl', version: '1:3.0.11-1~deb12u2' })).toBe('pkg:deb/debian/openssl@1%3A3.0.11-1~deb12u2?distro=debian-12');
    expect(packageUrl({ ecosystem: 'Alpine', osvEcosystem: 'Alpine:v3.19' }, { name: 'musl', version: '1.2.4_git20230717-r4' })).toBe('pkg:apk/alpine/musl@1.2.4_git20230717-r4?distro=3.19');
  });

  it('the CLI writes the SBOM to stdout and still exits 1 on a finding at or above --fail-on', async () => {
    const r = await runCli(['scan', 'deps', CUSTOM, '--db', OWN_DB, '--format', 'cyclonedx'], { cwd: REPO, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    const bom = JSON.parse(r.stdout) as Bom & { bomFormat: string; specVersion: string };
    expect([bom.bomFormat, bom.specVersion]).toEqual(['CycloneDX', '1.6']);
    expect(validator()(bom)).toEqual([]);
    expect(bom.vulnerabilities.map((v) => v.id)).toContain('GHSA-aaaa-bbbb-cccc');
  });

  it('a suppression becomes CycloneDX impact analysis on the components it holds; the open part of the advisory stays without one', async () => {
    const dir = tmpDir();
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { 'left-pad': '1' } }, 'node_modules/left-pad': { version: '1.1.0' } } });
    for (const sub of ['api', 'tools']) {
      mkdirSync(path.join(dir, sub));
      writeFileSync(path.join(dir, sub, 'package-lock.json'), lock);
    }
    const suppression = '  suppressions:\n    - id: CVE-2099-0001\n      path: "tools/**"\n      reason: the build tool never pads user input\n      owner: alice@example.com\n      expires: 2999-12-31\n';
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `scan:\n  deps:\n    db: ${JSON.stringify(path.resolve(REPO, OWN_DB))}\n    maxDbAge: 3650d\n${suppression}      state: not_affected\n      justification: code_not_reachable\n`);
    const r = await runCli(['scan', 'deps', '--format', 'cyclonedx'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1); // api/ is still open
    const bom = JSON.parse(r.stdout) as Bom;
    expect(validator()(bom)).toEqual([]);
    const ref = (file: string) => bom.components.find((c) => c.name === 'left-pad' && c['bom-ref'].startsWith(file))!['bom-ref'];
    const entries = bom.vulnerabilities.filter((v) => v.id === 'GHSA-aaaa-bbbb-cccc');
    expect(entries).toHaveLength(2);
    const [open, held] = entries;
    expect(open).not.toHaveProperty('analysis');
    expect(open!.affects).toEqual([{ ref: ref('api/'), versions: [{ version: '1.1.0', status: 'affected' }] }]);
    expect(held!['bom-ref']).not.toBe(open!['bom-ref']);
    expect(held!.affects).toEqual([{ ref: ref('tools/'), versions: [{ version: '1.1.0', status: 'affected' }] }]);
    expect(held!.analysis).toEqual({ state: 'not_affected', justification: 'code_not_reachable', detail: 'Accepted by alice@example.com until 2999-12-31: the build tool never pads user input' });

    // Without a state the accepted risk is "in triage"; a justification needs not_affected.
    writeFileSync(path.join(dir, 'gonogo.config.yaml'), `scan:\n  deps:\n    db: ${JSON.stringify(path.resolve(REPO, OWN_DB))}\n    maxDbAge: 3650d\n${suppression.replace('"tools/**"', '"**"')}`);
    const all = JSON.parse((await runCli(['scan', 'deps', '--format', 'cyclonedx'], { cwd: dir, timeoutMs: 60_000 })).stdout) as Bom;
    const ghsa = all.vulnerabilities.filter((v) => v.id === 'GHSA-aaaa-bbbb-cccc');
    expect(ghsa).toHaveLength(1);
    expect(ghsa[0]!.analysis).toMatchObject({ state: 'in_triage' });
    expect(ghsa[0]!.affects).toHaveLength(2);
    for (const [extra, where] of [['      justification: code_not_reachable\n', 'scan.suppressions[0].justification'], ['      response: [sometime]\n', 'scan.suppressions[0].response[0]']]) {
      writeFileSync(path.join(dir, 'gonogo.config.yaml'), `scan:\n${suppression}${extra}`);
      const bad = await runCli(['scan', 'deps', '--format', 'cyclonedx'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(where);
      expect(bad.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)/);
    }
  });

  it.runIf(RUN_SHARED_OSV)('an image SBOM (scan image --format cyclonedx): OS source packages as deb purls, the real Debian advisories affecting them', async () => {
    requireSharedOsv();
    const root = tmpDir('gonogo-rootfs-');
    for (const [rel, text] of [['etc/os-release', DEBIAN_12_OS_RELEASE], ['var/lib/dpkg/status', dpkgStatus(BOOKWORM_PACKAGES)]] as const) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const r = await scanImage({ image: root, db: SHARED_OSV });
    const bom = cycloneDxBom({ lockfiles: r.lockfiles, matched: r.matched, project: { name: 'rootfs', type: 'container' }, timestamp: new Date() }) as unknown as Bom;
    expect(validator()(bom)).toEqual([]);
    const glibc = bom.components.find((c) => c.name === 'glibc')!;
    expect(glibc.purl).toBe('pkg:deb/debian/glibc@2.36-9%2Bdeb12u2?distro=debian-12');
    // No graph in a dpkg database: every package listed flat under the image.
    expect(bom.dependencies).toEqual([{ ref: 'project', dependsOn: bom.components.map((c) => c['bom-ref']) }]);
    const onGlibc = bom.vulnerabilities.filter((v) => (v.affects as { ref: string }[]).some((a) => a.ref === glibc['bom-ref']));
    const ids = onGlibc.flatMap((v) => [v.id, ...((v.references as { id: string }[] | undefined) ?? []).map((x) => x.id)]);
    expect(ids).toContain('CVE-2023-4911');
  });
});
