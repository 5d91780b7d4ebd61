import type { Ecosystem } from '../types.js';
import { apkCanonical, compareApkVersions, isApkVersion } from './apk-version.js';
import { composerCanonical, compareComposerVersions, isComposerVersion } from './composer-version.js';
import { compareMavenVersions, isMavenVersion, mavenCanonical } from './maven-version.js';
import { compareRubyVersions, isRubyVersion, rubyCanonical } from './ruby-version.js';
import { compareDpkgVersions, dpkgCanonical, isDpkgVersion } from './dpkg-version.js';
import { pep440Canonical, pep440CompareCached, pep440Key, semverCompareCached, semverParsed } from './version-cache.js';

/** How one ecosystem orders versions. `valid` guards compare: unknown strings are never compared. */
export interface VersionScheme {
  readonly name: string;
  valid(v: string): boolean;
  compare(a: string, b: string): number;
  /** Equal versions give equal strings (null when invalid): lets a `versions` list be a set. */
  canonical(v: string): string | null;
}

export const semverScheme: VersionScheme = {
  name: 'semver',
  valid: (v) => semverParsed(v) !== null,
  compare: semverCompareCached,
  canonical: (v) => semverParsed(v)?.version ?? null,
};

export const pep440Scheme: VersionScheme = {
  name: 'PEP 440',
  valid: (v) => pep440Key(v) !== null,
  compare: pep440CompareCached,
  canonical: pep440Canonical,
};

export const dpkgScheme: VersionScheme = { name: 'dpkg', valid: isDpkgVersion, compare: compareDpkgVersions, canonical: dpkgCanonical };

export const apkScheme: VersionScheme = { name: 'apk', valid: isApkVersion, compare: (a, b) => compareApkVersions(a, b), canonical: apkCanonical };

export const mavenScheme: VersionScheme = { name: 'Maven', valid: isMavenVersion, compare: compareMavenVersions, canonical: mavenCanonical };

export const composerScheme: VersionScheme = { name: 'Composer', valid: isComposerVersion, compare: compareComposerVersions, canonical: composerCanonical };

export const rubyScheme: VersionScheme = { name: 'RubyGems', valid: isRubyVersion, compare: compareRubyVersions, canonical: rubyCanonical };

export function ecosystemScheme(ecosystem: Ecosystem): VersionScheme {
  switch (ecosystem) {
    case 'npm':
    case 'Go': // Go module versions are SemVer with a leading "v" (pseudo-versions are pre-releases)
    case 'crates.io':
      return semverScheme;
    case 'RubyGems':
      return rubyScheme;
    case 'Packagist':
      return composerScheme;
    case 'Maven':
      return mavenScheme;
    case 'PyPI':
      return pep440Scheme;
    case 'Debian':
      return dpkgScheme;
    case 'Alpine':
      return apkScheme;
  }
}

/**
 * The scheme for one OSV range: SEMVER ranges use SemVer 2.0 wherever they appear; ECOSYSTEM
 * ranges use the package's own ecosystem (npm's semver, PyPI's PEP 440, RubyGems' Gem::Version, Composer's, Maven's, Debian's dpkg, Alpine's apk). A PyPI version that is not
 * valid semver in a SEMVER range falls back to PEP 440, which orders plain x.y.z the same way.
 */
export function schemeForRange(rangeType: string, ecosystem: Ecosystem, installed: string): VersionScheme | undefined {
  if (rangeType === 'SEMVER') {
    if (semverScheme.valid(installed)) return semverScheme;
    return ecosystem === 'PyPI' && pep440Scheme.valid(installed) ? pep440Scheme : undefined;
  }
  if (rangeType === 'ECOSYSTEM') {
    const s = ecosystemScheme(ecosystem);
    return s.valid(installed) ? s : undefined;
  }
  return undefined; // GIT ranges name commits, not versions
}
