import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** What the item repository needs from a SQL engine: parameterised queries returning rows. */
export interface SqlEngine {
  readonly name: string;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

// initdb in WebAssembly takes seconds; its result is the same every time, so it is kept once per machine and
// every later start restores it (about a second). A bad cached copy is replaced.
const CLUSTER_CACHE = path.join(tmpdir(), 'gonogo-pglite-cluster-v1.tar.gz');

/**
 * Open PGlite (Postgres compiled to WebAssembly, in this process). `dir`: the cluster lives there and
 * survives restarts; undefined: in memory. PGlite is one backend: it runs one statement at a time.
 */
export async function openPglite(dir: string | undefined): Promise<SqlEngine> {
  const { PGlite: Engine } = await import('@electric-sql/pglite');
  const fresh = dir === undefined || !existsSync(path.join(dir, 'PG_VERSION'));
  const cached = fresh && existsSync(CLUSTER_CACHE) ? readFileSync(CLUSTER_CACHE) : undefined;
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  let db: PGlite;
  try {
    db = await Engine.create({ ...(dir !== undefined && { dataDir: dir }), ...(cached && { loadDataDir: new Blob([cached]) }) });
  } catch (err) {
    if (!cached) throw err;
    db = await Engine.create(dir !== undefined ? { dataDir: dir } : {});
  }
  if (fresh && !cached) await keepCluster(db);
  return {
    name: 'pglite',
    query: async <R>(sql: string, params?: unknown[]) => (await db.query<R>(sql, params)).rows,
    close: () => db.close(),
  };
}

async function keepCluster(db: PGlite): Promise<void> {
  try {
    const blob = await db.dumpDataDir('gzip');
    const tmp = `${CLUSTER_CACHE}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, CLUSTER_CACHE);
  } catch {
    // Only a cache: the next start runs initdb again.
  }
}
