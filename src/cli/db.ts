import type { Command } from 'commander';
import { DEFAULT_OSV_URL } from '../scan/deps/osv-url.js';
import { ECOSYSTEMS } from '../scan/deps/types.js';
import type { DbUpdateFlags } from './db-action.js';

/** `gonogo db update`: download OSV ecosystem archives into the local cache `gonogo scan deps` reads. */
export function registerDb(program: Command, setCode: (c: number) => void): void {
  const db = program.command('db').description('Manage the offline vulnerability data (OSV) used by `gonogo scan deps`');
  db.command('update')
    .description('Download <url>/<ecosystem>/all.zip for each ecosystem into the cache, atomically (a failed download keeps the old data)')
    .option('--url <base>', `base URL of an OSV-style bucket (default: scan.deps.dbUrl, else ${DEFAULT_OSV_URL})`)
    .option('--ecosystems <list>', `comma-separated ecosystems (default: ${ECOSYSTEMS.join(',')})`)
    .option('--cache <dir>', 'cache folder (default: $GONOGO_CACHE_DIR/osv, else the user cache folder, e.g. ~/.cache/gonogo/osv)')
    .action(async (flags: DbUpdateFlags, cmd: Command) => {
      const { runDbUpdate } = await import('./db-action.js');
      setCode(await runDbUpdate(flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
