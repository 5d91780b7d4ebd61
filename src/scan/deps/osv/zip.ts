import yauzl from 'yauzl';

/** Entries over this size are skipped: no real OSV record comes close, and memory stays bounded. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export interface ZipEntryText {
  name: string;
  text: string;
}

/**
 * Stream the `.json` entries of a zip one at a time (yauzl with lazy entries): only one record is
 * in memory at once, whatever the archive's size. `onEntry` may be async; the next entry is read
 * after it settles. Rejects with the zip library's message on a corrupt or truncated archive.
 */
export function forEachJsonEntry(file: string, onEntry: (e: ZipEntryText) => void | Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      let count = 0;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (!failed) resolve(count);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('.json') || entry.uncompressedSize > MAX_RECORD_BYTES) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return fail(e2 ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            count++;
            Promise.resolve(onEntry({ name: entry.fileName, text: Buffer.concat(chunks).toString('utf8') })).then(
              () => zip.readEntry(),
              fail,
            );
          });
        });
      });
      zip.readEntry();
    });
  });
}
