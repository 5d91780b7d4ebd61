import path from 'node:path';
import type { Knobs } from '../knobs.js';
import { CachedItems } from '../store/cached-items.js';
import { ItemStore } from '../store/item-store.js';
import { memoryItems } from '../store/items.js';
import { openPglite } from './pglite.js';
import { BoundedPool } from './pool.js';
import { sqlItems } from './sql-items.js';

/** Where the reference service keeps its items. */
export type DemoDatabase = 'memory' | 'pglite';
export const DEMO_DATABASES: readonly DemoDatabase[] = ['memory', 'pglite'];

/** HikariCP's connectionTimeout default is 30 s; a demo under stress should answer 503 sooner. */
const ACQUIRE_TIMEOUT_MS = 5000;

export interface OpenedItems {
  items: CachedItems;
  pool: BoundedPool | undefined;
  /** Apply the pool and cache knobs after a change. */
  applyKnobs(k: Knobs): void;
}

/**
 * The items data layer: the in-memory store (items.jsonl), or PGlite behind a bounded pool
 * (<dataDir>/pgdata when `persist`, else in memory); either way behind the read cache.
 */
export async function openItems(db: DemoDatabase, dataDir: string, persist: boolean, knobs: () => Knobs, onWait: (seconds: number) => void): Promise<OpenedItems> {
  const k = knobs();
  let pool: BoundedPool | undefined;
  let repo;
  if (db === 'pglite') {
    pool = new BoundedPool(k.dbPoolSize, ACQUIRE_TIMEOUT_MS, onWait);
    // A temporary data folder is removed on close anyway: keep the cluster in memory, which starts faster.
    const engine = await openPglite(persist ? path.join(dataDir, 'pgdata') : undefined);
    try {
      repo = await sqlItems(engine, pool, () => knobs().dbLatencyMs);
    } catch (err) {
      await engine.close();
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
