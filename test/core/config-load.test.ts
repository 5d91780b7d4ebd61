import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config/index.js';
import { cleanTemp, fixtureCopy, rejection, tempDir } from './config-helpers.js';

afterEach(cleanTemp);

// Every fixture format describes the same settings.
const EXPECTED = {
  target: 'http://127.0.0.1:8080',
  load: {
    url: 'http://127.0.0.1:8080/api/items',
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"a":1}',
    connections: 20,
    durationMs: 90_000,
    workers: 'auto',
    timeoutMs: 2500,
    thresholds: ['p95(latency) < 200ms', { threshold: 'rate(errors) < 0.01', abortOnFail: true, delayAbortEval: '10s' }],
  },
};

const TS_CONFIG = `import { defineConfig, type LoadConfigInput } from 'gonogo';
import { target, thresholds } from './lib/shared';

const load: LoadConfigInput = {
  url: '/api/items',
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ a: 1 }),
  connections: 20,
  duration: '1m30s',
  workers: 'auto',
  timeout: '2.5s',
  thresholds,
};

export default defineConfig({ target, load });
`;
const TS_SHARED = `import type { ThresholdEntry } from 'gonogo';

export const thresholds: ThresholdEntry[] = [
  'p95(latency) < 200ms',
  { threshold: 'rate(errors) < 0.01', abortOnFail: true, delayAbortEval: '10s' },
];
export const target: string = 'http://127.0.0.1:8080';
`;

describe('loadConfig: formats', () => {
  it.each(['yaml', 'yml', 'json', 'mjs', 'js'])('loads gonogo.config.%s', async (ext) => {
    const dir = await fixtureCopy(ext);
    const { config, file } = await loadConfig({ cwd: dir });
    expect(file).toBe(join(dir, `gonogo.config.${ext}`));
    expect(config).toEqual(EXPECTED);
  });

  it('loads a TypeScript config that imports defineConfig from gonogo and a relative .ts file', async () => {
    const dir = await tempDir({ 'gonogo.config.ts': TS_CONFIG, 'lib/shared.ts': TS_SHARED });
    const { config } = await loadConfig({ cwd: dir });
    expect(config).toEqual(EXPECTED);
    // The temporary bundle is removed again.
    expect((await readdir(dir)).sort()).toEqual(['gonogo.config.ts', 'lib']);
  });

  it('loads a CommonJS .js config through its module.exports', async () => {
    const dir = await tempDir({ 'gonogo.config.js': "module.exports = { load: { connections: 3 } };\n" });
    expect((await loadConfig({ cwd: dir })).config).toEqual({ load: { connections: 3 } });
  });

  it('reports a config module that throws with its first line only', async () => {
    const dir = await tempDir({
      'gonogo.config.ts': "const n: number = 1;\nif (n) throw new Error('cannot reach the store\\nsecond line');\nexport default {};\n",
    });
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.code).toBe('GONOGO_CONFIG_PARSE');
    expect(err.message).toBe('gonogo.config.ts threw while loading: cannot reach the store');
    expect(await readdir(dir)).toEqual(['gonogo.config.ts']);
  });

  it('reports TypeScript syntax errors with file:line:col', async () => {
    const dir = await tempDir({ 'gonogo.config.ts': 'export default {\n  load: { connections: 5 \n};\n' });
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.code).toBe('GONOGO_CONFIG_PARSE');
    expect(err.where).toMatch(/^gonogo\.config\.ts:3:\d+$/);
  });

  it('requires a default export', async () => {
    const dir = await tempDir({ 'gonogo.config.mjs': 'export const config = {};\n' });
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.message).toContain('has no default export');
  });

  it('reports YAML syntax errors with file:line:col', async () => {
    const dir = await fixtureCopy('syntax');
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.code).toBe('GONOGO_CONFIG_PARSE');
    expect(err.where).toMatch(/^gonogo\.config\.yaml:4:\d+$/);
    expect(err.message).toMatch(/^could not parse gonogo\.config\.yaml: Flow sequence/);
    expect(err.message).not.toContain('\n');
  });

  it('treats duplicate JSON keys as a syntax error rather than keeping the last', async () => {
    const dir = await tempDir({ 'gonogo.config.json': '{"load": {"connections": 1, "connections": 2}}' });
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.code).toBe('GONOGO_CONFIG_PARSE');
    expect(err.where).toBe('gonogo.config.json:1:29');
  });

  it('treats an empty YAML file as an empty config', async () => {
    const dir = await tempDir({ 'gonogo.config.yaml': '# nothing yet\n' });
    expect((await loadConfig({ cwd: dir })).config).toEqual({});
  });
});

describe('loadConfig: schema problems from a file', () => {
  it('reports every problem at once with file:line:col and did-you-mean', async () => {
    const dir = await fixtureCopy('invalid');
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.code).toBe('GONOGO_CONFIG_INVALID');
    expect(err.message).toBe('8 problems in gonogo.config.yaml');
    expect(err.where).toBe('gonogo.config.yaml');
    expect(err.hint).toBe('see docs/config.md');
    expect(err.details).toEqual([
      'gonogo.config.yaml:1:1 target: expected an absolute http:// or https:// URL, got "localhost:8080"',
      'gonogo.config.yaml:3:3 load.conections: unknown key (did you mean "connections"?)',
      'gonogo.config.yaml:4:3 load.connections: expected a positive integer, got "fifty"',
      'gonogo.config.yaml:5:3 load.method: expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "get" (did you mean "GET"?)',
      'gonogo.config.yaml:6:3 load.duration: expected a duration like "30s", "1m30s", "500ms" or a number of seconds, got "30 sec"',
      'gonogo.config.yaml:7:3 load.workers: expected "auto" or a positive integer, got 0',
      'gonogo.config.yaml:11:7 load.thresholds[1].abortOnFial: unknown key (did you mean "abortOnFail"?)',
      'gonogo.config.yaml:12:1 prbe: unknown key (did you mean "probe"?)',
    ]);
  });

  it('points JSON problems at their line too', async () => {
    const dir = await tempDir({ 'gonogo.config.json': '{\n  "load": {\n    "rate": -5,\n    "insecure": "yes"\n  }\n}\n' });
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.details).toEqual([
      'gonogo.config.json:3:5 load.rate: expected a number > 0, got -5',
      'gonogo.config.json:4:5 load.insecure: expected true or false, got "yes"',
    ]);
  });

  it('names no position for JS configs, only the path', async () => {
    const dir = await tempDir({ 'gonogo.config.mjs': 'export default { load: { timeout: "soon" } };\n' });
    const err = await rejection(loadConfig({ cwd: dir }));
    expect(err.message).toBe('1 problem in gonogo.config.mjs');
    expect(err.details).toEqual(['load.timeout: expected a duration like "30s", "1m30s", "500ms" or a number of seconds, got "soon"']);
  });
});
