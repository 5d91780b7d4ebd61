import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const { track } = serverPool(afterEach);

describe('gonogo CLI basics', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists the commands; <command> --help lists its flags', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/load \[options\] \[url\]/);
    expect(r.stdout).toMatch(/config/);
    const l = await runCli(['load', '--help']);
    expect(l.code).toBe(0);
    for (const flag of ['--connections', '--duration', '--rate', '--threshold', '--out', '--csv', '--workers']) expect(l.stdout).toContain(flag);
  });

  it('an unknown command is a usage error with a suggestion (exit 2)', async () => {
    const r = await runCli(['lod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'lod'/);
    expect(r.stderr).toMatch(/load/);
  });

  it('a zero duration is refused before anything is sent', async () => {
    const r = await runCli(['load', 'http://127.0.0.1:9/', '-d', '0s']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--duration must be longer than 0/);
  });

  it('config check reports where the config is and what it holds', async () => {
    const r = await runCli(['config', 'check'], { cwd: '/' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no config file found/);
  });

  it('live progress rewrites one line on a terminal', async () => {
    const srv = await track(httpServer((_req, res) => res.end('ok')));
    // util-linux `script` gives the CLI a pseudo-terminal, as a person's shell would.
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn('script', ['-qfec', `${process.execPath} ${CLI} load ${srv.url} -c 2 -d 3s`, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' } });
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.on('error', reject);
      p.on('close', () => resolve(text));
    });
    const updates = out.split('\r\x1b[2K').filter((s) => /req\/s/.test(s));
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates[0]).toMatch(/^1s \/ 3s \(2s left\) {2}[\d,]+ req\/s {2}p95 [\d.]+ m?s {2}[\d,]+ requests {2}0 errors {2}2 connections/);
    expect(out).toMatch(/PASSED/);
  });
});
