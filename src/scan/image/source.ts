import { createReadStream } from 'node:fs';
import { lstat, opendir, readFile, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import tar from 'tar-stream';
import { FlatFs } from './flatten.js';
import { ImageFormatError, ImageReadAborted, normalisePath, readLayer, type LayerEntry, type ReadOptions } from './layer.js';

export type ImageKind = 'docker-archive' | 'oci-archive' | 'oci-layout' | 'rootfs-dir' | 'rootfs-tar';

export interface LoadedImage {
  kind: ImageKind;
  layers: number;
  fs: FlatFs;
  /** Repository tags the archive names (docker-archive), for the report. */
  tags: string[];
  notes: string[];
}

/** Small files of an archive (manifests, configs) are read whole; layers are streamed. */
const SMALL = 4 * 1024 * 1024;

interface Layout {
  kind: ImageKind;
  /** Layer paths inside the archive or folder, bottom first. */
  layers: string[];
  tags: string[];
  notes: string[];
}

type ReadSmall = (name: string) => Promise<Buffer | undefined>;

const blobPath = (digest: unknown): string => {
  const m = typeof digest === 'string' ? /^(\w+):([0-9a-f]{32,})$/.exec(digest) : null;
  if (!m) throw new ImageFormatError(`bad blob digest ${JSON.stringify(digest)}`);
  return `blobs/${m[1]}/${m[2]}`;
};

async function json(read: ReadSmall, name: string): Promise<unknown> {
  const buf = await read(name);
  if (!buf) throw new ImageFormatError(`${name} is missing`);
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw new ImageFormatError(`${name} is not JSON: ${(err as Error).message}`);
  }
}

/** Which layers, in which order: docker's manifest.json, else the OCI index (nested indexes followed to the first linux image). */
async function layoutOf(read: ReadSmall, archive: boolean): Promise<Layout | undefined> {
  const notes: string[] = [];
  const docker = await read('manifest.json');
  if (docker) {
    const list = (await json(read, 'manifest.json')) as { Layers?: unknown; RepoTags?: unknown }[];
    if (!Array.isArray(list) || list.length === 0 || !Array.isArray(list[0]!.Layers)) throw new ImageFormatError('manifest.json has no image with a Layers list');
    if (list.length > 1) notes.push(`the archive holds ${list.length} images; scanned the first`);
    const tags = Array.isArray(list[0]!.RepoTags) ? (list[0]!.RepoTags as unknown[]).filter((t): t is string => typeof t === 'string') : [];
    return { kind: 'docker-archive', layers: (list[0]!.Layers as unknown[]).map((l) => normalisePath(String(l))), tags, notes };
  }
  if (!(await read('index.json'))) return undefined;
  let doc = (await json(read, 'index.json')) as { manifests?: { digest?: unknown; mediaType?: string; platform?: { os?: string; architecture?: string }; annotations?: Record<string, string> }[]; layers?: { digest?: unknown }[] };
  const tags: string[] = [];
  for (let depth = 0; depth < 4 && Array.isArray(doc.manifests); depth++) {
    const ms = doc.manifests;
    if (ms.length === 0) throw new ImageFormatError('index.json lists no manifests');
    const pick = ms.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? ms.find((m) => !m.platform || m.platform.os === 'linux') ?? ms[0]!;
    const ref = pick.annotations?.['org.opencontainers.image.ref.name'];
    if (ref && tags.length === 0) tags.push(ref);
    if (depth === 0 && ms.length > 1) notes.push(`the index lists ${ms.length} manifests; scanned ${pick.platform ? `${pick.platform.os}/${pick.platform.architecture}` : 'the first'}`);
    doc = (await json(read, blobPath(pick.digest))) as typeof doc;
  }
  if (!Array.isArray(doc.layers)) throw new ImageFormatError('the image manifest has no layers list');
  return { kind: archive ? 'oci-archive' : 'oci-layout', layers: doc.layers.map((l) => blobPath(l.digest)), tags, notes };
}

/**
 * Open an image as the scan sees it: a docker-archive or oci-archive tarball (`docker save`,
 * `podman save`, `buildah push docker-archive:/oci-archive:`), an OCI layout folder, a folder
 * holding an unpacked root filesystem, or a plain rootfs tarball (`docker export`).
 */
