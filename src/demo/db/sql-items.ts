import { randomUUID } from 'node:crypto';
import type { Item } from '../store/item-store.js';
import type { ItemRepository } from '../store/items.js';
import type { SqlPool } from './sql-pool.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS items (
  id text PRIMARY KEY, name text NOT NULL, description text NOT NULL, tags text[] NOT NULL,
  owner text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`;

interface Row {
  id: string;
  name: string;
  description: string;
  tags: string[];
  owner: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const toItem = (r: Row): Item => ({ id: r.id, name: r.name, description: r.description, tags: r.tags, owner: r.owner, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) });

/**
 * Items in SQL. Every statement runs holding one connection of the bounded pool, for as long as the
 * engine takes plus `holdMs()` (the dbLatencyMs knob: a slow query or a distant database), so a small
 * pool under load queues requests exactly as a service's JDBC or pg pool does. The schema is created
 * on start when missing; items already there are kept.
 */
export async function sqlItems(db: SqlPool, holdMs: () => number): Promise<ItemRepository> {
  const run = <R>(sql: string, params?: unknown[]) => db.run<R>(sql, params, holdMs());
  await db.run(SCHEMA, undefined, 0);
  let count = Number((await db.run<{ n: number | string }>('SELECT count(*) AS n FROM items', undefined, 0))[0]?.n ?? 0);
  return {
    engine: db.engine,
    size: () => count,
    get: async (id) => {
      const rows = await run<Row>('SELECT * FROM items WHERE id = $1', [id]);
      return rows[0] && toItem(rows[0]);
    },
    create: async (input, owner) => {
      const rows = await run<Row>('INSERT INTO items VALUES ($1, $2, $3, $4, $5, now(), now()) RETURNING *', [randomUUID(), input.name, input.description, input.tags, owner]);
      count++;
      return toItem(rows[0]!);
    },
    update: async (id, patch) => {
      const rows = await run<Row>(
        'UPDATE items SET name = coalesce($2, name), description = coalesce($3, description), tags = coalesce($4, tags), updated_at = clock_timestamp() WHERE id = $1 RETURNING *',
        [id, patch.name ?? null, patch.description ?? null, patch.tags ?? null],
      );
      return rows[0] && toItem(rows[0]);
    },
    delete: async (id) => {
      const rows = await run<{ id: string }>('DELETE FROM items WHERE id = $1 RETURNING id', [id]);
      if (rows.length > 0) count--;
      return rows.length > 0;
    },
    search: async (q, tag, limit, offset) => {
      // Case-insensitive substring over name, description and tags, newest write first (the memory store's order).
      const rows = await run<Row & { total: number | string }>(
        `SELECT *, count(*) OVER () AS total FROM items
         WHERE ($1 = '' OR strpos(lower(name || chr(1) || description || chr(1) || array_to_string(tags, chr(1))), lower($1)) > 0)
           AND ($2::text IS NULL OR $2 = ANY(tags))
         ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`,
        [q, tag ?? null, limit, offset],
      );
      const total = rows.length > 0 ? Number(rows[0]!.total) : offset > 0 ? Number((await run<{ n: number | string }>('SELECT count(*) AS n FROM items WHERE ($1 = \'\' OR strpos(lower(name || chr(1) || description || chr(1) || array_to_string(tags, chr(1))), lower($1)) > 0) AND ($2::text IS NULL OR $2 = ANY(tags))', [q, tag ?? null]))[0]?.n ?? 0) : 0;
      return { total, items: rows.map(toItem) };
    },
    close: () => db.close(),
  };
}
