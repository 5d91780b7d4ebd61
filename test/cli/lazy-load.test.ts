import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/cli.js';

/**
 * Building the command tree (and printing every command's help) must not load any command's
 * implementation: each action `await import()`s it. Asserted on which modules load, not on time.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROGRAM = pathToFileURL(path.join(ROOT, 'dist/cli/commands.js')).href;

/** Heavy dependencies and implementation folders; none belongs in `gonogo --version` or `--help`. */
const HEAVY = [
  '/node_modules/typescript/',
  '/node_modules/@vscode/tree-sitter-wasm/',
  '/node_modules/markdown-it/',
  '/node_modules/undici/',
  '/node_modules/playwright-core/',
  '/node_modules/prom-client/',
  '/node_modules/jose/',
  '/node_modules/dockerfile-ast/',
  '/node_modules/esbuild/',
  '/node_modules/hdr-histogram-js/',
  '/dist/probe/',
  '/dist/load/',
  '/dist/report/reporters/',
  '/dist/scan/secrets/',
  '/dist/scan/sast/',
  '/dist/scan/iac/',
  '/dist/demo/',
  '/dist/docs/',
  '/dist/report/compare/',
  '/dist/run/run.js',
];
// Runs in the hooks thread: records every module URL the child resolves (ESM and CJS imported from ESM).
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.GONOGO_LOADED_LOG, r.url + '\\n');
  return r;
}`;

/** Loads commands.js (the whole tree) in a fresh Node, runs `extra`, and returns every module it loaded (ESM and CommonJS). */
function modulesLoaded(extra: string): string[] {
  const log = path.join(tmpDir('gonogo-lazy-'), 'loaded.txt');
  const script = `
    import { createRequire, register } from 'node:module';
    import { pathToFileURL } from 'node:url';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
    const { buildProgram } = await import(${JSON.stringify(PROGRAM)});
    const program = await buildProgram(() => {});
    const walk = (c) => { c.helpInformation(); c.commands.forEach(walk); };
    walk(program);
    ${extra}
    const cjs = Object.keys(createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))}).cache).map((f) => pathToFileURL(f).href);
    process.stdout.write(JSON.stringify(cjs));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, GONOGO_LOADED_LOG: log }, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const esm = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return [...new Set([...esm, ...(JSON.parse(r.stdout) as string[])])];
}

/** Runs the built CLI with `args` and returns the ESM modules it resolved. */
function cliModules(args: string[]): { urls: string[]; status: number | null } {
  const log = path.join(tmpDir('gonogo-lazy-'), 'loaded.txt');
  const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(ROOT, 'dist/cli/main.js'), ...args], {
    cwd: tmpDir('gonogo-lazy-cwd-'),
    env: { ...process.env, GONOGO_LOADED_LOG: log },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { urls: readFileSync(log, 'utf8').split('\n').filter(Boolean), status: r.status };
}
const registrationFiles = (urls: string[]) => urls.filter((u) => /\/dist\/cli\/[a-z0-9-]+\.js$/.test(u) && !/-action\.js$/.test(u)).map((u) => path.basename(u));

const heavyIn = (urls: string[]) => urls.filter((u) => HEAVY.some((h) => u.includes(h)));

describe('command tree loads lazily', () => {
  it('building the program and rendering every help text loads no command implementation', () => {
    const loaded = modulesLoaded('');
    // The recording works: the registration files and commander were seen.
    expect(loaded.some((u) => u.endsWith('/dist/cli/probe.js'))).toBe(true);
    expect(loaded.some((u) => u.includes('/node_modules/commander/'))).toBe(true);
    expect(heavyIn(loaded)).toEqual([]);
    // No command's `-action` module is loaded before its command runs.
    expect(loaded.filter((u) => /\/dist\/cli\/[^/]+-action\.js$/.test(u))).toEqual([]);
  }, 60_000);

  it('a command implementation, once imported, shows up as heavy (the check can fail)', () => {
    const loaded = modulesLoaded(`await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/cli/probe-action.js')).href)});`);
    expect(heavyIn(loaded).some((u) => u.includes('/dist/probe/'))).toBe(true);
  }, 60_000);

  it('the load and secrets implementations hit every heavy entry added for them (the entries match real paths)', () => {
    const actions = ['load-action.js', 'scan-secrets-action.js'].map((f) => `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/cli', f)).href)});`);
    const heavy = heavyIn(modulesLoaded(actions.join('\n')));
    for (const entry of ['/dist/load/', '/dist/report/reporters/', '/node_modules/hdr-histogram-js/', '/dist/scan/secrets/']) {
      expect(heavy.some((u) => u.includes(entry)), entry).toBe(true);
    }
  }, 60_000);

  it('the secrets implementation loads picomatch only when a path suppression is matched', () => {
    const action = `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/cli/scan-secrets-action.js')).href)});`;
    const picomatchIn = (urls: string[]) => urls.some((u) => u.includes('/node_modules/picomatch/'));
    expect(picomatchIn(modulesLoaded(action))).toBe(false);
    const suppress = pathToFileURL(path.join(ROOT, 'dist/scan/register/suppress.js')).href;
    const match = `const { suppressionMatches } = await import(${JSON.stringify(suppress)});
      if (!suppressionMatches({ id: 'a', path: 'src/**', expires: '2999-01-01' }, { ruleId: 'a', location: { file: 'src/x.ts' } })) throw new Error('no match');`;
    expect(picomatchIn(modulesLoaded(action + match))).toBe(true);
  }, 60_000);

  it('`gonogo scan secrets` loads the scan registration files only; `gonogo --help` loads them all (cli/commands.ts)', () => {
    const secrets = cliModules(['scan', 'secrets', tmpDir('gonogo-lazy-empty-'), '--format', 'json']);
    expect(secrets.status).toBe(0);
    const loaded = registrationFiles(secrets.urls);
    expect(loaded).toContain('scan-secrets.js');
    for (const other of ['load.js', 'probe.js', 'vitals.js', 'k8s.js', 'docs.js']) expect(loaded).not.toContain(other);
    const help = cliModules(['--help']);
    expect(help.status).toBe(0);
    for (const all of ['load.js', 'probe.js', 'vitals.js', 'k8s.js', 'docs.js', 'scan-secrets.js']) expect(registrationFiles(help.urls)).toContain(all);
  }, 60_000);
});
