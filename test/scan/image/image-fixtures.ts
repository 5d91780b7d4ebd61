/** Package databases in their real formats, written by the tests (versions are real bookworm / Alpine 3.19 ones). */

export const DEBIAN_12_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;

export const ALPINE_319_OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.19.1
PRETTY_NAME="Alpine Linux v3.19"
HOME_URL="https://alpinelinux.org/"
`;

export interface DpkgEntry {
  pkg: string;
  version: string;
  source?: string;
  status?: string;
}

/** One paragraph of /var/lib/dpkg/status (status.d files have no Status field: pass status null). */
export function dpkgParagraph(e: DpkgEntry, withStatus = true): string {
  return [
    `Package: ${e.pkg}`,
    ...(withStatus ? [`Status: ${e.status ?? 'install ok installed'}`] : []),
    'Priority: optional',
    'Section: libs',
    'Installed-Size: 1234',
    'Maintainer: Debian Maintainers <debian@example.org>',
    'Architecture: amd64',
    'Multi-Arch: same',
    ...(e.source ? [`Source: ${e.source}`] : []),
    `Version: ${e.version}`,
    'Depends: libc6 (>= 2.34)',
    `Description: ${e.pkg} test paragraph`,
    ' A continuation line: Source: not-a-field (9.9)',
    '',
  ].join('\n');
}

export const dpkgStatus = (entries: DpkgEntry[]) => entries.map((e) => dpkgParagraph(e)).join('\n');

/** Installed packages of a real bookworm image, some at superseded versions with known fixes. */
export const BOOKWORM_PACKAGES: DpkgEntry[] = [
  { pkg: 'libc6', version: '2.36-9+deb12u2', source: 'glibc' }, // CVE-2023-4911 fixed in 2.36-9+deb12u3
  { pkg: 'libc-bin', version: '2.36-9+deb12u2', source: 'glibc' },
  { pkg: 'libssl3', version: '3.0.11-1~deb12u1', source: 'openssl' }, // CVE-2023-5363 fixed in 3.0.11-1~deb12u2
  { pkg: 'libcurl4', version: '7.88.1-10+deb12u4', source: 'curl' }, // CVE-2023-38545 fixed in exactly this version
  { pkg: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib' },
  { pkg: 'base-files', version: '12.4+deb12u1' },
  { pkg: 'libfoo1', version: '1.0-1+b1', source: 'foo (1.0-1)' }, // binNMU: the source version is in parentheses
  { pkg: 'removed-pkg', version: '1.0-1', status: 'deinstall ok config-files' },
];

/** lib/apk/db/installed records. */
export function apkInstalled(entries: { pkg: string; version: string; origin?: string }[]): string {
  return entries.map((e) => [`C:Q1abcdefghijklmnopqrstuvwxyz0123=`, `P:${e.pkg}`, `V:${e.version}`, 'A:x86_64', 'S:1000', 'I:2000', `T:${e.pkg} test`, 'U:https://example.org', 'L:MIT', ...(e.origin ? [`o:${e.origin}`] : []), 'm:Test <t@example.org>', 't:1700000000', 'F:usr/lib', 'R:libtest.so.3', ''].join('\n')).join('\n');
}
