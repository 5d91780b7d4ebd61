import type { Pool, PoolClient } from 'pg';
import { maskIn, maskUrlPassword } from '../../core/mask.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { PoolTimeoutError, type PoolStats } from './pool.js';
import type { SqlPool } from './sql-pool.js';

/** The reference service could not reach or log in to the Postgres server given by --database-url. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly maskedUrl: string, reason: string) {
    super(`cannot connect to the database ${maskedUrl}: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}


function passwordOf(url: string): string[] {
  const found = [/^[a-z][\w+.-]*:\/\/[^:@/?#]*:([^@/?#]*)@/i.exec(url)?.[1], /[?&]password=([^&#]*)/i.exec(url)?.[1]];
  return found.flatMap((p) => (p ? [p, decodeURIComponent(p)] : []));
}

// pg-pool's message when a caller waited connectionTimeoutMillis for a connection of a full pool.
const QUEUE_TIMEOUT = 'timeout exceeded when trying to connect';

/**
 * A Postgres server through node-postgres' pool: `max` connections at most (the dbPoolSize knob), callers beyond
 * that wait in pg-pool's queue and give up after `acquireTimeoutMs`. The first connection is opened now, so a
 * wrong URL, host or password is reported at start (DatabaseUnavailableError, password masked), not on the first request.
 */
export async function openPostgres(url: string, max: number, acquireTimeoutMs: number, onWait: (seconds: number) => void): Promise<SqlPool> {
  const { default: pg } = await import('pg');
  const masked = maskUrlPassword(url);
  let pool: Pool;
  try {
    pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: acquireTimeoutMs, idleTimeoutMillis: 30_000, application_name: 'gonogo-demo-target' });
  } catch (err) {
    throw new DatabaseUnavailableError(masked, maskIn((err as Error).message, passwordOf(url)));
  }
  // An idle connection the server closed (restart, idle timeout): pg-pool drops it and opens another on the next checkout.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (err) {
    await pool.end().catch(() => {});
    const e = err as NodeJS.ErrnoException;
    throw new DatabaseUnavailableError(masked, maskIn(`${e.message || e.code || String(err)}`, passwordOf(url)));
  }
  let active = 0;
  let peak = 0;
  let acquired = 0;
  let timeouts = 0;
  const checkout = async (): Promise<PoolClient> => {
    const t0 = performance.now();
    try {
      const client = await pool.connect();
      active++;
      acquired++;
      peak = Math.max(peak, active);
      onWait((performance.now() - t0) / 1000);
      return client;
    } catch (err) {
      if ((err as Error).message !== QUEUE_TIMEOUT) throw err;
      timeouts++;
      throw new PoolTimeoutError(Math.round(performance.now() - t0), pool.options.max);
    }
  };
  return {
    engine: 'postgres',
    async run<R>(sql: string, params: unknown[] | undefined, holdMs: number): Promise<R[]> {
      const client = await checkout();
      let failed: Error | undefined;
      try {
        const { rows } = await client.query(sql, params);
        if (holdMs > 0) await sleep(holdMs);
        return rows as R[];
      } catch (err) {
        failed = err as Error;
        throw err;
      } finally {
        active--;
        // A connection that failed mid-statement (server gone) is closed rather than handed to the next caller.
        client.release(failed !== undefined && !('code' in failed && typeof failed.code === 'string' && /^[0-9A-Z]{5}$/.test(failed.code)) ? failed : undefined);
      }
    },
    stats: (): PoolStats => ({ max: pool.options.max, active, idle: pool.idleCount, pending: pool.waitingCount, timeouts, acquired, peakActive: peak }),
    resize: (n) => {
      // pg-pool reads options.max on every checkout; a smaller pool drains as connections return.
      pool.options.max = n;
    },
    close: () => pool.end(),
  };
}
