import { describe, expect, it } from 'vitest';
import { MAX_SCALE, parseScale } from '../../src/core/scale.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { thrown } from './config-helpers.js';
import { resolveScriptedOptions } from '../../src/load/scripted-options.js';

describe('one --scale bound (core/scale.ts)', () => {
  it('accepts (0, MAX_SCALE] and defaults to 1', () => {
    expect(MAX_SCALE).toBe(10);
    expect(parseScale(undefined)).toBe(1);
    expect(parseScale('0.1')).toBe(0.1);
    expect(parseScale('10')).toBe(10);
    expect(parseScale(2)).toBe(2);
  });

  it.each(['0', '-1', '20', '10.5', 'abc', '', 'Infinity'])('rejects %j with a message naming the flag and the bound', (v) => {
    expect(() => parseScale(v)).toThrow(`--scale must be a number greater than 0 and at most 10, got "${v}"`);
  });

  it('a scale the CLI accepts also passes the scripted load path (the gate re-reads it there)', () => {
    const opts = resolveScriptedOptions([], undefined, { scale: '10' }, { target: 'http://127.0.0.1:1/', load: { profile: 'smoke' } }, undefined, process.cwd());
    expect(opts.scale).toBe(10);
  });

  it('run.scale in the config has the same bound', () => {
    expect(validateConfig({ run: { scale: 10 } }, 'test config').run?.scale).toBe(10);
    expect(thrown(() => validateConfig({ run: { scale: 20 } }, 'test config')).details).toEqual(['run.scale: expected a number greater than 0 and at most 10, got 20']);
  });
});
