import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { archivePath, metaPath, readMeta, type CacheMeta } from './cache.js';
import { forEachJsonEntry } from './osv/zip.js';


export interface UpdateResult {
  ecosystem: string;
  status: 'updated' | 'unchanged';
  meta: CacheMeta;
}

export class DownloadError extends Error {
  constructor(
    readonly ecosystem: string,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * Download `<base>/<ecosystem>/all.zip` into `<cache>/<ecosystem>/all.zip`, atomically: the
 * archive is written to a temporary file beside it, checked (complete, a readable zip of OSV JSON
 * records), and only then renamed over the old one. A server that fails midway, a short body or a
 * corrupt zip leaves the previous cache exactly as it was. An ETag from the last download is sent
 * back, so an unchanged archive costs one request.
 */
export async function updateEcosystem(base: string, ecosystem: string, cacheDir: string, opts: { signal?: AbortSignal; now?: () => Date } = {}): Promise<UpdateResult> {
  const url = `${base.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
  const now = opts.now ?? (() => new Date());
  const old = await readMeta(cacheDir, ecosystem);
  const dir = path.dirname(archivePath(cacheDir, ecosystem));
  await mkdir(dir, { recursive: true });

  let res: Response;
  try {
    res = await fetch(url, { signal: opts.signal, headers: old?.etag && old.url === url ? { 'if-none-match': old.etag } : {}, redirect: 'follow' });
  } catch (err) {
    throw new DownloadError(ecosystem, `cannot reach ${url}: ${describe(err)}`);
  }
  if (res.status === 304 && old) {
    const meta = { ...old, fetchedAt: now().toISOString() };
    await writeAtomic(metaPath(cacheDir, ecosystem), JSON.stringify(meta, null, 2) + '\n');
    return { ecosystem, status: 'unchanged', meta };
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    throw new DownloadError(ecosystem, `${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }

  const tmp = path.join(dir, `.all.zip.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), count, createWriteStream(tmp));
    } catch (err) {
      throw new DownloadError(ecosystem, `download of ${url} broke off after ${bytes} bytes: ${describe(err)}`);
    }
    const expected = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(expected) && expected !== bytes) throw new DownloadError(ecosystem, `download of ${url} is incomplete: ${bytes} of ${expected} bytes`);
    const records = await checkArchive(tmp, ecosystem, url);
    await rename(tmp, archivePath(cacheDir, ecosystem));
    const meta: CacheMeta = {
      url,
      fetchedAt: now().toISOString(),
      bytes,
      sha256: hash.digest('hex'),
      records,
      ...(res.headers.get('etag') ? { etag: res.headers.get('etag')! } : {}),
      ...(res.headers.get('last-modified') ? { lastModified: res.headers.get('last-modified')! } : {}),
    };
    await writeAtomic(metaPath(cacheDir, ecosystem), JSON.stringify(meta, null, 2) + '\n');
    return { ecosystem, status: 'updated', meta };
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Read every entry: a truncated or corrupt zip, or one without OSV records, is refused. */
async function checkArchive(file: string, ecosystem: string, url: string): Promise<number> {
  let bad = 0;
  let records = 0;
  try {
    await forEachJsonEntry(file, (e) => {
      try {
        const r = JSON.parse(e.text) as { id?: unknown };
        if (typeof r.id === 'string') records++;
        else bad++;
      } catch {
        bad++;
      }
    });
  } catch (err) {
    throw new DownloadError(ecosystem, `${url} is not a readable zip: ${describe(err)}`);
  }
  if (bad > 0) throw new DownloadError(ecosystem, `${url} has ${bad} entries that are not OSV JSON records`);
  if (records === 0) throw new DownloadError(ecosystem, `${url} holds no OSV records`);
  return records;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string }; code?: string };
  return e.cause?.code ?? e.cause?.message ?? e.code ?? e.message ?? String(err);
}
