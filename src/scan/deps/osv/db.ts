import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GonogoError } from '../../../core/errors.js';
import { walkFiles } from '../../walk.js';
import { archivePath, readMeta, type CacheMeta } from '../cache.js';
import { normalizePyName } from '../lockfiles/pep503.js';
import { baseEcosystem, ECOSYSTEMS, type Ecosystem } from '../types.js';
import { isOsvRecord, type OsvRecord } from './record.js';
import { MAX_RECORD_BYTES } from './zip.js';
import { forEachZipJsonSync } from './zip-reader.js';

/** Package names to look for, per ecosystem (PyPI names already PEP 503-normalised). */
export type WantedPackages = ReadonlyMap<Ecosystem, ReadonlySet<string>>;

export interface EcosystemData {
  ecosystem: Ecosystem;
  /** Records read (all of them, not only those kept). */
  records: number;
  /** Newest `modified` among the records: how current the data is when no download time is known. */
  newestModified?: string;
  /** From the cache's meta.json when `gonogo db update` wrote it. */
  fetched?: CacheMeta;
}

export interface DbInfo {
  path: string;
  kind: 'bucket' | 'zip' | 'json';
  ecosystems: EcosystemData[];
  /** Withdrawn records skipped. */
  withdrawn: number;
}

export interface AdvisoryIndex {
  /** Records affecting a wanted package, by ecosystem then (normalised) name. */
  readonly byPackage: ReadonlyMap<Ecosystem, ReadonlyMap<string, readonly OsvRecord[]>>;
  readonly info: DbInfo;
}

/** PyPI names are PEP 503-normalised, Packagist names are case-insensitive; the others are compared as spelled. */
export const normalizeName = (ecosystem: Ecosystem, name: string): string => (ecosystem === 'PyPI' ? normalizePyName(name) : ecosystem === 'Packagist' ? name.toLowerCase() : name);

const dbError = (msg: string, where: string, hint = 'pass --db with a folder of <ecosystem>/all.zip (as `gonogo db update` writes), one ecosystem zip, or a folder of OSV JSON records') =>
  new GonogoError('GONOGO_DEPS_DB', msg, { where, hint });

/**
 * Read OSV data from `dbPath` — a folder laid out like the OSV bucket (`<ecosystem>/all.zip`), one
 * ecosystem zip, or a folder of OSV JSON — keeping only records that name a wanted package, so
 * memory follows the project's dependencies, not the database's size. Withdrawn records are skipped.
 */
export async function loadAdvisories(dbPath: string, wanted: WantedPackages): Promise<AdvisoryIndex> {
  const abs = path.resolve(dbPath);
  const st = await stat(abs).catch(() => undefined);
  if (!st) throw dbError(`vulnerability database not found: ${dbPath}`, dbPath, 'run `gonogo db update` to download OSV data, or pass --db PATH');
  const collector = new Collector(wanted);
  let kind: DbInfo['kind'];
  if (st.isFile()) {
    kind = 'zip';
    await readZip(abs, collector, undefined);
  } else {
    const bucket = (await Promise.all(ECOSYSTEMS.map(async (e) => ((await stat(archivePath(abs, e)).catch(() => undefined))?.isFile() ? e : undefined)))).filter((e): e is Ecosystem => e !== undefined);
    if (bucket.length > 0) {
      kind = 'bucket';
      // Only the ecosystems the project uses are read.
      for (const e of bucket) {
        if (!wanted.has(e)) {
          collector.present(e, await readMeta(abs, e));
          continue;
        }
        await readZip(archivePath(abs, e), collector, await readMeta(abs, e));
      }
    } else {
      kind = 'json';
      await readJsonFolder(abs, collector);
      if (collector.total === 0) throw dbError(`no OSV data in ${dbPath}: no <ecosystem>/all.zip and no OSV JSON records`, dbPath);
    }
  }
  return { byPackage: collector.index, info: { path: abs, kind, ecosystems: [...collector.data.values()], withdrawn: collector.withdrawn } };
}

async function readZip(file: string, collector: Collector, meta: CacheMeta | undefined): Promise<void> {
  try {
    forEachZipJsonSync(file, (_name, text) => collector.add(text, meta), MAX_RECORD_BYTES);
  } catch (err) {
    throw dbError(`cannot read OSV archive ${file}: ${(err as Error).message}`, file, 'the zip is corrupt or truncated: run `gonogo db update` again, or point --db at a good copy');
  }
}

async function readJsonFolder(dir: string, collector: Collector): Promise<void> {
  for await (const f of walkFiles(dir, { gitignore: false, maxFileBytes: MAX_RECORD_BYTES })) {
    if (!f.rel.endsWith('.json')) continue;
    collector.add(await readFile(f.path, 'utf8'), undefined);
  }
}

const NAME = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const MODIFIED = /"modified"\s*:\s*"([^"]+)"/;

class Collector {
  readonly index = new Map<Ecosystem, Map<string, OsvRecord[]>>();
  readonly data = new Map<Ecosystem, EcosystemData>();
  total = 0;
  withdrawn = 0;

  constructor(private readonly wanted: WantedPackages) {}

  present(e: Ecosystem, meta: CacheMeta | undefined): EcosystemData {
    let d = this.data.get(e);
    if (!d) {
      d = { ecosystem: e, records: 0, ...(meta ? { fetched: meta } : {}) };
      this.data.set(e, d);
    }
    return d;
  }

  add(text: string, meta: CacheMeta | undefined): void {
    // Cheap prefilter on the raw text: parse only records that mention a wanted name.
    const modified = MODIFIED.exec(text)?.[1];
    // Distributions name a release: "Debian:12", "Alpine:v3.19".
    const ecosystems = ECOSYSTEMS.filter((e) => text.includes(`"${e}"`) || text.includes(`"${e}:`));
    for (const e of ecosystems) {
      const d = this.present(e, meta);
      d.records++;
      if (modified && (!d.newestModified || modified > d.newestModified)) d.newestModified = modified;
    }
    if (ecosystems.length > 0) this.total++;
    let mentions = false;
    for (const m of text.matchAll(NAME)) {
      const raw = m[1]!;
      if (ecosystems.some((e) => this.wanted.get(e)?.has(normalizeName(e, raw)))) {
        mentions = true;
        break;
      }
    }
    if (!mentions) return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return; // one bad record must not hide the others
    }
    if (!isOsvRecord(record)) return;
    if (record.withdrawn) {
      this.withdrawn++;
      return;
    }
    const seen = new Set<string>();
    for (const a of record.affected ?? []) {
      const e = baseEcosystem(a.package?.ecosystem ?? '');
      const name = a.package?.name;
      if (!e || !name) continue;
      const key = normalizeName(e, name);
      if (!this.wanted.get(e)?.has(key) || seen.has(`${e}\0${key}`)) continue;
      seen.add(`${e}\0${key}`);
      let byName = this.index.get(e);
      if (!byName) this.index.set(e, (byName = new Map()));
      const list = byName.get(key);
      if (list) list.push(record);
      else byName.set(key, [record]);
    }
  }
}
