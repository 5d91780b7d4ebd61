import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../../src/demo/auth/login-throttle.js';
import { TokenService } from '../../src/demo/auth/tokens.js';
import { RateLimiter, isLoopback } from '../../src/demo/rate-limit.js';
import { CalcError, calculate } from '../../src/demo/tools/calculator.js';

describe('calculator', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', 4],
    ['10 % 4', 2],
    ['1.5e3 / 3', 500],
  ])('%s = %d', (expr, value) => expect(calculate(expr)).toBe(value));

  it.each(['', '1 +', '2 ** 3', 'process.exit()', '1/0', '('.repeat(40) + '1' + ')'.repeat(40), '9^9^9'])('refuses %j', (expr) => {
    expect(() => calculate(expr)).toThrow(CalcError);
  });
});

describe('login throttle', () => {
  it('locks a name after maxFailures for lockoutMs, then lets it try again', () => {
    let now = 0;
    const th = new LoginThrottle({ maxFailures: 3, maxClientFailures: 100, windowMs: 60_000, lockoutMs: 10_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(th.retryAfterMs('Alice', '1.2.3.4')).toBe(0);
      th.fail('Alice', '1.2.3.4');
    }
    expect(th.retryAfterMs('alice', '5.6.7.8')).toBe(10_000); // per name, case-insensitive, from any client
    now = 10_001;
    expect(th.retryAfterMs('alice', '1.2.3.4')).toBe(0);
  });

  it('locks a client that sprays many names', () => {
    const th = new LoginThrottle({ maxFailures: 100, maxClientFailures: 4, windowMs: 60_000, lockoutMs: 5_000 }, () => 0);
    for (let i = 0; i < 4; i++) th.fail(`user${i}`, '9.9.9.9');
    expect(th.retryAfterMs('fresh-name', '9.9.9.9')).toBe(5_000);
    expect(th.retryAfterMs('fresh-name', '8.8.8.8')).toBe(0);
  });

  it('forgets failures after the window and after a success', () => {
    let now = 0;
    const th = new LoginThrottle({ maxFailures: 2, maxClientFailures: 100, windowMs: 1_000, lockoutMs: 5_000 }, () => now);
    th.fail('bob', 'c');
    now = 1_500;
    th.fail('bob', 'c');
    expect(th.retryAfterMs('bob', 'c')).toBe(0);
    th.succeed('bob');
    th.fail('bob', 'c');
    expect(th.retryAfterMs('bob', 'c')).toBe(0);
  });
});

describe('rate limiter', () => {
  it('counts per client in fixed windows and reports the draft headers', () => {
    let now = 0;
    const rl = new RateLimiter(() => ({ limit: 2, windowMs: 10_000 }), () => now);
    expect(rl.take('a').allowed).toBe(true);
    now = 2_500;
    const second = rl.take('a');
    expect(second.headers).toEqual(['RateLimit-Limit', '2', 'RateLimit-Remaining', '0', 'RateLimit-Reset', '8', 'RateLimit-Policy', '2;w=10']);
    const third = rl.take('a');
    expect(third.allowed).toBe(false);
    expect(third.headers.slice(-2)).toEqual(['Retry-After', '8']);
    expect(rl.take('b').allowed).toBe(true);
    now = 10_000;
    expect(rl.take('a').allowed).toBe(true);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1'].some(isLoopback)).toBe(false);
  });
});

describe('token service', () => {
  afterEach(() => vi.useRealTimers());

  it('stops accepting a remembered token once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const tokens = new TokenService('unit-test-secret-unit-test-secret', 60);
    const token = await tokens.issue({ username: 'demo', role: 'user' });
    expect(await tokens.verify(token)).toEqual({ username: 'demo', role: 'user' });
    expect(await tokens.verify(token)).toEqual({ username: 'demo', role: 'user' }); // from the memo
    vi.setSystemTime(new Date('2026-01-01T00:01:01Z'));
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it('does not accept another secret\'s token', async () => {
    const a = new TokenService(undefined, 60);
    const b = new TokenService(undefined, 60);
    expect(await b.verify(await a.issue({ username: 'demo', role: 'admin' }))).toBeUndefined();
  });
});
