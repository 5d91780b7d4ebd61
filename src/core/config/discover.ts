import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

/** Searched for in this order in each directory; more than one in the same directory is an error. */
export const CONFIG_FILE_NAMES: readonly string[] = Object.freeze([
  'gonogo.config.ts',
  'gonogo.config.mjs',
  'gonogo.config.js',
  'gonogo.config.json',
  'gonogo.config.yaml',
  'gonogo.config.yml',
]);

// Synchronous, and no error object for a missing name: every command looks for 6 names in each directory up to the
// root, and the promise round trips and ENOENT errors of fs/promises cost ~2 ms of CPU of start-up on a 3-level path.
const isFile = (p: string): boolean => {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
};

/**
 * The config file to load: `configPath` (relative to cwd) when given, else the first directory from
 * cwd up to the filesystem root that holds one. Undefined when there is none, which is fine.
 */
export async function findConfigFile(cwd: string, configPath?: string): Promise<string | undefined> {
  if (configPath !== undefined) {
    const file = resolve(cwd, configPath);
    if (!isFile(file)) {
      throw new ConfigError('GONOGO_CONFIG_NOT_FOUND', `config file not found: ${configPath}`, {
        where: file,
        hint: `check the --config path; without --config gonogo looks for ${CONFIG_FILE_NAMES.join(', ')} from the current directory upwards`,
      });
    }
    return file;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) if (isFile(join(dir, name))) found.push(name);
    if (found.length > 1) {
      throw new ConfigError('GONOGO_CONFIG_INVALID', `${found.length} config files in ${dir}: ${found.join(', ')}`, {
        where: dir,
        hint: 'keep one, or choose with --config',
      });
    }
    if (found.length === 1) return join(dir, found[0]!);
    if (dirname(dir) === dir) return undefined;
  }
}
