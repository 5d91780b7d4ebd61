import { describe, expect, it } from 'vitest';
import { parseDuration, readDuration } from '../../src/core/duration.js';
import { GonogoError } from '../../src/core/errors.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { thrown } from './config-helpers.js';

describe('one duration syntax (core/duration.ts)', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1d12h', 129_600_000],
    ['2w', 1_209_600_000],
    ['0.5s', 500],
    [' 7 d ', 604_800_000],
    ['1h 30m', 5_400_000],
  ])('reads %j as %d ms', (input, ms) => {
    expect(readDuration(input)).toBe(ms);
  });

  it('a bare number is in the caller\'s unit: seconds by default, days for data ages, ms for the demo window', () => {
    expect(readDuration('30')).toBe(30_000);
    expect(readDuration(30)).toBe(30_000);
    expect(readDuration(7, 'd')).toBe(604_800_000);
    expect(readDuration('7', 'd')).toBe(604_800_000);
    expect(readDuration('250', 'ms')).toBe(250);
  });

  it.each(['', 'abc', '10x', '5 minutes', '-1s', '1s-', 's', '1.2.3s'])('rejects %j', (input) => {
    expect(readDuration(input)).toBeUndefined();
  });

  it('rejects negative and non-finite numbers', () => {
    expect(readDuration(-1)).toBeUndefined();
    expect(readDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('parseDuration throws a usage error (exit 2) naming where the value came from', () => {
    let err: unknown;
    try {
      parseDuration('10x', '--timeout');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GonogoError);
    expect((err as GonogoError).exitCode).toBe(2);
    expect((err as GonogoError).message).toBe('invalid duration "10x"');
    expect((err as GonogoError).where).toBe('--timeout');
  });

  it('the config sections that take ages and durations agree on the syntax', () => {
    const c = validateConfig(
      {
        load: { url: 'http://127.0.0.1:1/', duration: '1m30s', timeout: '2s' },
        docs: { external: { cacheMaxAge: '1d12h' } },
        scan: { deps: { maxDbAge: '36h' }, sla: { critical: '2d', high: 7, medium: '12h' } },
      },
      'test config',
    );
    expect(c.load?.durationMs).toBe(90_000);
    expect(c.load?.timeoutMs).toBe(2000);
    expect(c.docs?.external?.cacheMaxAgeMs).toBe(129_600_000);
    expect(c.scan?.deps?.maxDbAgeMs).toBe(129_600_000);
    // SLAs are whole days, rounded up: 12h is due the next day.
    expect(c.scan?.sla).toEqual({ critical: 2, high: 7, medium: 1 });
  });

  it('a bad age in the config names its path', () => {
    expect(thrown(() => validateConfig({ scan: { deps: { maxDbAge: 'soon' } } }, 'test config')).details.join('\n')).toMatch(/scan\.deps\.maxDbAge: expected an age/);
    expect(thrown(() => validateConfig({ docs: { external: { cacheMaxAge: '1y' } } }, 'test config')).details.join('\n')).toMatch(/docs\.external\.cacheMaxAge: expected an age/);
  });
});
