import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import type { Ecosystem } from '../types.js';

/** How one ecosystem orders versions. `valid` guards compare: unknown strings are never compared. */
export interface VersionScheme {
  readonly name: string;
  valid(v: string): boolean;
  compare(a: string, b: string): number;
}

export const semverScheme: VersionScheme = {
  name: 'semver',
  valid: (v) => semver.valid(v, { loose: true }) !== null,
  compare: (a, b) => semver.compare(a, b, { loose: true }),
};

export const pep440Scheme: VersionScheme = {
  name: 'PEP 440',
  valid: (v) => pep440.valid(v) !== null,
  compare: (a, b) => pep440.compare(a, b),
};

export function ecosystemScheme(ecosystem: Ecosystem): VersionScheme {
  return ecosystem === 'npm' ? semverScheme : pep440Scheme;
}

/**
 * The scheme for one OSV range: SEMVER ranges use SemVer 2.0 wherever they appear; ECOSYSTEM
 * ranges use the package's own ecosystem (npm's semver, PyPI's PEP 440). A PyPI version that is not
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
