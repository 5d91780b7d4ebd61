import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { GonogoError } from '../../core/errors.js';
import { loaderContext } from './sink.js';

/** sequential: in order, wrapping; random: any row each time; unique: one row per user, never shared. */
export type FeedMode = 'sequential' | 'random' | 'unique';

export interface FeederOptions {
  mode?: FeedMode;
}

/** A source of test data rows; read one in a task with `vu.feed(f)`. */
export interface Feeder<T> {
  readonly name: string;
  readonly mode: FeedMode;
  /** Rows in the whole data set (all workers). */
  readonly size: number;
  /** The next row by this feeder's mode; a `unique` feeder hands each row out once per run. */
  next(): T;
}

type Source<T> = { from: 'csv' | 'json'; path: string } | { from: 'rows'; rows: readonly T[] };

const MODES: readonly FeedMode[] = ['sequential', 'random', 'unique'];

/**
 * Rows are read when the feeder is created (at scenario import), so a missing or malformed file is
 * reported before any traffic. Each worker thread imports the scenario and holds its own copy;
 * sequential and unique feeders partition rows by worker (row i belongs to worker i mod workers), so
 * unique rows stay unique across threads without any coordination.
 */
export function createFeeder<T>(source: Source<T>, options: FeederOptions = {}): Feeder<T> {
  const mode = options.mode ?? 'sequential';
  const name = source.from === 'rows' ? 'rows' : source.path;
  if (!MODES.includes(mode)) throw feederError(name, `unknown mode "${String(mode)}"`, `use one of ${MODES.join(', ')}`);
  const rows = source.from === 'rows' ? source.rows : readRows<T>(source.from, source.path);
  if (rows.length === 0) throw feederError(name, 'has no rows', 'a feeder needs at least one row');
  const { worker, workers } = loaderContext;
  // Sequential and unique: this worker's rows are worker, worker + workers, ...
  let cursor = worker;
  return {
    name,
    mode,
    size: rows.length,
    next(): T {
      if (mode === 'random') return rows[Math.floor(Math.random() * rows.length)]!;
      if (cursor >= rows.length) {
        if (mode === 'unique') throw feederError(name, `ran out of unique rows (${rows.length} rows for more users than that)`, 'add rows, or run fewer users');
        cursor = worker < rows.length ? worker : cursor % rows.length;
      }
      const row = rows[cursor]!;
      cursor += workers;
      return row;
    },
  };
}

function readRows<T>(kind: 'csv' | 'json', path: string): readonly T[] {
  const file = isAbsolute(path) ? path : resolve(loaderContext.baseDir, path);
  loaderContext.filesRead?.add(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw feederError(path, `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, `paths are relative to the scenario file (${loaderContext.baseDir})`);
  }
  if (kind === 'csv') {
    try {
      return parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as T[];
    } catch (err) {
      throw feederError(path, `is not valid CSV: ${(err as Error).message}`, 'the first line names the columns; quote fields that contain commas');
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw feederError(path, `is not valid JSON: ${(err as Error).message}`, 'a JSON feeder is an array of rows');
  }
  if (!Array.isArray(data)) throw feederError(path, 'is not a JSON array', 'a JSON feeder is an array of rows: [{ "user": "a" }, ...]');
  return data as T[];
}

function feederError(name: string, message: string, hint: string): GonogoError {
  return new GonogoError('GONOGO_SCENARIO_INVALID', `feeder ${name} ${message}`, { where: name, hint });
}
