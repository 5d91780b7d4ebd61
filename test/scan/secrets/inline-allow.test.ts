import { describe, expect, it } from 'vitest';
import { maskIn, maskSecret } from '../../../src/core/mask.js';
import { checkInlineAllow, parseAllowComment } from '../../../src/scan/inline-allow.js';

const at = (lines: string[]) => (n: number) => lines[n - 1];

describe('parseAllowComment', () => {
  it('reads rule ids, reason and until in any comment syntax', () => {
    expect(parseAllowComment('key = "x" # gonogo:allow secrets.aws-access-key test fixture until=2030-01-31')).toEqual({
      ruleIds: ['secrets.aws-access-key'],
      reason: 'test fixture',
      until: '2030-01-31',
    });
    expect(parseAllowComment('/* gonogo:allow docs example */')).toEqual({ ruleIds: [], reason: 'docs example' });
    expect(parseAllowComment('<!-- gonogo:allow a,b.c sample -->')).toEqual({ ruleIds: [], reason: 'a,b.c sample' });
    expect(parseAllowComment('// gonogo:allow sast.eval,secrets.jwt reviewed')?.ruleIds).toEqual(['sast.eval', 'secrets.jwt']);
    expect(parseAllowComment('no marker here')).toBeUndefined();
    expect(parseAllowComment('gonogo:allowed x')).toBeUndefined();
  });

  it('flags a bare allow and a malformed date', () => {
    expect(parseAllowComment('# gonogo:allow')?.problem).toMatch(/needs a reason/);
    expect(parseAllowComment('# gonogo:allow secrets.jwt')?.problem).toMatch(/needs a reason/);
    expect(parseAllowComment('# gonogo:allow ok until=2030-13-01')?.problem).toMatch(/malformed date/);
  });
});

describe('checkInlineAllow', () => {
  const today = '2026-06-15';
  it('applies on the same line and the line before, only to the rules it names', () => {
    expect(checkInlineAllow(at(['a', 'x # gonogo:allow fixture']), 2, 'secrets.x', today).status).toBe('allowed');
    expect(checkInlineAllow(at(['# gonogo:allow fixture', 'x']), 2, 'secrets.x', today).status).toBe('allowed');
    expect(checkInlineAllow(at(['# gonogo:allow fixture', 'y', 'x']), 3, 'secrets.x', today).status).toBe('none');
    expect(checkInlineAllow(at(['x # gonogo:allow secrets.other fixture']), 1, 'secrets.x', today).status).toBe('none');
    expect(checkInlineAllow(at(['x # gonogo:allow secrets.* fixture']), 1, 'secrets.x', today).status).toBe('allowed');
  });

  it('an expired allowance brings the finding back with a note; the last day still counts', () => {
    expect(checkInlineAllow(at(['x # gonogo:allow fixture until=2026-06-15']), 1, 'r.x', today).status).toBe('allowed');
    const d = checkInlineAllow(at(['x # gonogo:allow fixture until=2026-06-14']), 1, 'r.x', today);
    expect(d).toMatchObject({ status: 'expired', until: '2026-06-14' });
    expect(d.status === 'expired' && d.note).toMatch(/expired on 2026-06-14/);
  });

  it('a bare allow suppresses nothing and says why', () => {
    const d = checkInlineAllow(at(['x # gonogo:allow']), 1, 'r.x', today);
    expect(d.status).toBe('invalid');
    expect(d.status === 'invalid' && d.note).toMatch(/needs a reason/);
  });
});

describe('maskSecret', () => {
  it('shows at most 4 characters and a fixed mask', () => {
    expect(maskSecret('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA****');
    expect(maskSecret('abcdefgh')).toBe('ab****');
    expect(maskSecret('abc')).toBe('****');
    expect(maskSecret('x'.repeat(500))).toBe('xxxx****');
  });
  it('masks every occurrence in a text', () => {
    expect(maskIn('a=SECRETVALUE1234 b=SECRETVALUE1234', ['SECRETVALUE1234'])).toBe('a=SEC**** b=SEC****');
  });
});
