import { describe, expect, it } from 'vitest';
import { advisorySeverity, cvssBaseScore, severityOfScore, severityOfV2Score } from '../../../src/scan/deps/osv/severity.js';

describe('CVSS base scores', () => {
  // Scores worked out by hand from the v2/v3 formulas; v4 at its fixed points (all high = 9.3 / 10, no impact = 0).
  it.each([
    ['CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS_V3', 'CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L', 1.8],
    ['CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:L/A:N', 7.2],
    ['CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
    ['CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
    ['CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
    ['CVSS_V2', 'AV:N/AC:L/Au:N/C:C/I:C/A:C', 10],
    ['CVSS_V2', 'AV:N/AC:M/Au:N/C:C/I:C/A:C', 9.3],
    ['CVSS_V2', 'AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
    ['CVSS_V2', 'AV:L/AC:H/Au:N/C:N/I:N/A:P', 1.2],
  ])('%s %s = %s', (type, vector, score) => {
    expect(cvssBaseScore(type, vector)).toBe(score);
  });

  it('returns undefined for garbage instead of throwing', () => {
    expect(cvssBaseScore('CVSS_V3', 'CVSS:3.1/AV:X')).toBeUndefined();
    expect(cvssBaseScore('CVSS_V3', 'nonsense')).toBeUndefined();
  });

  it('maps v3/v4 scores onto the v3 qualitative scale', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOfScore)).toEqual(['info', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it('maps v2 scores onto the v2 scale (NVD: low 0-3.9, medium 4-6.9, high 7-10; no critical)', () => {
    expect([0, 3.9, 4, 6.9, 7, 9, 10].map(severityOfV2Score)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'high']);
  });
});

describe('advisory severity', () => {
  it('prefers a v4 vector over v3 when both are present', () => {
    const r = { id: 'X', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L' }, { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] };
    expect(advisorySeverity(r, 'medium')).toMatchObject({ severity: 'critical', score: 9.3 });
  });

  it.each([
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'high'],
    ['AV:N/AC:M/Au:N/C:C/I:C/A:C', 9.3, 'high'],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'high'],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3, 'medium'],
    ['AV:L/AC:H/Au:N/C:N/I:N/A:P', 1.2, 'low'],
  ])('grades a record with only a CVSS v2 vector %s (%s) on the v2 scale: %s', (vector, score, severity) => {
    const r = { id: 'V2', severity: [{ type: 'CVSS_V2', score: vector }] };
    expect(advisorySeverity(r, 'info')).toEqual({ severity, score, cvssVersion: 2, source: vector });
  });

  it('a v3 vector beside a v2 one wins and is graded on the v3 scale', () => {
    const r = { id: 'B', severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' }, { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] };
    expect(advisorySeverity(r, 'info')).toMatchObject({ severity: 'critical', score: 9.8, cvssVersion: 3 });
  });

  it('falls back to database_specific severity (GHSA MODERATE = medium), then to the configured default', () => {
    expect(advisorySeverity({ id: 'G', database_specific: { severity: 'MODERATE' } }, 'high')).toEqual({ severity: 'medium', source: 'database_specific: MODERATE' });
    expect(advisorySeverity({ id: 'P' }, 'high')).toEqual({ severity: 'high', source: 'unscored' });
  });
});
