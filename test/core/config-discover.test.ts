import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES, loadConfig } from '../../src/core/config/index.js';
import { cleanTemp, rejection, tempDir } from './config-helpers.js';

afterEach(cleanTemp);

describe('config discovery', () => {
  it('lists the file names it looks for', () => {
    expect(CONFIG_FILE_NAMES).toEqual([
      'gonogo.config.ts', 'gonogo.config.mjs', 'gonogo.config.js', 'gonogo.config.json', 'gonogo.config.yaml', 'gonogo.config.yml',
    ]);
    expect(Object.isFrozen(CONFIG_FILE_NAMES)).toBe(true);
  });

  it('searches upward from cwd and takes the nearest directory with a config', async () => {
    const root = await tempDir({
      'gonogo.config.yaml': 'load: { connections: 1 }\n',
      'app/gonogo.config.json': '{ "load": { "connections": 2 } }\n',
    });
    const deep = join(root, 'app', 'src', 'nested');
    await mkdir(deep, { recursive: true });
    const nearest = await loadConfig({ cwd: deep });
    expect(nearest.file).toBe(join(root, 'app', 'gonogo.config.json'));
    expect(nearest.config).toEqual({ load: { connections: 2 } });
    expect((await loadConfig({ cwd: root })).config).toEqual({ load: { connections: 1 } });
  });

  it('skips a directory that carries a config file name, and a path through a file, and keeps searching upward', async () => {
    const root = await tempDir({ 'gonogo.config.json': '{ "load": { "connections": 3 } }\n', 'app/README': 'x\n' });
    await mkdir(join(root, 'app', 'gonogo.config.yaml'), { recursive: true });
    const found = await loadConfig({ cwd: join(root, 'app') });
    expect(found.file).toBe(join(root, 'gonogo.config.json'));
    // A cwd below a regular file: every stat fails with ENOTDIR, which is "not here", not an error.
    expect((await loadConfig({ cwd: join(root, 'app', 'README', 'x') })).file).toBe(join(root, 'gonogo.config.json'));
  });

  it('names the file relative to cwd in messages when it was found further up', async () => {
    const root = await tempDir({ 'gonogo.config.yaml': 'load:\n  connections: 0\n' });
    await mkdir(join(root, 'a', 'b'), { recursive: true });
    const err = await rejection(loadConfig({ cwd: join(root, 'a', 'b') }));
    expect(err.details).toEqual(['../../gonogo.config.yaml:2:3 load.connections: expected a positive integer, got 0']);
  });

  it('refuses two config files in one directory, naming both', async () => {
    const dir = await tempDir({ 'gonogo.config.ts': 'export default {};\n', 'gonogo.config.yaml': '{}\n' });
    await mkdir(join(dir, 'sub'));
    const err = await rejection(loadConfig({ cwd: join(dir, 'sub') }));
    expect(err.code).toBe('GONOGO_CONFIG_INVALID');
    expect(err.message).toBe(`2 config files in ${dir}: gonogo.config.ts, gonogo.config.yaml`);
    expect(err.hint).toContain('keep one');
  });

  it('returns an empty frozen config when there is no config anywhere', async () => {
    const dir = await tempDir();
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded).toEqual({ config: {} });
    expect(loaded.file).toBeUndefined();
    expect(Object.isFrozen(loaded.config)).toBe(true);
  });

  it('loads --config relative to cwd, whatever its name, skipping discovery', async () => {
    const dir = await tempDir({ 'gonogo.config.yaml': 'load: { connections: 1 }\n', 'ci/gate.yml': 'load: { connections: 7 }\n' });
    const loaded = await loadConfig({ cwd: dir, configPath: 'ci/gate.yml' });
    expect(loaded.file).toBe(join(dir, 'ci', 'gate.yml'));
    expect(loaded.config).toEqual({ load: { connections: 7 } });
  });

  it('fails with GONOGO_CONFIG_NOT_FOUND when --config does not exist', async () => {
    const dir = await tempDir({ 'gonogo.config.yaml': '{}\n' });
    const err = await rejection(loadConfig({ cwd: dir, configPath: 'missing.yaml' }));
    expect(err.code).toBe('GONOGO_CONFIG_NOT_FOUND');
    expect(err.message).toBe('config file not found: missing.yaml');
    expect(err.where).toBe(join(dir, 'missing.yaml'));
    expect(err.exitCode).toBe(2);
  });

  it('rejects --config with a format it cannot read', async () => {
    const dir = await tempDir({ 'gonogo.toml': 'x = 1\n' });
    const err = await rejection(loadConfig({ cwd: dir, configPath: 'gonogo.toml' }));
    expect(err.code).toBe('GONOGO_CONFIG_PARSE');
    expect(err.hint).toContain('.yaml');
  });
});
