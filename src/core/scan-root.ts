import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';

export interface ScanRootInput {
  /** The command's `[path]` argument, relative to cwd. */
  arg?: string;
  cwd: string;
  /** The config file, whose folder `scan.path` is relative to. */
  configFile?: string;
  scanPath?: string;
  /** Where a scan starts with neither (commands: cwd; `gonogo run`: the config file's folder). */
  fallback?: string;
}

export interface ScanRoot {
  root: string;
  /** The config file's folder (else cwd): where config paths such as scan.register resolve from. */
  configDir: string;
  /** What named the root, for error messages. */
  where: '[path]' | 'scan.path' | undefined;
}

/** Where every scanner starts: the `[path]` argument, else `scan.path` (from the config file's folder), else the fallback. */
export function resolveScanRoot(i: ScanRootInput): ScanRoot {
  const configDir = i.configFile ? path.dirname(i.configFile) : i.cwd;
  if (i.arg !== undefined) return { root: path.resolve(i.cwd, i.arg), configDir, where: '[path]' };
  if (i.scanPath) return { root: path.resolve(configDir, i.scanPath), configDir, where: 'scan.path' };
  return { root: i.fallback ?? i.cwd, configDir, where: undefined };
}

/** resolveScanRoot, then check the root exists: a usage error (exit 2) naming what gave the path if not. */
export async function existingScanRoot(i: ScanRootInput): Promise<ScanRoot & { isFile: boolean }> {
  const r = resolveScanRoot(i);
  try {
    return { ...r, isFile: (await stat(r.root)).isFile() };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    const why = code === 'ENOENT' ? 'no such file or folder (ENOENT)' : code;
    throw new UsageError(`cannot scan ${i.arg ?? r.root}: ${why}`, { where: r.where ?? 'scan.path', hint: 'give an existing folder or file' });
  }
}
