import { describe, expect, it } from 'vitest';
import { matchAffected } from '../../../src/scan/deps/osv/match.js';
import type { OsvAffected, OsvEvent } from '../../../src/scan/deps/osv/record.js';
import type { Ecosystem } from '../../../src/scan/deps/types.js';

const range = (type: string, ...events: OsvEvent[]): OsvAffected => ({ ranges: [{ type, events }] });

/** [description, ecosystem, affected entry, version, affected?] — the OSV evaluation rules as a table. */
const TABLE: [string, Ecosystem, OsvAffected, string, boolean][] = [
  // introduced 0 / fixed, semver
  ['npm introduced 0: first release affected', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '4.17.5' }), '0.0.1', true],
  ['npm below fixed', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '4.17.5' }), '4.17.4', true],
  ['npm fixed is not affected', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '4.17.5' }), '4.17.5', false],
  ['npm above fixed', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '4.17.5' }), '4.18.0', false],
  ['npm below introduced', 'npm', range('SEMVER', { introduced: '4.17.15' }, { fixed: '4.17.19' }), '4.17.14', false],
  ['npm introduced is affected', 'npm', range('SEMVER', { introduced: '4.17.15' }, { fixed: '4.17.19' }), '4.17.15', true],
  // several intervals in one range
  ['npm second interval', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '3.11.0-0' }, { introduced: '4.0.0' }, { fixed: '4.5.0-0' }), '4.4.0', true],
  ['npm between intervals', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '3.11.0-0' }, { introduced: '4.0.0' }, { fixed: '4.5.0-0' }), '3.21.2', false],
  ['npm events given out of order', 'npm', range('SEMVER', { fixed: '2.0.0' }, { introduced: '1.0.0' }), '1.5.0', true],
  // last_affected is inclusive
  ['npm last_affected itself', 'npm', range('SEMVER', { introduced: '0' }, { last_affected: '0.3.5' }), '0.3.5', true],
  ['npm after last_affected', 'npm', range('SEMVER', { introduced: '0' }, { last_affected: '0.3.5' }), '0.3.6', false],
  // pre-releases order below their release
  ['npm pre-release of the fixed version is affected', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '2.0.0' }), '2.0.0-rc.1', true],
  ['npm pre-release before introduced', 'npm', range('SEMVER', { introduced: '2.0.0' }), '2.0.0-beta.1', false],
  ['npm fixed 4.5.0-0 excludes 4.5.0-beta', 'npm', range('SEMVER', { introduced: '4.0.0' }, { fixed: '4.5.0-0' }), '4.5.0-beta', false],
  ['npm build metadata ignored', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '1.2.4' }), '1.2.3+build.5', true],
  ['npm ECOSYSTEM range uses semver too', 'npm', range('ECOSYSTEM', { introduced: '1.0.0' }, { fixed: '1.2.0' }), '1.1.9', true],
  ['npm no fix yet: open interval', 'npm', range('SEMVER', { introduced: '3.0.0' }), '99.0.0', true],
  ['npm version that is not semver is never matched', 'npm', range('SEMVER', { introduced: '0' }), 'github:user/repo#abc', false],
  // explicit versions list
  ['npm versions list hit', 'npm', { versions: ['1.0.1', '1.0.2'] }, '1.0.2', true],
  ['npm versions list miss', 'npm', { versions: ['1.0.1', '1.0.2'] }, '1.0.3', false],
  ['versions list adds to ranges', 'npm', { ...range('SEMVER', { introduced: '2.0.0' }, { fixed: '3.0.0' }), versions: ['1.5.0'] }, '1.5.0', true],
  // GIT ranges never match a version
  ['GIT range ignored', 'npm', range('GIT', { introduced: '0' }), '1.0.0', false],
  // PEP 440
  ['PyPI release below fixed', 'PyPI', range('ECOSYSTEM', { introduced: '3.1' }, { fixed: '3.1.6' }), '3.1.0', true],
  ['PyPI 3.1 == 3.1.0 (introduced)', 'PyPI', range('ECOSYSTEM', { introduced: '3.1.0' }, { fixed: '3.1.6' }), '3.1', true],
  ['PyPI fixed', 'PyPI', range('ECOSYSTEM', { introduced: '3.1' }, { fixed: '3.1.6' }), '3.1.6', false],
  ['PyPI pre-release of fix affected', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' }), '2.0rc1', true],
  ['PyPI dev release before introduced', 'PyPI', range('ECOSYSTEM', { introduced: '2.0' }), '2.0.dev1', false],
  ['PyPI post-release after fix', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0' }), '0.9.post1', true],
  ['PyPI post-release of fixed', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0' }), '1.0.post1', false],
  ['PyPI epoch sorts above all non-epoch', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { fixed: '5.0' }), '1!1.0', false],
  ['PyPI epoch inside an epoch range', 'PyPI', range('ECOSYSTEM', { introduced: '1!1.0' }, { fixed: '1!2.0' }), '1!1.5', true],
  ['PyPI local version above its public version', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { last_affected: '1.0' }), '1.0+ubuntu1', false],
  ['PyPI local version below the fix', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.1' }), '1.0+local', true],
  ['PyPI last_affected inclusive', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { last_affected: '2.2.4' }), '2.2.4', true],
  ['PyPI versions list normalised (1.0 == 1.0.0)', 'PyPI', { versions: ['1.0.0'] }, '1.0', true],
  ['PyPI SEMVER range on a PEP 440 version falls back to PEP 440', 'PyPI', range('SEMVER', { introduced: '0' }, { fixed: '2.0' }), '1.5', true],
  ['PyPI invalid version never matched', 'PyPI', range('ECOSYSTEM', { introduced: '0' }), 'not a version', false],
];

describe('OSV range semantics', () => {
  it.each(TABLE)('%s', (_name, eco, entry, version, expected) => {
    expect(matchAffected(entry, eco, version) !== undefined).toBe(expected);
  });

  it('lists fixed versions above the installed one, ascending, and last_affected when there is no fix', () => {
    const entry = range('ECOSYSTEM', { introduced: '2.2' }, { fixed: '2.2.18' }, { introduced: '3.0' }, { fixed: '3.0.12' }, { introduced: '3.1' }, { fixed: '3.1.6' });
    expect(matchAffected(entry, 'PyPI', '3.0.1')).toEqual({ fixed: ['3.0.12', '3.1.6'] });
    expect(matchAffected(range('SEMVER', { introduced: '0' }, { last_affected: '0.3.5' }), 'npm', '0.3.0')).toEqual({ fixed: [], lastAffected: '0.3.5' });
  });
});
