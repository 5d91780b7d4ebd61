import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';

/** One entry of a layer tar, as the flattener needs it. Paths are relative, without `./` or a trailing slash. */
export interface LayerEntry {
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Symlink target as written, or the hardlinked path (normalised). */
  readonly linkname?: string;
  /** Kept only for the files the scan reads (package databases, manifests). */
  readonly content?: Buffer;
}

export class ImageFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFormatError';
  }
}

/** "./usr/lib/" -> "usr/lib"; "/etc//os-release" -> "etc/os-release". */
export function normalisePath(p: string): string {
  return p
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

const TYPES: Record<string, LayerEntry['type']> = { file: 'file', 'contiguous-file': 'file', directory: 'dir', symlink: 'symlink', link: 'hardlink' };

export interface ReadOptions {
  /** Should the content of this (normalised) path be kept? */
  wanted(path: string): boolean;
  /** Files larger than this are listed without content. */
  maxFileBytes: number;
  /** Stop reading (ImageReadAborted) when this aborts: a half-read image would list too few packages. */
  signal?: AbortSignal;
}

export class ImageReadAborted extends Error {
  constructor() {
    super('interrupted while reading the image');
    this.name = 'ImageReadAborted';
  }
}

/**
 * Read one layer (a tar, gzip- or zstd-compressed or not: told apart by its first bytes, since
 * docker archives do not say) with tar-stream. Only wanted files keep their content; everything
 * else is listed and skipped, so memory follows the package databases, not the image size.
 */
export async function readLayer(source: AsyncIterable<Buffer | Uint8Array>, opts: ReadOptions): Promise<LayerEntry[]> {
  const input = await decompressed(source);
  const extract = tar.extract();
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract as unknown as NodeJS.WritableStream);
  const out: LayerEntry[] = [];
  for await (const entry of extract) {
    if (opts.signal?.aborted) {
      input.destroy();
      extract.destroy();
      throw new ImageReadAborted();
    }
    const h = entry.header;
    const path = normalisePath(h.name);
    const type = TYPES[h.type] ?? 'other';
    const keep = type === 'file' && path !== '' && h.size <= opts.maxFileBytes && opts.wanted(path);
    if (keep) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.push({ path, type, content: Buffer.concat(chunks) });
    } else {
      entry.resume();
      if (path === '') continue;
      const linkname = type === 'hardlink' ? normalisePath(h.linkname) : type === 'symlink' ? h.linkname : undefined;
      out.push(linkname !== undefined ? { path, type, linkname } : { path, type });
    }
  }
  return out;
}

async function decompressed(source: AsyncIterable<Buffer | Uint8Array>): Promise<Readable> {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  const pending: Buffer[] = [];
  // Enough bytes to tell the formats apart (a first chunk can be tiny).
  while (head.length < 4) {
    const n = await it.next();
    if (n.done) break;
    const b = asBuffer(n.value);
    pending.push(b);
    head = Buffer.concat([head, b]);
  }
  const raw = Readable.from(
    (async function* () {
      yield* pending;
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        yield asBuffer(n.value);
      }
    })(),
  );
  if (head[0] === 0x1f && head[1] === 0x8b) return piped(raw, zlib.createGunzip());
  if (head.readUInt32LE(0) === 0xfd2fb528) {
    const zstd = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream }).createZstdDecompress;
    if (!zstd) throw new ImageFormatError(`a zstd-compressed layer needs Node.js 22.15 or later (this is ${process.version}); save the image with gzip layers`);
    return piped(raw, zstd() as unknown as zlib.Gunzip);
  }
  return raw;
}

/** A view, not a copy: layers are hundreds of MB. */
const asBuffer = (v: Buffer | Uint8Array): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

function piped(from: Readable, to: zlib.Gunzip): Readable {
  from.on('error', (err) => to.destroy(err));
  to.on('error', () => {}); // surfaced by the tar reader that consumes `to`
  return from.pipe(to);
}
