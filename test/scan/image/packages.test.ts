import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apkPackages, dpkgPackages, parseOsRelease } from '../../../src/scan/image/os-packages.js';
import { languagePackages } from '../../../src/scan/image/language.js';
import { scanImage } from '../../../src/scan/image/scan.js';
import { tmpDir } from '../../helpers/cli.js';
import { RUN_SHARED_OSV, SHARED_OSV, requireSharedOsv } from '../deps/helpers.js';
import { ALPINE_319_OS_RELEASE, apkInstalled, BOOKWORM_PACKAGES, DEBIAN_12_OS_RELEASE, dpkgParagraph, dpkgStatus } from './image-fixtures.js';

/** A root filesystem folder: { 'etc/os-release': '...' }, symlinks as { link: target }. */
function rootfs(files: Record<string, string | { link: string }>): string {
  const root = tmpDir('gonogo-rootfs-');
  for (const [rel, v] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof v === 'string') writeFileSync(abs, v);
    else symlinkSync(v.link, abs);
  }
  return root;
}

describe('OS package databases', () => {
  it('maps dpkg binary packages to their source package and version; deinstalled packages do not count', () => {
    const lock = dpkgPackages([['var/lib/dpkg/status', dpkgStatus(BOOKWORM_PACKAGES)]], 'Debian:12')!;
    expect(lock).toMatchObject({ ecosystem: 'Debian', osvEcosystem: 'Debian:12', format: 'dpkg status', hasGraph: false });
    const byName = new Map(lock.packages.map((p) => [p.name, p]));
    expect(byName.get('glibc')).toMatchObject({ version: '2.36-9+deb12u2', binaries: ['libc-bin', 'libc6'], line: 1 });
    expect(byName.get('foo')).toMatchObject({ version: '1.0-1', binaries: ['libfoo1'] });
    expect(byName.get('base-files')).toMatchObject({ version: '12.4+deb12u1', binaries: ['base-files'] });
    expect(byName.has('removed-pkg')).toBe(false);
    expect(byName.has('not-a-field')).toBe(false);
  });

  it('reads distroless status.d files (no Status field) and apk databases by origin', () => {
    const d = dpkgPackages([['var/lib/dpkg/status.d/libssl3', dpkgParagraph({ pkg: 'libssl3', version: '3.0.11-1~deb12u1', source: 'openssl' }, false)]], 'Debian:12')!;
    expect(d.packages).toMatchObject([{ name: 'openssl', version: '3.0.11-1~deb12u1', file: 'var/lib/dpkg/status.d/libssl3' }]);
    const a = apkPackages('lib/apk/db/installed', apkInstalled([{ pkg: 'libcrypto3', version: '3.1.3-r0', origin: 'openssl' }, { pkg: 'libssl3', version: '3.1.3-r0', origin: 'openssl' }, { pkg: 'busybox', version: '1.36.1-r15' }]), 'Alpine:v3.19')!;
    expect(a.packages.map((p) => [p.name, p.version, p.binaries])).toEqual([
      ['openssl', '3.1.3-r0', ['libcrypto3', 'libssl3']],
      ['busybox', '1.36.1-r15', ['busybox']],
    ]);
  });

  it('finds the OSV ecosystem in os-release: Debian:<major>, Alpine:v<major.minor>, none for other distributions', () => {
    expect(parseOsRelease(DEBIAN_12_OS_RELEASE)).toMatchObject({ id: 'debian', versionId: '12', osvEcosystem: 'Debian:12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    expect(parseOsRelease(ALPINE_319_OS_RELEASE)?.osvEcosystem).toBe('Alpine:v3.19');
    expect(parseOsRelease('ID=ubuntu\nVERSION_ID="22.04"\n')?.osvEcosystem).toBeUndefined();
    expect(parseOsRelease('PRETTY_NAME="Debian GNU/Linux trixie/sid"\nID=debian\n')?.osvEcosystem).toBeUndefined();
  });
});

describe.runIf(RUN_SHARED_OSV)('image scan against the real Debian, Alpine, npm and PyPI data in ../shared/osv', () => {
  it('a Debian 12 root filesystem: glibc below its fix is reported under its source name, packages at the fixed version are not', async () => {
    requireSharedOsv();
    const root = rootfs({
      'usr/lib/os-release': DEBIAN_12_OS_RELEASE,
      'etc/os-release': { link: '../usr/lib/os-release' },
      'var/lib/dpkg/status': dpkgStatus(BOOKWORM_PACKAGES),
    });
    const r = await scanImage({ image: root, db: SHARED_OSV });
    expect(r.image).toMatchObject({ kind: 'rootfs-dir', os: { osvEcosystem: 'Debian:12' } });
    const ids = r.findings.map((f) => f.ruleId);
    const glibc = r.findings.find((f) => f.ruleId === 'deps.DEBIAN-CVE-2023-4911');
    expect(glibc?.message).toMatch(/^glibc 2\.36-9\+deb12u2 \(installed as libc-bin, libc6\): DEBIAN-CVE-2023-4911 \(CVE-2023-4911\).*fixed in 2\.36-9\+deb12u3/);
    expect(glibc?.location).toEqual({ file: 'var/lib/dpkg/status', line: 1 });
    expect(glibc?.remediation).toMatch(/rebuild on a current base image/);
    expect(ids).toContain('deps.DEBIAN-CVE-2023-5363'); // openssl 3.0.11-1~deb12u1 < 3.0.11-1~deb12u2: the ~ ordering
    expect(ids).not.toContain('deps.DEBIAN-CVE-2023-38545'); // curl is at exactly the fixed version
  });

  it('an Alpine 3.19 root filesystem: openssl below 3.1.4-r0 is reported via its origin with apk ordering', async () => {
    requireSharedOsv();
    const root = rootfs({
      'etc/os-release': ALPINE_319_OS_RELEASE,
      'lib/apk/db/installed': apkInstalled([
        { pkg: 'libcrypto3', version: '3.1.3-r0', origin: 'openssl' },
        { pkg: 'zlib', version: '1.3.1-r0' },
      ]),
    });
    const r = await scanImage({ image: root, db: SHARED_OSV });
    const f = r.findings.find((x) => x.ruleId === 'deps.ALPINE-CVE-2023-5363');
    expect(f?.message).toMatch(/^openssl 3\.1\.3-r0 \(installed as libcrypto3\): ALPINE-CVE-2023-5363 \(CVE-2023-5363\).*fixed in 3\.1\.4-r0/);
    expect(r.findings.every((x) => !x.message.startsWith('zlib 1.3.1-r0'))).toBe(true);
  });

  it('language packages inside the image: node_modules package.json, site-packages METADATA, lockfiles; a broken lockfile is reported and the rest still scanned', async () => {
    requireSharedOsv();
    const root = rootfs({
      'etc/os-release': DEBIAN_12_OS_RELEASE,
      'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.4' }),
      'app/node_modules/@scope/ok/package.json': JSON.stringify({ name: '@scope/ok', version: '1.0.0' }),
      'app/node_modules/lodash/node_modules/nested/package.json': JSON.stringify({ name: 'nested', version: '1.0.0' }),
      'usr/lib/python3/dist-packages/urllib3-1.18.dist-info/METADATA': 'Metadata-Version: 2.1\nName: urllib3\nVersion: 1.18\nSummary: HTTP library\n\nName: not-this\n',
      'srv/package-lock.json': '{ "lockfileVersion": 3, ',
    });
    const r = await scanImage({ image: root, db: SHARED_OSV });
    const lodash = r.findings.find((f) => f.ruleId === 'deps.NSWG-ECO-368');
    expect(lodash?.location).toEqual({ file: 'app/node_modules/lodash/package.json' });
    expect(r.findings.find((f) => f.message.startsWith('urllib3 1.18:'))?.location).toEqual({ file: 'usr/lib/python3/dist-packages/urllib3-1.18.dist-info/METADATA' });
    expect(r.lockfiles.find((l) => l.format === 'node_modules')?.packages.map((p) => p.name).sort()).toEqual(['@scope/ok', 'lodash', 'nested']);
    expect(r.problems.map((p) => p.location)).toEqual([{ file: 'srv/package-lock.json', line: 1 }]);
    expect(r.notes).toEqual([]);
  });

  it('packages of a distribution without advisory data are listed in a note, not matched', async () => {
    requireSharedOsv();
    const root = rootfs({ 'etc/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n', 'var/lib/dpkg/status': dpkgStatus(BOOKWORM_PACKAGES) });
    const r = await scanImage({ image: root, db: SHARED_OSV });
    expect(r.findings).toEqual([]);
    expect(r.notes).toEqual(['6 dpkg status packages not checked: no advisory data for Ubuntu 22.04.4 LTS (gonogo covers Debian and Alpine releases)']);
  });
});

describe('Go modules inside an image', () => {
  it('reads go.mod and skips the go.sum beside it (as scan deps does); a go.sum alone still counts', () => {
    const fix = (p: string) => readFileSync(new URL(`../../fixtures/deps/polyglot/${p}`, import.meta.url));
    const scan = languagePackages([
      ['app/go.mod', fix('go/go.mod')],
      ['app/go.sum', fix('go/go.sum')],
      ['tool/go.sum', fix('gosum/go.sum')],
    ]);
    expect(scan.lockfiles.map((l) => l.file).sort()).toEqual(['app/go.mod', 'tool/go.sum']);
  });
});
