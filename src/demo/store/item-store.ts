import { randomUUID } from 'node:crypto';
import { JsonlLog } from './jsonl-log.js';

export interface Item {
  id: string;
  name: string;
  description: string;
  tags: string[];
  owner: string;
  createdAt: string;
  updatedAt: string;
}

export type ItemInput = Pick<Item, 'name' | 'description' | 'tags'>;

type LogEntry = { op: 'put'; item: Item } | { op: 'del'; id: string };

const COMPACT_MIN_LINES = 1000;

/** Items in memory, every change logged to items.jsonl in the data folder so they survive a restart. */
export class ItemStore {
  private readonly items = new Map<string, Item>();
  /** Lower-cased name, description and tags per item, so a search does not re-lower every item. */
  private readonly hay = new Map<string, string>();
  private readonly log: JsonlLog<LogEntry>;

  constructor(dataDir: string) {
    this.log = JsonlLog.open<LogEntry>(dataDir, 'items.jsonl', (e) => {
      if (e.op === 'put' && e.item && typeof e.item.id === 'string') {
        this.items.delete(e.item.id);
        this.items.set(e.item.id, e.item);
      }
      else if (e.op === 'del') this.items.delete(e.id);
    });
    for (const item of this.items.values()) this.hay.set(item.id, haystack(item));
    this.maybeCompact();
  }

  get size(): number {
    return this.items.size;
  }

  get file(): string {
    return this.log.file;
  }

  get(id: string): Item | undefined {
    return this.items.get(id);
  }

  create(input: ItemInput, owner: string): Item {
    const now = new Date().toISOString();
    const item: Item = { id: randomUUID(), ...input, owner, createdAt: now, updatedAt: now };
    this.put(item);
    return item;
  }

  update(id: string, patch: Partial<ItemInput>): Item | undefined {
    const old = this.items.get(id);
    if (!old) return undefined;
    const item: Item = { ...old, ...patch, id, updatedAt: new Date().toISOString() };
    this.put(item);
    return item;
  }

  delete(id: string): boolean {
    if (!this.items.delete(id)) return false;
    this.hay.delete(id);
    this.log.append({ op: 'del', id });
    this.maybeCompact();
    return true;
  }

  /** Case-insensitive substring search over name, description and tags; newest first. */
  search(q: string, tag: string | undefined, limit: number, offset: number): { total: number; items: Item[] } {
    const needle = q.toLowerCase();
    const hits: Item[] = [];
    for (const item of this.items.values()) {
      if (tag !== undefined && !item.tags.includes(tag)) continue;
      if (needle !== '' && !this.hay.get(item.id)!.includes(needle)) continue;
      hits.push(item);
    }
    hits.reverse(); // Map keeps insertion order: newest last
    return { total: hits.length, items: hits.slice(offset, offset + limit) };
  }

  close(): Promise<void> {
    return this.log.close();
  }

  private put(item: Item): void {
    // Re-insert so the Map's order stays "by last write" for search results.
    this.items.delete(item.id);
    this.items.set(item.id, item);
    this.hay.set(item.id, haystack(item));
    this.log.append({ op: 'put', item });
    this.maybeCompact();
  }

  private maybeCompact(): void {
    if (this.log.lineCount >= COMPACT_MIN_LINES && this.log.lineCount > 2 * this.items.size) {
      this.log.compact((function* (items: Map<string, Item>) {
        for (const item of items.values()) yield { op: 'put', item } as LogEntry;
      })(this.items));
    }
  }
}

// Fields joined by a character no search needle can contain, so a match never spans two fields.
function haystack(item: Item): string {
  return [item.name, item.description, ...item.tags].join('\u0000').toLowerCase();
}
