import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { isHttpUrl } from '../core/config/fields.js';
import { defaultCacheDir } from '../scan/deps/cache.js';
import { DEFAULT_OSV_URL } from '../scan/deps/osv-url.js';
import { ECOSYSTEMS, type Ecosystem } from '../scan/deps/types.js';
import { formatBytes } from './format.js';

export interface DbUpdateFlags {
  url?: string;
  ecosystems?: string;
  cache?: string;
}

/** `gonogo db update` itself, loaded only when the command runs (see db.ts). */
export async function runDbUpdate(flags: DbUpdateFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const ecosystems = parseEcosystems(flags.ecosystems);
  const { config } = await loadConfig({ cwd, configPath });
  const base = flags.url ?? config.scan?.deps?.dbUrl ?? DEFAULT_OSV_URL;
  if (!isHttpUrl(base)) throw new UsageError(`"${base}" is not an http(s) URL`, { where: flags.url ? '--url' : 'scan.deps.dbUrl', hint: `for example --url ${DEFAULT_OSV_URL}` });
  const cache = flags.cache ? path.resolve(cwd, flags.cache) : defaultCacheDir();
  const { DownloadError, updateEcosystem } = await import('../scan/deps/download.js');
  const failures: string[] = [];
  for (const eco of ecosystems) {
    try {
      const r = await updateEcosystem(base, eco, cache);
      const what = r.status === 'unchanged' ? 'unchanged since the last download' : `${r.meta.records} records, ${formatBytes(r.meta.bytes)}`;
      process.stdout.write(`${eco}: ${what} -> ${path.join(cache, eco, 'all.zip')}\n`);
    } catch (err) {
      if (!(err instanceof DownloadError)) throw err;
      failures.push(`${eco}: ${err.message}`);
      process.stderr.write(`${eco}: failed, previous data kept: ${err.message}\n`);
    }
  }
  if (failures.length > 0) {
    throw new GonogoError('GONOGO_DB_DOWNLOAD', `${failures.length} of ${ecosystems.length} downloads failed`, { where: base, details: failures, hint: 'check --url and the network, then run it again; scans keep using the previous data' });
  }
  return ExitCode.Ok;
}

function parseEcosystems(list: string | undefined): Ecosystem[] {
  if (list === undefined) return [...ECOSYSTEMS];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const out: Ecosystem[] = [];
  for (const n of names) {
    const match = ECOSYSTEMS.find((e) => e.toLowerCase() === n.toLowerCase());
    if (!match) throw new UsageError(`unknown ecosystem "${n}"`, { where: '--ecosystems', hint: `supported: ${ECOSYSTEMS.join(', ')}` });
    if (!out.includes(match)) out.push(match);
  }
  if (out.length === 0) throw new UsageError('--ecosystems names no ecosystem', { where: '--ecosystems', hint: `for example --ecosystems ${ECOSYSTEMS.join(',')}` });
  return out;
}
