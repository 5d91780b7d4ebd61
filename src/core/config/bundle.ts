import type { BuildFailure, Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../errors.js';

/**
 * This package's own entry, next to this file in src/ (run from TypeScript) or dist/ (built).
 * A config's `import ... from 'gonogo'` is pointed here, so it works without gonogo in the user's node_modules.
 */
const SELF_ENTRY = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../index.ts' : '../../index.js', import.meta.url));

const selfPlugin: Plugin = {
  name: 'gonogo-self',
  setup(b) {
    // External by absolute URL rather than bundled: the config shares the one loaded copy of gonogo.
    b.onResolve({ filter: /^gonogo$/ }, () => (existsSync(SELF_ENTRY) ? { path: pathToFileURL(SELF_ENTRY).href, external: true } : undefined));
  },
};

/**
 * Load a .ts/.mjs/.js config: bundle it (TypeScript and relative imports included, packages left as imports),
 * import the result and return its default export, calling it when it is a (possibly async) function.
 */
export async function importConfigModule(file: string, display: string): Promise<unknown> {
  const code = await bundle(file, display);
  const tmp = await writeTemp(file, code);
  try {
    const mod = (await import(pathToFileURL(tmp).href)) as { default?: unknown };
    if (mod.default === undefined) {
      throw new ConfigError('GONOGO_CONFIG_PARSE', `${display} has no default export`, {
        where: display,
        hint: "end the file with `export default defineConfig({ ... })` (import { defineConfig } from 'gonogo')",
      });
    }
    return typeof mod.default === 'function' ? await (mod.default as () => unknown)() : await mod.default;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('GONOGO_CONFIG_PARSE', `${display} threw while loading: ${firstLine(err)}`, { where: display });
  } finally {
    await rm(tmp, { force: true });
  }
}

async function bundle(file: string, display: string): Promise<string> {
  try {
    // esbuild is loaded only for .ts/.js configs.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
      plugins: [selfPlugin],
    });
    return result.outputFiles[0]!.text;
  } catch (err) {
    const first = (err as Partial<BuildFailure>).errors?.[0];
    const loc = first?.location;
    // esbuild names files relative to the config's directory; show them relative to where `display` is.
    const where = loc ? `${loc.file === basename(file) ? display : join(dirname(display), loc.file)}:${loc.line}:${loc.column + 1}` : display;
    throw new ConfigError('GONOGO_CONFIG_PARSE', `could not compile ${display}: ${first?.text ?? firstLine(err)}`, { where });
  }
}

/**
 * Next to the config so the bundle's package imports resolve from the user's node_modules; falls back to
 * the OS temp dir when that directory is read-only (then only built-ins and `gonogo` can be imported).
 */
async function writeTemp(file: string, code: string): Promise<string> {
  const name = `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`;
  const nextTo = join(dirname(file), name);
  try {
    await writeFile(nextTo, code);
    return nextTo;
  } catch {
    const inTmp = join(tmpdir(), name);
    await writeFile(inTmp, code);
    return inTmp;
  }
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
