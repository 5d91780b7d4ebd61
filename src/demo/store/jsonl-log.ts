import { closeSync, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, type WriteStream } from 'node:fs';
import path from 'node:path';

/**
 * An append-only log of JSON lines with compaction: every change is one line; on open the lines are
 * replayed, and when the log holds far more lines than live records it is rewritten as a snapshot
 * (written to a temporary file, synced, then renamed over the log, so a crash leaves one or the other).
 * Appends go through a write stream: a clean close() flushes them; after a crash only the last
 * few milliseconds of changes can be lost, and a torn last line is skipped on replay.
 */
export class JsonlLog<T> {
  private stream: WriteStream;
  private lines = 0;

  private constructor(
    readonly file: string,
    initialLines: number,
  ) {
    this.lines = initialLines;
    this.stream = appendStream(file);
  }

  /** Open (creating the folder and file as needed) and replay every complete line. */
  static open<T>(dir: string, name: string, replay: (entry: T) => void): JsonlLog<T> {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    let lines = 0;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        try {
          replay(JSON.parse(line) as T);
          lines++;
        } catch {
          // A line torn by a crash mid-write: skip it, the rest of the log is still good.
        }
      }
    }
    return new JsonlLog<T>(file, lines);
  }

  get lineCount(): number {
    return this.lines;
  }

  append(entry: T): void {
    this.stream.write(JSON.stringify(entry) + '\n');
    this.lines++;
  }

  /** Replace the log by the given snapshot entries. */
  compact(snapshot: Iterable<T>): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    let n = 0;
    try {
      let buf = '';
      for (const e of snapshot) {
        buf += JSON.stringify(e) + '\n';
        n++;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      writeSync(fd, buf);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // Appends still queued in the old stream land in the old (replaced) file; the snapshot already has them.
    const old = this.stream;
    renameSync(tmp, this.file);
    this.stream = appendStream(this.file);
    old.end();
    this.lines = n;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}

/** The file is opened now, not lazily: appends queued before a compaction must reach the old file, not the new one. */
function appendStream(file: string): WriteStream {
  return createWriteStream('', { fd: openSync(file, 'a') });
}