export async function loadImage(target: string, opts: ReadOptions): Promise<LoadedImage> {
  const st = await stat(target).catch(() => undefined);
  if (!st) throw new ImageFormatError(`not found: ${target}`);
  const fs = new FlatFs();
  if (st.isDirectory()) {
    const read: ReadSmall = async (name) => readFile(path.join(target, name)).catch(() => undefined);
    const layout = await layoutOf(read, false);
    if (!layout) {
      fs.applyLayer(await walkRootfs(target, opts));
      return { kind: 'rootfs-dir', layers: 1, fs, tags: [], notes: [] };
    }
    for (const l of layout.layers) fs.applyLayer(await readLayer(createReadStream(path.join(target, l)), opts).catch(layerError(l)));
    return { kind: layout.kind === 'docker-archive' ? 'docker-archive' : 'oci-layout', layers: layout.layers.length, fs, tags: layout.tags, notes: layout.notes };
  }
  // A tarball, read once: small JSON files kept, every blob that may be a layer read as one (its
  // entries only), and the manifest then says which of them make the image, in which order.
  const small = new Map<string, Buffer>();
  const links = new Map<string, string>();
  const layers = new Map<string, LayerEntry[] | Error>();
  await eachEntry(target, opts.signal, async (name, size, body, linkname) => {
    if (linkname !== undefined) {
      links.set(name, normalisePath(path.posix.join(path.posix.dirname(name), linkname)));
      return;
    }
    if (!LAYER_NAME.test(name)) {
      // Manifests and configs; a root filesystem tarball's own files (in folders) are not kept.
      if (size <= SMALL && (name.endsWith('.json') || !name.includes('/'))) small.set(name, await collect(body));
      return;
    }
    const { head, rest } = await peek(body);
    if (head[0] === 0x7b && size <= SMALL) small.set(name, Buffer.concat([head, await collect(rest)])); // a JSON blob (OCI manifest, config)
    else layers.set(name, await readLayer(prepend(head, rest), opts).catch(keepLayerError));
  });
  const layout = await layoutOf(async (name) => small.get(name), true);
  if (!layout) {
    // No manifest: a root filesystem tarball (`docker export`); read it again as one layer.
    fs.applyLayer(await readLayer(createReadStream(target), opts));
    return { kind: 'rootfs-tar', layers: 1, fs, tags: [], notes: [] };
  }
  for (const l of layout.layers) {
    // Legacy docker archives may name `<id>/layer.tar`, a symlink to the blob that holds the bytes.
    const entries = layers.get(links.get(l) ?? l);
    if (!entries) throw new ImageFormatError(`layer ${l} named in the manifest is not in the archive`);
    if (entries instanceof Error) layerError(l)(entries);
    fs.applyLayer(entries as LayerEntry[]);
  }
  return { kind: layout.kind, layers: layout.layers.length, fs, tags: layout.tags, notes: layout.notes };
}

/** Where image archives keep layers: `blobs/sha256/<hex>` (OCI), `<id>/layer.tar` or `<id>.tar` (docker). */
const LAYER_NAME = /^(blobs\/\w+\/[0-9a-f]{32,}|[^/]+\/layer\.tar|[^/]+\.(tar|tgz|tar\.gz))$/;

async function collect(body: AsyncIterable<Buffer> | AsyncIterator<Buffer>): Promise<Buffer> {
  if (!(Symbol.asyncIterator in body)) return collect(prepend(Buffer.alloc(0), body));
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

/** The first chunk of a stream, and the stream without it. */
async function peek(body: AsyncIterable<Buffer>): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  return { head: first.done ? Buffer.alloc(0) : first.value, rest: it };
}

function prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  return (async function* () {
    if (head.length > 0) yield head;
    for (;;) {
      const n = await rest.next();
      if (n.done) return;
      yield n.value;
    }
  })();
}

const layerError = (name: string) => (err: unknown) => {
  throw err instanceof ImageFormatError || err instanceof ImageReadAborted ? err : new ImageFormatError(`layer ${name}: ${(err as Error).message}`);
};

/** A layer that fails to read is reported only if the manifest uses it; an interruption stops everything now. */
const keepLayerError = (err: unknown): Error => {
  if (err instanceof ImageReadAborted) throw err;
  return err instanceof Error ? err : new Error(String(err));
};

/** Every entry of a tarball, in order; `body` must be consumed or is drained after `onEntry`. */
async function eachEntry(file: string, signal: AbortSignal | undefined, onEntry: (name: string, size: number, body: AsyncIterable<Buffer>, symlink?: string) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  const input = createReadStream(file);
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extract) {
      if (signal?.aborted) throw new ImageReadAborted();
      const h = entry.header;
      if (h.type === 'file' || h.type === 'contiguous-file') await onEntry(normalisePath(h.name), h.size, entry as unknown as AsyncIterable<Buffer>);
      else if (h.type === 'symlink') await onEntry(normalisePath(h.name), 0, entry as unknown as AsyncIterable<Buffer>, h.linkname);
      entry.resume();
    }
  } catch (err) {
    input.destroy();
    if (err instanceof ImageReadAborted || err instanceof ImageFormatError) throw err;
    throw new ImageFormatError(`${path.basename(file)} is not a readable tar archive: ${(err as Error).message}`);
  }
}

/** An unpacked root filesystem as one layer: symlinks not followed, wanted files read. */
async function walkRootfs(root: string, opts: ReadOptions): Promise<LayerEntry[]> {
  const out: LayerEntry[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const dir = await opendir(path.join(root, rel)).catch(() => undefined);
    if (!dir) continue;
    for await (const d of dir) {
      if (opts.signal?.aborted) throw new ImageReadAborted();
      const p = rel === '' ? d.name : `${rel}/${d.name}`;
      const abs = path.join(root, p);
      if (d.isDirectory()) {
        out.push({ path: p, type: 'dir' });
        stack.push(p);
      } else if (d.isSymbolicLink()) {
        out.push({ path: p, type: 'symlink', linkname: await readlink(abs).catch(() => '') });
      } else if (d.isFile()) {
        if (opts.wanted(p) && (await lstat(abs)).size <= opts.maxFileBytes) out.push({ path: p, type: 'file', content: await readFile(abs) });
        else out.push({ path: p, type: 'file' });
      } else out.push({ path: p, type: 'other' });
    }
  }
  return out;
}
