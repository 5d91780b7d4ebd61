import type { BuildFailure, Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GonogoError } from '../../core/errors.js';
import { isScenario, type Scenario } from './api.js';
import { loaderContext } from './sink.js';

/** gonogo's own entry (src/index.ts when run from TypeScript, dist/index.js when built). */
const SELF_ENTRY = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../index.ts' : '../../index.js', import.meta.url));

const selfPlugin: Plugin = {
  name: 'gonogo-self',
  setup(b) {
    // External by absolute URL: the scenario shares the loaded copy of gonogo (and so its metric sink).
    b.onResolve({ filter: /^gonogo$/ }, () => (existsSync(SELF_ENTRY) ? { path: pathToFileURL(SELF_ENTRY).href, external: true } : undefined));
  },
};

export interface CompiledScenarioFile {
  /** The scenario file as given (for messages). */
  display: string;
  /** The compiled module on disk; workers import it too. Removed by `dispose`. */
  bundle: string;
  baseDir: string;
  dispose(): Promise<void>;
}

/**
 * Compile a .ts/.js scenario file with esbuild (TypeScript and relative imports bundled, packages
 * left as imports) into an .mjs next to it, so users need no build step. Takes tens of ms.
 */
export async function compileScenarioFile(file: string, cwd: string): Promise<CompiledScenarioFile> {
  const display = relative(cwd, file) || file;
  if (!existsSync(file)) throw new GonogoError('GONOGO_SCENARIO_INVALID', `scenario file ${display} does not exist`, { where: '--scenario', hint: 'give the path of a .ts or .js file that exports defineScenario(...)' });
  let code: string;
  try {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [file], absWorkingDir: dirname(file), bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent', sourcemap: 'inline', plugins: [selfPlugin] });
    code = result.outputFiles[0]!.text;
  } catch (err) {
    const first = (err as Partial<BuildFailure>).errors?.[0];
    const loc = first?.location;
    const where = loc ? `${loc.file === basename(file) ? display : join(dirname(display), loc.file)}:${loc.line}:${loc.column + 1}` : display;
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `could not compile ${display}: ${first?.text ?? String(err)}`, { where });
  }
  const name = `.${basename(file)}.gonogo-${process.pid}-${randomBytes(4).toString('hex')}.mjs`;
  let bundle = join(dirname(file), name);
  try {
    await writeFile(bundle, code);
  } catch {
    bundle = join(tmpdir(), name);
    await writeFile(bundle, code);
  }
  return { display, bundle, baseDir: dirname(file), dispose: () => rm(bundle, { force: true }) };
}

/** Import a compiled scenario module in this thread and collect its scenarios by export key. */
export async function importScenarios(compiled: { bundle: string; baseDir: string; display?: string }, worker = 0, workers = 1): Promise<Map<string, Scenario>> {
  loaderContext.baseDir = compiled.baseDir;
  loaderContext.worker = worker;
  loaderContext.workers = workers;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(compiled.bundle).href)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof GonogoError) throw err;
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `${compiled.display ?? compiled.bundle} threw while loading: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`, { where: compiled.display });
  }
  const out = new Map<string, Scenario>();
  const seen = new Set<unknown>();
  const add = (key: string, v: unknown) => {
    if (isScenario(v) && !seen.has(v)) {
      seen.add(v);
      out.set(key, v);
    }
  };
  // `default` first so a file's main scenario is listed first.
  const keys = Object.keys(mod).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : 0));
  for (const k of keys) {
    const v = mod[k];
    if (Array.isArray(v)) v.forEach((x, i) => add(`${k}[${i}]`, x));
    else add(k, v);
  }
  return out;
}

export interface ScenarioModule {
  bundle: string;
  baseDir: string;
  /** The scenario file as the user named it (for messages and default scenario names). */
  display?: string;
}

/**
 * Import several compiled scenario files in this thread. With one file, scenarios keep their export
 * names as keys ("default", "browse"); with several, a default export is keyed by its file name
 * ("user-journey" for user-journey.scenario.ts) and a clash gets a "#2" suffix, so every worker
 * derives the same keys.
 */
export async function importAll(modules: readonly ScenarioModule[], worker = 0, workers = 1): Promise<Map<string, Scenario>> {
  if (modules.length === 1) return importScenarios(modules[0]!, worker, workers);
  const out = new Map<string, Scenario>();
  for (const m of modules) {
    const stem = basename(m.display ?? m.bundle).replace(/(\.scenario)?\.[cm]?[jt]sx?$/, '');
    for (const [key, sc] of await importScenarios(m, worker, workers)) {
      let k = key === 'default' ? stem : key;
      for (let n = 2; out.has(k); n++) k = `${key === 'default' ? stem : key}#${n}`;
      out.set(k, sc);
    }
  }
  return out;
}
