import { execFile, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/cli.js';
import { httpServer, serverPool } from '../helpers/servers.js';

const exec = promisify(execFile);
const servers = serverPool(afterEach);

/** Run the installed `gonogo` bin as a user of the published package would. */
function gonogo(bin: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// A production install: only `dependencies` come along, so a runtime import kept in devDependencies breaks here.
describe('the packed package, installed into a clean folder', () => {
  it('runs `gonogo --help` and `gonogo docs --external` against a loopback server', { timeout: 240_000 }, async () => {
    const packDir = tmpDir('gonogo-pack-');
    // dist/ is already built by `npm test`; --ignore-scripts skips the second build `prepare` would do.
    await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: path.resolve('.') });
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const app = tmpDir('gonogo-installed-');
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    await exec('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', path.join(packDir, tarball!)], { cwd: app, timeout: 200_000 });
    const bin = path.join(app, 'node_modules', '.bin', 'gonogo');

    const help = await gonogo(bin, ['--help'], app);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: gonogo/);

    const srv = await servers.track(httpServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end()));
    writeFileSync(path.join(app, 'README.md'), `# Consumer\n\nSee [the guide](${srv.url}ok) and [the old page](${srv.url}gone).\n`);
    const docs = await gonogo(bin, ['docs', 'README.md', '--external'], app);
    expect(docs.out).not.toMatch(/Cannot find package|ERR_MODULE_NOT_FOUND/);
    expect(docs.out).toMatch(/gone: HTTP 404/);
    expect(docs.out).not.toMatch(/ok: HTTP/);
    expect(docs.code).toBe(1);
  });
});
