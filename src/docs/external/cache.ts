import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One external URL's last definitive answer. */
export interface CachedResult {
  ok: boolean;
  status?: number;
  message: string;
  checkedAt: number;
}

const SCHEMA = 'gonogo/docs-link-cache@1';
export const CACHE_FILE = 'external-links.json';

/** A JSON file of URL -> result; entries older than maxAgeMs are ignored (and rechecked). */
export class LinkCache {
  private entries: Record<string, CachedResult> = {};
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly maxAgeMs: number,
  ) {}

  /** No dir: a cache that remembers nothing. A missing or damaged file starts empty. */
  static async open(dir: string | undefined, maxAgeMs: number): Promise<LinkCache> {
    const cache = new LinkCache(dir === undefined ? undefined : path.join(dir, CACHE_FILE), maxAgeMs);
    if (cache.file) {
      try {
        const doc = JSON.parse(await readFile(cache.file, 'utf8')) as { schema?: string; entries?: Record<string, CachedResult> };
        if (doc.schema === SCHEMA && doc.entries && typeof doc.entries === 'object') cache.entries = doc.entries;
      } catch {
        // first run, or a file we cannot read: check everything again
      }
    }
    return cache;
  }

  get(url: string, now = Date.now()): CachedResult | undefined {
    const e = this.entries[url];
    return e && typeof e.checkedAt === 'number' && now - e.checkedAt < this.maxAgeMs ? e : undefined;
  }

  set(url: string, result: CachedResult): void {
    this.entries[url] = result;
    this.dirty = true;
  }

  async save(now = Date.now()): Promise<void> {
    if (!this.file || !this.dirty) return;
    // Expired entries are dropped so the file does not grow forever.
    const entries = Object.fromEntries(Object.entries(this.entries).filter(([, e]) => now - e.checkedAt < this.maxAgeMs));
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ schema: SCHEMA, entries }, null, 1) + '\n');
    await rename(tmp, this.file);
  }
}
