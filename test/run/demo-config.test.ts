import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/validate.js';
import { builtInDemoConfig, demoOverlay, exampleConfigFile, sampleProject } from '../../src/run/demo-config.js';
import { EXAMPLE_SCENARIO, starterConfig } from '../../src/run/init-files.js';

describe('demo config', () => {
  it('the built-in config validates and loads the service, scans the sample project and probes it', () => {
    const cfg = validateConfig(builtInDemoConfig('http://127.0.0.1:4000'));
    expect(cfg.load!.url).toBe('http://127.0.0.1:4000/api/info');
    expect(cfg.checklist!.some((i) => i.threshold === 'p(95)<500')).toBe(true);
    expect(sampleProject()).toBeDefined();
    expect(cfg.scan!.path).toBe(sampleProject());
  });

  it('the overlay adds only sections the config lacks', () => {
    const raw = { target: 'http://x', scan: { path: 'mine' } };
    const out = demoOverlay(raw, '/p');
    expect(out.scan).toEqual({ path: 'mine' });
    expect(out.docs).toEqual({ paths: ['/p/README.md'] });
    expect(raw).toEqual({ target: 'http://x', scan: { path: 'mine' } }); // not mutated
    expect(demoOverlay({}, undefined).scan).toBeUndefined();
  });

  it('the overlay points the load at the service\'s /metrics unless the config names its own', () => {
    expect(demoOverlay({ load: { url: '/a' } }, undefined, 'http://s/metrics').load).toEqual({ url: '/a', metrics: 'http://s/metrics' });
    expect(demoOverlay({ load: { metrics: 'http://mine/metrics' } }, undefined, 'http://s/metrics').load).toEqual({ metrics: 'http://mine/metrics' });
    expect(demoOverlay({}, undefined, 'http://s/metrics').load).toBeUndefined();
    expect(validateConfig(builtInDemoConfig('http://127.0.0.1:4000')).load!.metrics).toBe('http://127.0.0.1:4000/metrics');
  });

  it('finds the example config of this checkout', () => {
    expect(exampleConfigFile()).toMatch(/examples\/gonogo\.config\.(ts|mjs|js|yaml|yml|json)$/);
    expect(exampleConfigFile('/nonexistent/')).toBeUndefined();
  });
});

describe('gonogo init files', () => {
  it('the example scenario is valid TypeScript', async () => {
    await expect(transform(EXAMPLE_SCENARIO, { loader: 'ts' })).resolves.toBeDefined();
  });

  it('the starter config puts the target in quotes-safe form', () => {
    expect(starterConfig('http://h:1/a b')).toContain('target: "http://h:1/a b"');
  });
});
