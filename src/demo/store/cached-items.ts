import { LRUCache } from 'lru-cache';
import type { Item } from './item-store.js';
import type { ItemRepository } from './items.js';

export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
  size: number;
  max: number;
}

/**
 * A read-through LRU cache of items by id in front of the repository (the cacheSize knob bounds it;
 * 0 turns it off). Writes go to the repository first and then replace or drop the cached copy, so a
 * read after a write never sees the old item. Searches are not cached.
 */
export class CachedItems implements ItemRepository {
  private lru: LRUCache<string, Item> | undefined;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    private readonly inner: ItemRepository,
    max: number,
  ) {
    this.resize(max);
  }

  get engine(): string {
    return this.inner.engine;
  }

  /** A new bound empties the cache (the knob is for experiments, not for production resizing). */
  resize(max: number): void {
    this.lru = max > 0 ? new LRUCache<string, Item>({ max, dispose: (_v, _k, reason) => void (reason === 'evict' && this.evictions++) }) : undefined;
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, evictions: this.evictions, size: this.lru?.size ?? 0, max: this.lru?.max ?? 0 };
  }

  size(): number {
    return this.inner.size();
  }

  async get(id: string): Promise<Item | undefined> {
    const cached = this.lru?.get(id);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const item = await this.inner.get(id);
    if (item) this.lru?.set(id, item);
    return item;
  }

  async create(...args: Parameters<ItemRepository['create']>): Promise<Item> {
    const item = await this.inner.create(...args);
    this.lru?.set(item.id, item);
    return item;
  }

  async update(...args: Parameters<ItemRepository['update']>): Promise<Item | undefined> {
    const item = await this.inner.update(...args);
    if (item) this.lru?.set(item.id, item);
    else this.lru?.delete(args[0]);
    return item;
  }

  async delete(id: string): Promise<boolean> {
    this.lru?.delete(id);
    return this.inner.delete(id);
  }

  search(...args: Parameters<ItemRepository['search']>): ReturnType<ItemRepository['search']> {
    return this.inner.search(...args);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
