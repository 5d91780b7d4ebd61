import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { GonogoError, UsageError } from '../../core/errors.js';
import { compileScenarioFile, importScenarios } from '../scenario/loader.js';
import { loaderContext } from '../scenario/sink.js';

/** Where the pods see the shipped files: under the ConfigMap mount, in the same layout as on this machine. */
export const FILES_DIR = 'files';

export interface ShippedFile {
  /** ConfigMap key (no slashes allowed there). */
  key: string;
  /** Path under the mount (the layout of the files on this machine, from their common folder). */
  path: string;
  content: string;
}

export interface JobFiles {
  files: ShippedFile[];
  /** The path a pod uses for a local file (absolute), under `mount`. */
  podPath(local: string): string;
}

/** `gonogo` and packages stay imports (the pod's image has them); relative imports are what we ship. */
const externalSelf: Plugin = { name: 'gonogo-external', setup: (b) => b.onResolve({ filter: /^gonogo$/ }, (a) => ({ path: a.path, external: true })) };

/**
 * Everything the pods need besides the image: the scenario files and every local module they import (esbuild's
 * metafile), the feeder files they read when loaded (recorded while importing them here, as `gonogo load` would),
 * the config and the body file. Kept in their own relative layout so relative paths in the config, in imports and
 * in feeders resolve in the pod as they do here.
 */
export async function collectJobFiles(input: { cwd: string; mount: string; scenarios: readonly string[]; others: readonly string[] }): Promise<JobFiles> {
  const wanted = new Set<string>([...input.others.map((f) => path.resolve(input.cwd, f))]);
  for (const scenario of input.scenarios) {
    for (const f of await localModules(scenario)) wanted.add(f);
    for (const f of await feederFiles(scenario, input.cwd)) wanted.add(f);
  }
  const locals = [...wanted].sort();
  const root = commonFolder(locals);
  const files: ShippedFile[] = [];
  for (const [i, local] of locals.entries()) {
    let content: string;
    try {
      content = await readFile(local, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${path.relative(input.cwd, local) || local}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: 'gonogo k8s job' });
    }
    const rel = path.relative(root, local).split(path.sep).join('/');
    files.push({ key: `f${i}-${path.basename(local).replace(/[^-._a-zA-Z0-9]/g, '_')}`, path: `${FILES_DIR}/${rel}`, content });
  }
  return { files, podPath: (local) => `${input.mount}/${FILES_DIR}/${path.relative(root, path.resolve(input.cwd, local)).split(path.sep).join('/')}` };
}

async function localModules(scenario: string): Promise<string[]> {
  try {
    const { build } = await import('esbuild');
    const r = await build({ entryPoints: [scenario], absWorkingDir: path.dirname(scenario), bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, logLevel: 'silent', plugins: [externalSelf] });
    return Object.keys(r.metafile.inputs).map((f) => path.resolve(path.dirname(scenario), f));
  } catch (err) {
    const first = (err as { errors?: { text: string }[] }).errors?.[0];
    throw new GonogoError('GONOGO_SCENARIO_INVALID', `could not compile ${scenario}: ${first?.text ?? String(err)}`, { where: '--scenario' });
  }
}

/** Feeders read their files when the scenario module loads: load it once and note what they read. */
async function feederFiles(scenario: string, cwd: string): Promise<string[]> {
  const compiled = await compileScenarioFile(scenario, cwd);
  const read = new Set<string>();
  loaderContext.filesRead = read;
  try {
    await importScenarios(compiled);
  } finally {
    loaderContext.filesRead = undefined;
    await compiled.dispose();
  }
  return [...read];
}

function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return '/';
  let parts = path.dirname(files[0]!).split(path.sep);
  for (const f of files.slice(1)) {
    const other = path.dirname(f).split(path.sep);
    let n = 0;
    while (n < parts.length && n < other.length && parts[n] === other[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.join(path.sep) || path.sep;
}
