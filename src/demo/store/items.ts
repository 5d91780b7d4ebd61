import type { Item, ItemInput, ItemStore } from './item-store.js';

/** The items data layer the routes use: the in-memory store, or SQL through a bounded pool (db/sql-items.ts). */
export interface ItemRepository {
  /** Which engine holds the items: "memory", "pglite" or "postgres". */
  readonly engine: string;
  /** Items held (kept as a count: the health check must not query the database). */
  size(): number;
  get(id: string): Promise<Item | undefined>;
  create(input: ItemInput, owner: string): Promise<Item>;
  update(id: string, patch: Partial<ItemInput>): Promise<Item | undefined>;
  delete(id: string): Promise<boolean>;
  search(q: string, tag: string | undefined, limit: number, offset: number): Promise<{ total: number; items: Item[] }>;
  close(): Promise<void>;
}

/** The in-memory store (items.jsonl in the data folder) behind the repository interface. */
export function memoryItems(store: ItemStore): ItemRepository {
  return {
    engine: 'memory',
    size: () => store.size,
    get: async (id) => store.get(id),
    create: async (input, owner) => store.create(input, owner),
    update: async (id, patch) => store.update(id, patch),
    delete: async (id) => store.delete(id),
    search: async (q, tag, limit, offset) => store.search(q, tag, limit, offset),
    close: () => store.close(),
  };
}
