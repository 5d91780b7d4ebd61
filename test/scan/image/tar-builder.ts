import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One entry of a test tar: a file (string content), a folder (trailing slash), a symlink or a hardlink. */
export type TestEntry = { name: string; content?: string | Buffer; symlink?: string; hardlink?: string };

/** A tar archive in memory, written with tar-stream's packer (the same library the scanner reads with). */
export async function tarBuffer(entries: readonly TestEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
  for (const e of entries) {
    if (e.symlink !== undefined) pack.entry({ name: e.name, type: 'symlink', linkname: e.symlink });
    else if (e.hardlink !== undefined) pack.entry({ name: e.name, type: 'link', linkname: e.hardlink });
    else if (e.name.endsWith('/')) pack.entry({ name: e.name, type: 'directory' });
    else pack.entry({ name: e.name }, e.content ?? '');
  }
  pack.finalize();
  return done;
}

/** A `docker save`-style archive: manifest.json plus one tar per layer (gzip-compressed when asked). */
export async function dockerArchive(layers: readonly TestEntry[][], opts: { gzip?: boolean; tag?: string } = {}): Promise<Buffer> {
  const files: TestEntry[] = [];
  const names: string[] = [];
  for (const [i, layer] of layers.entries()) {
    const body = await tarBuffer(layer);
    const name = `layer${i}/layer.tar`;
    names.push(name);
    files.push({ name, content: opts.gzip ? gzipSync(body) : body });
  }
  files.push({ name: 'manifest.json', content: JSON.stringify([{ Config: 'config.json', RepoTags: [opts.tag ?? 'test/image:1'], Layers: names }]) });
  files.push({ name: 'config.json', content: '{}' });
  return tarBuffer(files);
}
