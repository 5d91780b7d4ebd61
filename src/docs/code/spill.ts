import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const READ_BLOCK = 1 << 20;

/**
 * Records kept on disk until they are read back, in the order they were put: code blocks wait here from the file
 * they were read in until the end of the review (tens of MB and tens of thousands of records on a 21k-file tree),
 * instead of on the heap next to the parser. Each record is its JSON text after its byte length (4 bytes). The file
 * is removed as soon as it is open (POSIX keeps it until it is closed), so an interrupted run leaves nothing behind.
 * Without a writable temp folder the records stay in memory.
 */
export class RecordSpill<T> {
  private fd: number | undefined;
  private dir: string | undefined;
  private size = 0;
  private failed = false;
  private readonly inMemory: T[] = [];
  count = 0;

  put(record: T): void {
    this.count++;
    if (this.fd === undefined && !this.failed) this.open();
    if (this.fd !== undefined) {
      const text = JSON.stringify(record);
      const buf = Buffer.allocUnsafe(4 + Buffer.byteLength(text));
      buf.writeUInt32LE(buf.length - 4, 0);
      buf.write(text, 4);
      try {
        writeSync(this.fd, buf, 0, buf.length, this.size);
        this.size += buf.length;
        return;
      } catch {
        // A full disk: this record and the ones after it stay in memory, read back after those on disk.
        this.failed = true;
      }
    }
    this.inMemory.push(record);
  }

  /** Every record in the order it was put; the spill is empty after. */
  *drain(): Generator<T> {
    // One buffer for the whole file (grown only for a record longer than it); bytes [at, end) are read, not used yet.
    let buf = Buffer.allocUnsafe(this.fd === undefined ? 0 : Math.min(READ_BLOCK, this.size));
    let at = 0;
    let end = 0;
    let filePos = 0;
    const need = (n: number): boolean => {
      if (end - at >= n) return true;
      if (n > buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(n, buf.length * 2));
        buf.copy(bigger, 0, at, end);
        buf = bigger;
      } else buf.copy(buf, 0, at, end);
      end -= at;
      at = 0;
      while (end < n && filePos < this.size) {
        const got = readSync(this.fd!, buf, end, Math.min(buf.length - end, this.size - filePos), filePos);
        if (got === 0) break;
        end += got;
        filePos += got;
      }
      return end >= n;
    };
    while (this.fd !== undefined && need(4)) {
      const len = buf.readUInt32LE(at);
      if (!need(4 + len)) throw new Error('docs: the code block spill file was cut short');
      const record = JSON.parse(buf.toString('utf8', at + 4, at + 4 + len)) as T;
      at += 4 + len;
      yield record;
    }
    for (const r of this.inMemory.splice(0)) yield r;
    this.close();
  }

  /** Closes (and removes) the file, dropping what was not read. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.size = 0;
    this.count = 0;
    this.inMemory.length = 0;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private open(): void {
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-docs-'));
      this.fd = openSync(path.join(dir, 'waiting'), 'w+', 0o600);
      this.dir = dir;
      try {
        rmSync(dir, { recursive: true });
        this.dir = undefined;
      } catch {
        // Windows keeps an open file: removed in close().
      }
    } catch {
      this.failed = true;
    }
  }
}
