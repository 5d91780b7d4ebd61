import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The local OSV cache `gonogo db update` writes, laid out like the OSV bucket so `--db` reads it
 * like any other folder: `<dir>/<ecosystem>/all.zip` plus `<dir>/<ecosystem>/meta.json`.
 */
export interface CacheMeta {
  /** URL the archive came from. */
  url: string;
  /** When it was downloaded (ISO timestamp): the data's age is counted from here. */
  fetchedAt: string;
  bytes: number;
  sha256: string;
  /** Records in the archive (entries ending in .json). */
  records: number;
  etag?: string;
  lastModified?: string;
}

/** `$GONOGO_CACHE_DIR`, else `$XDG_CACHE_HOME/gonogo/osv`, else `~/.cache/gonogo/osv` (macOS: ~/Library/Caches). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GONOGO_CACHE_DIR) return path.resolve(env.GONOGO_CACHE_DIR, 'osv');
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'gonogo', 'osv');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'gonogo', 'osv');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'gonogo', 'osv');
  return path.join(os.homedir(), '.cache', 'gonogo', 'osv');
}

export const archivePath = (dir: string, ecosystem: string): string => path.join(dir, ecosystem, 'all.zip');
export const metaPath = (dir: string, ecosystem: string): string => path.join(dir, ecosystem, 'meta.json');

export async function readMeta(dir: string, ecosystem: string): Promise<CacheMeta | undefined> {
  try {
    const meta = JSON.parse(await readFile(metaPath(dir, ecosystem), 'utf8')) as CacheMeta;
    return typeof meta.fetchedAt === 'string' && !Number.isNaN(Date.parse(meta.fetchedAt)) ? meta : undefined;
  } catch {
    return undefined;
  }
}
