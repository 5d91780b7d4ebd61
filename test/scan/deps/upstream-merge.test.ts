import { describe, expect, it } from 'vitest';
import { mergeAliases, vulnerabilityFinding, type RecordMatch } from '../../../src/scan/deps/findings.js';
import { compareDpkgVersions } from '../../../src/scan/deps/osv/dpkg-version.js';

const match = (id: string, extra: { aliases?: string[]; upstream?: string[] }, fixed: string): RecordMatch => ({
  record: { id, ...extra, summary: `${id} summary for the test record`, affected: [] },
  severity: { severity: 'high', source: 'test' },
  fixed: [fixed],
});

describe('merging Debian and Alpine records on upstream ids', () => {
  it('a DSA and a DEBIAN-CVE record that name the same CVE in `upstream` (not `aliases`) are one finding', () => {
    const dsa = match('DSA-5343-1', { upstream: ['CVE-2023-0286', 'CVE-2022-4304'] }, '1.1.1n-0+deb11u4');
    const cve = match('DEBIAN-CVE-2023-0286', { aliases: [], upstream: ['CVE-2023-0286'] }, '1.1.1n-0+deb11u4');
    const other = match('DEBIAN-CVE-2023-9999', { upstream: ['CVE-2023-9999'] }, '1.1.1n-0+deb11u5');
    const groups = mergeAliases([dsa, cve, other]);
    expect(groups.map((g) => g.map((m) => m.record.id).sort())).toEqual([['DEBIAN-CVE-2023-0286', 'DSA-5343-1'], ['DEBIAN-CVE-2023-9999']]);
    const f = vulnerabilityFinding(groups[0]!, { file: 'var/lib/dpkg/status', pkg: { name: 'openssl', version: '1.1.1n-0+deb11u3', binaries: ['libssl1.1'] }, path: undefined, compareVersions: compareDpkgVersions });
    expect(f.ruleId).toBe('deps.DEBIAN-CVE-2023-0286');
    expect(f.aliases).toEqual(['DSA-5343-1', 'CVE-2022-4304', 'CVE-2023-0286']);
    expect(f.message).toMatch(/^openssl 1\.1\.1n-0\+deb11u3 \(installed as libssl1\.1\): DEBIAN-CVE-2023-0286 .*fixed in 1\.1\.1n-0\+deb11u4; OS package/);
  });
});
