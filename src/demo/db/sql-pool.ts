import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlEngine } from './pglite.js';
import type { BoundedPool, PoolStats } from './pool.js';

/**
 * A SQL database behind a bounded connection pool, as the item repository uses it: PGlite behind
 * BoundedPool, or a Postgres server behind pg's own pool (db/postgres.ts). Either way /metrics shows
 * `stats()` under HikariCP's names and the dbPoolSize knob calls `resize()`.
 */
export interface SqlPool {
  /** "pglite" or "postgres". */
  readonly engine: string;
  /** One statement on one pooled connection, held `holdMs` longer (the dbLatencyMs knob); PoolTimeoutError when none frees in time. */
  run<R>(sql: string, params: unknown[] | undefined, holdMs: number): Promise<R[]>;
  stats(): PoolStats;
  resize(max: number): void;
  close(): Promise<void>;
}

/** PGlite is one backend in this process: the BoundedPool is the bound, every slot runs on the same engine. */
export function boundedSql(engine: SqlEngine, pool: BoundedPool): SqlPool {
  return {
    engine: engine.name,
    run: <R>(sql: string, params: unknown[] | undefined, holdMs: number) =>
      pool.with(async () => {
        const rows = await engine.query<R>(sql, params);
        if (holdMs > 0) await sleep(holdMs);
        return rows;
      }),
    stats: () => pool.stats(),
    resize: (max) => pool.resize(max),
    close: () => engine.close(),
  };
}
