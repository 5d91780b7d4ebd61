import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { existingScanRoot, resolveScanRoot } from '../../src/core/scan-root.js';
import { tmpDir } from '../helpers/cli.js';

describe('the scan root (core/scan-root.ts)', () => {
  const cwd = '/work/here';
  const configFile = '/work/project/gonogo.config.yaml';

  it('the [path] argument wins, relative to cwd', () => {
    expect(resolveScanRoot({ arg: 'src', cwd, configFile, scanPath: 'app' })).toEqual({ root: '/work/here/src', configDir: '/work/project', where: '[path]' });
  });

  it('else scan.path, relative to the config file', () => {
    expect(resolveScanRoot({ cwd, configFile, scanPath: 'app' })).toEqual({ root: '/work/project/app', configDir: '/work/project', where: 'scan.path' });
  });

  it('else the fallback (the gate: the config folder), else cwd', () => {
    expect(resolveScanRoot({ cwd, configFile, fallback: '/work/project' }).root).toBe('/work/project');
    expect(resolveScanRoot({ cwd }).root).toBe(cwd);
    expect(resolveScanRoot({ cwd }).configDir).toBe(cwd);
  });

  it('a missing root is a usage error naming what gave it', async () => {
    const dir = tmpDir();
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'one.txt'), 'x');
    await expect(existingScanRoot({ cwd: dir, scanPath: 'app' })).resolves.toMatchObject({ root: path.join(dir, 'app'), isFile: false });
    await expect(existingScanRoot({ cwd: dir, arg: 'one.txt' })).resolves.toMatchObject({ isFile: true });
    await expect(existingScanRoot({ cwd: dir, scanPath: 'nope' })).rejects.toMatchObject({ exitCode: 2, where: 'scan.path', message: expect.stringContaining('no such file or folder') });
    await expect(existingScanRoot({ cwd: dir, arg: 'gone' })).rejects.toMatchObject({ exitCode: 2, where: '[path]', message: 'cannot scan gone: no such file or folder (ENOENT)' });
  });
});
