import { describe, expect, it } from 'vitest';
import { defineConfig, type GonogoConfig, type GonogoConfigInput, type LoadConfig } from '../../src/index.js';

describe('package entry', () => {
  it('defineConfig is the identity and types what users write', () => {
    const input: GonogoConfigInput = { target: 'http://x.test', load: { duration: '30s', workers: 'auto', thresholds: { latency: ['p95 < 1s'] } } };
    expect(defineConfig(input)).toBe(input);
    // @ts-expect-error unknown keys are type errors in a TypeScript config
    defineConfig({ load: { conections: 5 } });
    // @ts-expect-error methods are upper-case
    defineConfig({ load: { method: 'get' } });
  });

  it('exposes the normalised types', () => {
    const load: LoadConfig = { durationMs: 1000, timeoutMs: 10, workers: 'auto' };
    const config: GonogoConfig = { target: 'http://x.test', load };
    expect(config.load?.durationMs).toBe(1000);
  });
});
