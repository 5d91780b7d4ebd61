import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImage } from '../../../src/scan/image/source.js';
import { tmpDir } from '../../helpers/cli.js';
import { dockerArchive, tarBuffer } from './tar-builder.js';

const everything = { wanted: () => true, maxFileBytes: 1 << 20 };

async function archive(layers: Parameters<typeof dockerArchive>[0], opts?: Parameters<typeof dockerArchive>[1]): Promise<string> {
  const file = path.join(tmpDir('gonogo-image-'), 'image.tar');
  writeFileSync(file, await dockerArchive(layers, opts));
  return file;
}

const text = (b: Buffer | undefined) => b?.toString('utf8');

describe('layer flattening', () => {
  it('honours .wh. whiteouts: a later layer deletes a lower file and a whole lower folder, and can re-add a path', async () => {
    const img = await archive(
      [
        [{ name: 'etc/' }, { name: 'etc/keep', content: 'k' }, { name: 'etc/gone', content: 'g' }, { name: 'opt/app/a.js', content: 'a' }, { name: 'opt/app/lib/b.js', content: 'b' }],
        [{ name: 'etc/.wh.gone' }, { name: 'opt/.wh.app' }],
        [{ name: 'opt/app/c.js', content: 'c' }],
      ],
      { gzip: true },
    );
    const { fs, layers, kind } = await loadImage(img, everything);
    expect({ kind, layers }).toEqual({ kind: 'docker-archive', layers: 3 });
    expect(text(fs.read('etc/keep'))).toBe('k');
    expect(fs.read('etc/gone')).toBeUndefined();
    expect(fs.read('opt/app/a.js')).toBeUndefined();
    expect(fs.read('opt/app/lib/b.js')).toBeUndefined();
    expect(text(fs.read('opt/app/c.js'))).toBe('c');
    // The whiteout markers themselves are not files of the image.
    expect([...fs.keptFiles()].map(([p]) => p).sort()).toEqual(['etc/keep', 'opt/app/c.js']);
  });

  it('honours opaque folders: .wh..wh..opq hides what lower layers put there, not what its own layer adds', async () => {
    const img = await archive([
      [{ name: 'srv/old1', content: '1' }, { name: 'srv/sub/old2', content: '2' }, { name: 'other/x', content: 'x' }],
      [{ name: 'srv/' }, { name: 'srv/.wh..wh..opq' }, { name: 'srv/new', content: 'n' }],
    ]);
    const { fs } = await loadImage(img, everything);
    expect(fs.read('srv/old1')).toBeUndefined();
    expect(fs.read('srv/sub/old2')).toBeUndefined();
    expect(text(fs.read('srv/new'))).toBe('n');
    expect(text(fs.read('other/x'))).toBe('x');
  });

  it('follows os-release symlinks, relative and absolute, through symlinked folders (merged /usr), and stops on loops', async () => {
    const img = await archive([
      [
        { name: 'usr/lib/os-release', content: 'ID=debian\n' },
        { name: 'etc/os-release', symlink: '../usr/lib/os-release' },
        { name: 'lib', symlink: 'usr/lib' },
        { name: 'etc/abs-release', symlink: '/lib/os-release' },
        { name: 'loop/a', symlink: 'b' },
        { name: 'loop/b', symlink: 'a' },
      ],
    ]);
    const { fs } = await loadImage(img, everything);
    expect(text(fs.read('etc/os-release'))).toBe('ID=debian\n');
    expect(fs.resolve('etc/abs-release')).toBe('usr/lib/os-release');
    expect(text(fs.read('lib/os-release'))).toBe('ID=debian\n');
    expect(fs.resolve('loop/a')).toBeUndefined();
  });

  it('gives a hardlink the content of its target, and a symlink replacing a lower file hides that file', async () => {
    const img = await archive([
      [{ name: 'a/real', content: 'data' }, { name: 'a/hard', hardlink: 'a/real' }, { name: 'b/file', content: 'lower' }],
      [{ name: 'b/file', symlink: '../a/real' }],
    ]);
    const { fs } = await loadImage(img, everything);
    expect(text(fs.read('a/hard'))).toBe('data');
    expect(text(fs.read('b/file'))).toBe('data');
  });

  it('reads a plain root filesystem tarball (docker export) as one layer', async () => {
    const file = path.join(tmpDir('gonogo-image-'), 'rootfs.tar');
    writeFileSync(file, await tarBuffer([{ name: './etc/' }, { name: './etc/os-release', content: 'ID=alpine\n' }]));
    const img = await loadImage(file, everything);
    expect({ kind: img.kind, layers: img.layers }).toEqual({ kind: 'rootfs-tar', layers: 1 });
    expect(text(img.fs.read('/etc/os-release'))).toBe('ID=alpine\n');
  });

  it('refuses an archive whose manifest names a layer it does not hold', async () => {
    const file = path.join(tmpDir('gonogo-image-'), 'broken.tar');
    writeFileSync(file, await tarBuffer([{ name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: ['missing/layer.tar'] }]) }]));
    await expect(loadImage(file, everything)).rejects.toThrow(/layer missing\/layer.tar named in the manifest is not in the archive/);
  });
});

describe('interruption', () => {
  it('stops reading when the signal aborts, mid-layer, and says so instead of returning a partial image', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `usr/share/doc/p${i}/copyright`, content: 'x'.repeat(200) }));
    const img = await archive([many, [{ name: 'etc/os-release', content: 'ID=debian\n' }]], { gzip: true });
    const ac = new AbortController();
    let seen = 0;
    // Abort from inside the read: after the 100th path the scanner asks about, no more entries are read.
    const opts = { wanted: () => ++seen === 100 && (ac.abort(), false), maxFileBytes: 1 << 20, signal: ac.signal };
    await expect(loadImage(img, opts)).rejects.toMatchObject({ name: 'ImageReadAborted' });
    expect(seen).toBeLessThan(200);
    const { scanImage } = await import('../../../src/scan/image/scan.js');
    await expect(scanImage({ image: img, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'GONOGO_ABORTED' });
    const rootfs = tmpDir('gonogo-rootfs-');
    writeFileSync(path.join(rootfs, 'a'), 'a');
    await expect(loadImage(rootfs, { ...everything, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'ImageReadAborted' });
  });
});
