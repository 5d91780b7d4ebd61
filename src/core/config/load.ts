import { isAbsolute, relative } from 'node:path';
import { findConfigFile } from './discover.js';
import type { GonogoConfig } from './schema.js';

export interface LoadedConfig {
  /** Normalised and deep-frozen; `{}` when no config file exists. */
  config: GonogoConfig;
  /** Absolute path of the file that was loaded; undefined when none was found. */
  file?: string;
}

const EMPTY: GonogoConfig = Object.freeze({});

/**
 * Find, read and validate the config. Throws ConfigError (GONOGO_CONFIG_NOT_FOUND / _PARSE / _INVALID);
 * no config file at all is not an error. The parsers and the schema (yaml, zod, esbuild) are
 * imported only when a file exists: a load generator pays for every megabyte it keeps resident.
 */
export async function loadConfig(opts: { cwd: string; configPath?: string }): Promise<LoadedConfig> {
  const file = await findConfigFile(opts.cwd, opts.configPath);
  if (file === undefined) return { config: EMPTY };
  const [{ readConfigFile }, { validateConfig }, { withRulesDir }] = await Promise.all([import('./read.js'), import('./validate.js'), import('./rules-dir.js')]);
  const display = displayName(opts.cwd, file);
  const { raw, positions } = await withRulesDir(await readConfigFile(file, display), file, display);
  return { config: validateConfig(raw, display, positions), file };
}

/** Relative to cwd when that is shorter to read (and clickable in terminals); absolute otherwise. */
function displayName(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !isAbsolute(rel) ? rel : file;
}
