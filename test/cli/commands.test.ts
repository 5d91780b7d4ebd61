import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, programFor } from '../../src/cli/commands.js';
import { cliSpecFromCommander } from '../../src/cli/command-spec.js';
import { buildProgram } from '../../src/cli/program.js';
import { tmpDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.GONOGO_LOADED_LOG, r.url + '\\n');
  return r;
}`;

/** Runs the built CLI with `args` and returns the ESM modules it resolved. */
function cliModules(args: string[]): { urls: string[]; status: number | null } {
  const log = path.join(tmpDir('gonogo-commands-'), 'loaded.txt');
  const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(ROOT, 'dist/cli/main.js'), ...args], {
    cwd: tmpDir('gonogo-commands-cwd-'),
    env: { ...process.env, GONOGO_LOADED_LOG: log },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { urls: readFileSync(log, 'utf8').split('\n').filter(Boolean), status: r.status };
}
const registrationFiles = (urls: string[]) => urls.filter((u) => /\/dist\/cli\/[a-z0-9-]+\.js$/.test(u) && !/-action\.js$/.test(u)).map((u) => path.basename(u));

describe('commands loaded on use (cli/commands.ts)', () => {
  it('names every top-level command of the full tree, each registering that command with the same options', async () => {
    const full = buildProgram(() => {});
    expect(Object.keys(COMMANDS).sort()).toEqual(full.commands.map((c) => c.name()).sort());
    for (const [name, load] of Object.entries(COMMANDS)) {
      const one = await programFor(['node', 'gonogo', name], () => {});
      expect(one.commands.map((c) => c.name())).toEqual([name]);
      expect(cliSpecFromCommander(one.commands[0]!)).toEqual(cliSpecFromCommander(full.commands.find((c) => c.name() === name)!));
      expect(typeof (await load())).toBe('function');
    }
  });

  it('builds the whole tree for help, an unknown command, and after --config', async () => {
    for (const argv of [['--help'], ['scna'], [], ['--version']]) expect((await programFor(['node', 'gonogo', ...argv], () => {})).commands.length).toBe(Object.keys(COMMANDS).length);
    expect((await programFor(['node', 'gonogo', '--config', 'x.json', 'probe'], () => {})).commands.map((c) => c.name())).toEqual(['probe']);
    expect((await programFor(['node', 'gonogo', '--config=x.json', 'probe'], () => {})).commands.map((c) => c.name())).toEqual(['probe']);
  });

  it('`gonogo scan secrets` loads the scan registration files only; `gonogo --help` loads them all', () => {
    const empty = tmpDir('gonogo-commands-empty-');
    const secrets = cliModules(['scan', 'secrets', empty, '--format', 'json']);
    expect(secrets.status).toBe(0);
    const loaded = registrationFiles(secrets.urls);
    expect(loaded).toContain('scan-secrets.js');
    for (const other of ['load.js', 'probe.js', 'vitals.js', 'k8s.js', 'program.js']) expect(loaded).not.toContain(other);
    const help = cliModules(['--help']);
    expect(help.status).toBe(0);
    for (const all of ['load.js', 'probe.js', 'vitals.js', 'k8s.js', 'program.js', 'scan-secrets.js']) expect(registrationFiles(help.urls)).toContain(all);
  }, 60_000);
});
