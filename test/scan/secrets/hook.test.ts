import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../../helpers/system.js';
import { SECRETS, cli, gitEnv, repo } from './helpers.js';

/** `git commit` as a user runs it: hooks enabled, isolated config (GIT_CONFIG_NOSYSTEM, a temp HOME). */
function commit(dir: string, message: string): { code: number | null; out: string } {
  const r = spawnSync('git', ['commit', '-m', message], { cwd: dir, env: { ...process.env, ...gitEnv(path.join(dir, '..')), NO_COLOR: '1' }, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function add(dir: string, file: string, content: string): void {
  writeFileSync(path.join(dir, file), content);
  spawnSync('git', ['add', file], { cwd: dir, env: { ...process.env, ...gitEnv(path.join(dir, '..')) } });
}

function commits(dir: string): number {
  const r = spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : 0;
}

describe.skipIf(!requireProgram('git'))('gonogo hook install', () => {
  it('blocks the launch check commit, names file, line and rule with the secret masked, and permits clean commits', async () => {
    const dir = repo();
    const inst = await cli(['hook', 'install'], { cwd: dir });
    expect(inst.code).toBe(0);
    expect(inst.stdout).toMatch(/installed .*pre-commit/);

    // The literal check.
    add(dir, 'test-secret.txt', 'AWS_SECRET_KEY=AKIAIOSFODNN7EXAMPLE\n');
    const blocked = commit(dir, 'test');
    expect(blocked.code).not.toBe(0);
    expect(commits(dir)).toBe(0);
    expect(blocked.out).toContain('test-secret.txt:1');
    expect(blocked.out).toContain('secrets.aws-access-key-id');
    expect(blocked.out).toContain('AKIA****');
    expect(blocked.out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(blocked.out).toMatch(/commit blocked/);

    // A real-looking token is blocked too, and never printed.
    spawnSync('git', ['rm', '-q', '--cached', 'test-secret.txt'], { cwd: dir });
    add(dir, 'client.ts', `export const token = "${SECRETS.github}";\n`);
    const blocked2 = commit(dir, 'token');
    expect(blocked2.code).not.toBe(0);
    expect(blocked2.out).not.toContain(SECRETS.github);
    expect(blocked2.out).toContain('client.ts:1');

    spawnSync('git', ['rm', '-q', '--cached', 'client.ts'], { cwd: dir });
    add(dir, 'readme.md', '# hello\n');
    const ok = commit(dir, 'clean');
    expect(ok.code, ok.out).toBe(0);
    expect(commits(dir)).toBe(1);
  });

  it('chains an existing pre-commit hook (runs it too) and uninstall restores it', async () => {
    const dir = repo();
    const hooks = path.join(dir, '.git', 'hooks');
    const previous = '#!/bin/sh\necho ran >> "$(git rev-parse --show-toplevel)/.previous-hook-ran"\n';
    writeFileSync(path.join(hooks, 'pre-commit'), previous);
    chmodSync(path.join(hooks, 'pre-commit'), 0o755);
    const inst = await cli(['hook', 'install'], { cwd: dir });
    expect(inst.stdout, inst.stderr).toMatch(/runs the previous hook first/);
    expect((await cli(['hook', 'install'], { cwd: dir })).stdout).toMatch(/^updated /); // idempotent

    add(dir, 'a.txt', 'hello\n');
    expect(commit(dir, 'clean').code).toBe(0);
    expect(readFileSync(path.join(dir, '.previous-hook-ran'), 'utf8')).toBe('ran\n');

    add(dir, 'b.txt', `k=${SECRETS.stripe}\n`);
    expect(commit(dir, 'secret').code).not.toBe(0);
    expect(readFileSync(path.join(dir, '.previous-hook-ran'), 'utf8')).toBe('ran\nran\n');

    // A failing chained hook blocks the commit on its own.
    writeFileSync(path.join(hooks, 'pre-commit.gonogo-chained'), '#!/bin/sh\necho chained-failed >&2\nexit 3\n');
    spawnSync('git', ['rm', '-q', '--cached', 'b.txt'], { cwd: dir });
    add(dir, 'c.txt', 'fine\n');
    const failed = commit(dir, 'chained fails');
    expect(failed.code).not.toBe(0);
    expect(failed.out).toContain('chained-failed');
    writeFileSync(path.join(hooks, 'pre-commit.gonogo-chained'), previous);

    const un = await cli(['hook', 'uninstall'], { cwd: dir });
    expect(un.stdout).toMatch(/restored the previous hook/);
    expect(readFileSync(path.join(hooks, 'pre-commit'), 'utf8')).toBe(previous);
    expect(existsSync(path.join(hooks, 'pre-commit.gonogo-chained'))).toBe(false);
    expect((await cli(['hook', 'uninstall'], { cwd: dir })).stdout).toMatch(/no gonogo hook installed/);
  });

  it('installs into core.hooksPath when set, and uninstall removes a hook it did not chain', async () => {
    const dir = repo();
    spawnSync('git', ['config', 'core.hooksPath', '.githooks'], { cwd: dir });
    mkdirSync(path.join(dir, '.githooks'));
    await cli(['hook', 'install'], { cwd: dir });
    expect(existsSync(path.join(dir, '.githooks', 'pre-commit'))).toBe(true);
    expect(existsSync(path.join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    add(dir, 'x.env', `TOKEN=${SECRETS.github}\n`);
    expect(commit(dir, 'blocked').code).not.toBe(0);
    await cli(['hook', 'uninstall'], { cwd: dir });
    expect(existsSync(path.join(dir, '.githooks', 'pre-commit'))).toBe(false);
  });

  it('outside a repository, says so (exit 2)', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'gonogo-no-repo-'));
    const r = await cli(['hook', 'install'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a git repository/);
  });
});
