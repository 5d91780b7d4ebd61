import path from 'node:path';
import type { Knobs } from '../knobs.js';
import { CachedItems } from '../store/cached-items.js';
import { ItemStore } from '../store/item-store.js';
import { memoryItems } from '../store/items.js';
import { openPglite } from './pglite.js';
import { BoundedPool, type PoolStats } from './pool.js';
import { openPostgres } from './postgres.js';
import { sqlItems } from './sql-items.js';
import { boundedSql, type SqlPool } from './sql-pool.js';

/** Where the reference service keeps its items ("postgres": a server given by a postgres:// URL). */
export type DemoDatabase = 'memory' | 'pglite' | 'postgres';
export const DEMO_DATABASES: readonly DemoDatabase[] = ['memory', 'pglite', 'postgres'];

/** HikariCP's connectionTimeout default is 30 s; a demo under stress should answer 503 sooner. */
const ACQUIRE_TIMEOUT_MS = 5000;

export interface OpenedItems {
  items: CachedItems;
  pool: { stats(): PoolStats } | undefined;
  /** Apply the pool and cache knobs after a change. */
  applyKnobs(k: Knobs): void;
}

/**
 * The items data layer: the in-memory store (items.jsonl), PGlite behind a bounded pool (<dataDir>/pgdata when
 * `persist`, else in memory), or a Postgres server (`databaseUrl`) behind pg's pool; either way behind the read cache.
 */
export async function openItems(db: DemoDatabase, dataDir: string, persist: boolean, knobs: () => Knobs, onWait: (seconds: number) => void, databaseUrl?: string): Promise<OpenedItems> {
  const k = knobs();
  let pool: SqlPool | undefined;
  let repo;
  if (db === 'pglite' || db === 'postgres') {
    if (db === 'postgres') {
      if (databaseUrl === undefined) throw new Error('the postgres database needs a postgres:// URL (databaseUrl)');
      pool = await openPostgres(databaseUrl, k.dbPoolSize, ACQUIRE_TIMEOUT_MS, onWait);
    } else {
      // A temporary data folder is removed on close anyway: keep the cluster in memory, which starts faster.
      pool = boundedSql(await openPglite(persist ? path.join(dataDir, 'pgdata') : undefined), new BoundedPool(k.dbPoolSize, ACQUIRE_TIMEOUT_MS, onWait));
    }
    try {
      repo = await sqlItems(pool, () => knobs().dbLatencyMs);
    } catch (err) {
      await pool.close();
      throw err;
    }
  } else {
    repo = memoryItems(new ItemStore(dataDir));
  }
  const items = new CachedItems(repo, k.cacheSize);
  let last = k;
  return {
    items,
    pool,
    applyKnobs: (n) => {
      if (n.dbPoolSize !== last.dbPoolSize) pool?.resize(n.dbPoolSize);
      if (n.cacheSize !== last.cacheSize) items.resize(n.cacheSize);
      last = n;
    },
  };
}
