import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

/** Runs `script` (an ES module) in a fresh Node; returns the module URLs it resolved through ESM and those in require's cache. */
function loadedBy(script: string): { esm: string[]; cjs: string[] } {
  const log = path.join(tmpDir('gonogo-lazy-'), 'loaded.txt');
  const full = `
    import { createRequire, register } from 'node:module';
    import { pathToFileURL } from 'node:url';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
    ${script}
    const cjs = Object.keys(createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))}).cache).map((f) => pathToFileURL(f).href);
    process.stdout.write(JSON.stringify(cjs));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', full], { cwd: ROOT, env: { ...process.env, GONOGO_LOADED_LOG: log }, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { esm: readFileSync(log, 'utf8').split('\n').filter(Boolean), cjs: JSON.parse(r.stdout) as string[] };
}

/** Loads commands.js (the whole tree) in a fresh Node, runs `extra`, and returns every module it loaded (ESM and CommonJS). */
function modulesLoaded(extra: string): string[] {
  const { esm, cjs } = loadedBy(`
    const { buildProgram } = await import(${JSON.stringify(PROGRAM)});
    const program = await buildProgram(() => {});
    const walk = (c) => { c.helpInformation(); c.commands.forEach(walk); };
    walk(program);
    ${extra}
  `);
  return [...new Set([...esm, ...cjs])];
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

  it('`gonogo scan secrets` in the json and table formats loads no threshold grammar or vitals model; markdown does (report/report-vitals.ts)', () => {
    const vitalsOnly = ['/dist/core/thresholds/', '/dist/core/vitals.js', '/dist/report/vitals-model.js', '/dist/core/load-result.js'];
    const vitalsIn = (urls: string[]) => urls.filter((u) => vitalsOnly.some((v) => u.includes(v)));
    const withFinding = tmpDir('gonogo-lazy-secret-');
    // Built at run time so this file holds no credential-shaped string.
    writeFileSync(path.join(withFinding, 'a.env'), `key = "${['AKIA', 'QYLPMN5HHHFPZAM2'].join('')}"\n`);
    for (const dir of [tmpDir('gonogo-lazy-empty-'), withFinding]) {
      for (const format of ['json', 'table']) {
        const r = cliModules(['scan', 'secrets', dir, '--format', format]);
        expect(r.status, `${format} in ${dir}`).toBe(dir === withFinding ? 1 : 0);
        expect(r.urls.some((u) => u.includes(`/dist/report/reporters/${format}.js`))).toBe(true);
        expect(vitalsIn(r.urls), `${format} in ${dir}`).toEqual([]);
      }
    }
    // The check can fail: the markdown reporter renders vitals tables, so it loads them.
    const md = cliModules(['scan', 'secrets', withFinding, '--format', 'markdown']);
    expect(vitalsIn(md.urls).some((u) => u.includes('/dist/core/thresholds/'))).toBe(true);
  }, 60_000);

  it('the file walker requires ignore (no ESM export lexing), and only when a tree has ignore rules (scan/walk.ts)', () => {
    const walkJs = pathToFileURL(path.join(ROOT, 'dist/scan/walk.js')).href;
    const walkAll = (dir: string) => `const { walkFiles } = await import(${JSON.stringify(walkJs)}); for await (const f of walkFiles(${JSON.stringify(dir)})) void f;`;
    const isIgnore = (u: string) => u.includes('/node_modules/ignore/');
    const plain = tmpDir('gonogo-lazy-walk-');
    writeFileSync(path.join(plain, 'a.txt'), 'a\n');
    const none = loadedBy(walkAll(plain));
    expect(none.esm.some((u) => u.endsWith('/dist/scan/walk.js'))).toBe(true);
    expect([...none.esm, ...none.cjs].filter(isIgnore)).toEqual([]);
    const withRules = tmpDir('gonogo-lazy-walk-');
    writeFileSync(path.join(withRules, '.gitignore'), 'b.txt\n');
    writeFileSync(path.join(withRules, 'b.txt'), 'b\n');
    const some = loadedBy(walkAll(withRules));
    expect(some.cjs.filter(isIgnore).length).toBe(1);
    expect(some.esm.filter(isIgnore)).toEqual([]);
    // The check can fail: an ESM import of the package is seen by the resolve hook.
    expect(loadedBy(`await import('ignore');`).esm.filter(isIgnore).length).toBe(1);
  }, 60_000);

  it('`gonogo scan iac` and `scan sast` never resolve ignore through ESM, even on a tree with a .gitignore', () => {
    const dir = tmpDir('gonogo-lazy-scan-');
    writeFileSync(path.join(dir, '.gitignore'), 'dist/\n');
    writeFileSync(path.join(dir, 'index.js'), 'console.log(1);\n');
    for (const scanner of ['iac', 'sast']) {
      const r = cliModules(['scan', scanner, dir, '--format', 'json']);
      expect(r.status, scanner).toBe(0);
      expect(r.urls.some((u) => u.endsWith('/dist/scan/walk.js')), scanner).toBe(true);
      expect(r.urls.filter((u) => u.includes('/node_modules/ignore/')), scanner).toEqual([]);
    }
  }, 60_000);
});
