import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareApkVersions, isApkVersion } from '../../../src/scan/deps/osv/apk-version.js';
import { compareDpkgVersions, dpkgCanonical, isDpkgVersion } from '../../../src/scan/deps/osv/dpkg-version.js';
import { hasProgram, mustHavePrerequisites, requirePrerequisite, requireProgram } from '../../helpers/system.js';
import { SHARED_OSV } from './helpers.js';

const VECTORS = path.join(SHARED_OSV, 'vectors');
const HAVE_VECTORS = existsSync(path.join(VECTORS, 'dpkg-version.data')) && existsSync(path.join(VECTORS, 'apk-version.data'));
const RUN_VECTORS = HAVE_VECTORS || mustHavePrerequisites();

function vectorLines(file: string): string[] {
  return readFileSync(path.join(VECTORS, file), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

const sym = (r: number) => (r < 0 ? '<' : r > 0 ? '>' : '=');

describe('dpkg version order', () => {
  it('orders epochs, tildes, revisions and digit runs as deb-version(7) says', () => {
    expect(compareDpkgVersions('1:1.0', '2.0')).toBe(1);
    expect(compareDpkgVersions('1.0~rc1', '1.0')).toBe(-1);
    expect(compareDpkgVersions('1.0~~', '1.0~')).toBe(-1);
    expect(compareDpkgVersions('1.0', '1.0-0')).toBe(0);
    expect(compareDpkgVersions('3.0.11-1~deb12u2', '3.0.11-1')).toBe(-1);
    expect(compareDpkgVersions('2.36-9+deb12u3', '2.36-9+deb12u10')).toBe(-1);
    expect(compareDpkgVersions('1.0a', '1.0+')).toBe(-1); // letters before other characters
    expect(compareDpkgVersions('1.010', '1.9')).toBe(1);
    expect(dpkgCanonical('0:1.00-0')).toBe(dpkgCanonical('1.0'));
    expect(isDpkgVersion('1.0 beta')).toBe(false);
    expect(isDpkgVersion('a:1.0')).toBe(false);
    expect(isDpkgVersion('1.0-')).toBe(false);
  });

  describe.runIf(RUN_VECTORS)('on the shared vectors', () => {
    it('agrees with dpkg --compare-versions on all 3,950 pairs of dpkg-version.data', () => {
      requirePrerequisite(HAVE_VECTORS, `${VECTORS}/dpkg-version.data`, 'put shared/osv beside the repository or set GONOGO_SHARED_OSV');
      const lines = vectorLines('dpkg-version.data');
      const wrong: string[] = [];
      for (const l of lines) {
        const [a, op, b] = l.split(/\s+/);
        if (sym(compareDpkgVersions(a!, b!)) !== op) wrong.push(l);
        if (sym(compareDpkgVersions(b!, a!)) !== (op === '<' ? '>' : op === '>' ? '<' : '=')) wrong.push(`reversed: ${l}`);
      }
      expect(lines.length).toBeGreaterThanOrEqual(3950);
      expect(wrong).toEqual([]);
    });
  });

  describe.runIf(hasProgram('dpkg') || mustHavePrerequisites())('against the live dpkg', () => {
    it('gives the same answer as `dpkg --compare-versions` on tricky pairs', () => {
      requireProgram('dpkg');
      const pairs: [string, string][] = [
        ['1.0~beta1~svn1245', '1.0~beta1'],
        ['2:1.2.3-4+b1', '2:1.2.3-4.1'],
        ['1.2.3.dfsg-1', '1.2.3+dfsg-1'],
        ['0.0.0~git20230101.abc-1', '0.0.0-1'],
        ['7.88.1-10+deb12u5', '7.88.1-10+deb12u12'],
        ['1:1.2.13.dfsg-1', '1:1.2.13.dfsg-1+b1'],
        ['1.0-1~bpo12+1', '1.0-1'],
        ['9.9a', '9.9'],
        ['1.0.Z', '1.0.a'],
        ['10', '9.99999'],
      ];
      for (const [a, b] of pairs) {
        const live = ['lt', 'eq', 'gt'].find((op) => {
          try {
            execFileSync('dpkg', ['--compare-versions', a, op, b], { stdio: 'ignore' });
            return true;
          } catch {
            return false;
          }
        });
        expect(`${a} ${sym(compareDpkgVersions(a, b))} ${b}`).toBe(`${a} ${live === 'lt' ? '<' : live === 'gt' ? '>' : '='} ${b}`);
      }
    });
  });
});

describe('apk version order', () => {
  it('orders suffixes, revisions, letters and leading zeros as apk-tools does', () => {
    expect(compareApkVersions('1.0_rc1', '1.0')).toBe(-1);
    expect(compareApkVersions('1.0_p1', '1.0')).toBe(1);
    expect(compareApkVersions('1.0-r1', '1.0_p1')).toBe(-1);
    expect(compareApkVersions('3.1.4-r0', '3.1.3-r5')).toBe(1);
    expect(compareApkVersions('1.2.3-r10', '1.2.3-r9')).toBe(1);
    expect(compareApkVersions('1.01', '1.1')).toBe(-1);
    expect(compareApkVersions('1.0a', '1.0')).toBe(1);
    expect(compareApkVersions('3.6.9', '3.6', true)).toBe(0);
    expect(isApkVersion('1.0-1')).toBe(false);
  });

  describe.runIf(RUN_VECTORS)('on the shared vectors', () => {
    it("agrees with apk-tools' own test/unit/version.data: comparisons, fuzzy matches and validity", () => {
      requirePrerequisite(HAVE_VECTORS, `${VECTORS}/apk-version.data`, 'put shared/osv beside the repository or set GONOGO_SHARED_OSV');
      const wrong: string[] = [];
      let compared = 0;
      let validity = 0;
      for (const l of vectorLines('apk-version.data')) {
        const parts = l.split(/\s+/);
        if (parts.length === 1) {
          validity++;
          const invalid = l.startsWith('!');
          if (isApkVersion(invalid ? l.slice(1) : l) === invalid) wrong.push(`validity: ${l}`);
          continue;
        }
        const [a, op, b] = parts as [string, string, string];
        compared++;
        if (op.includes('~')) {
          const r = compareApkVersions(a, b, true);
          const ok = op === '!~' ? r !== 0 : op === '~' ? r === 0 : sym(r) === op[0];
          if (!ok) wrong.push(l);
        } else if (sym(compareApkVersions(a, b)) !== op) wrong.push(l);
      }
      expect(compared).toBeGreaterThan(700);
      expect(validity).toBeGreaterThan(20);
      expect(wrong).toEqual([]);
    });
  });
});
