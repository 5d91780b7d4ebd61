import { constants, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GonogoError } from '../core/errors.js';

export interface FileToWrite {
  /** Relative to the folder, with `/`. */
  readonly path: string;
  readonly text: string;
}

/**
 * Write a kit's files under `dir`. `overwrite: false` refuses before writing anything when one exists
 * (`gonogo init` never overwrites); an export regenerates its own files and overwrites them.
 */
export async function writeKit(dir: string, files: readonly FileToWrite[], opts: { overwrite: boolean; where: string }): Promise<string[]> {
  const written: string[] = [];
  if (!opts.overwrite) {
    const clash = files.map((f) => path.join(dir, ...f.path.split('/'))).find((file) => existsSync(file));
    if (clash) throw new GonogoError('GONOGO_INIT_EXISTS', `${clash} already exists; gonogo init never overwrites`, { where: clash, hint: 'move the file away, or choose another --dir' });
  }
  for (const f of files) {
    const file = path.join(dir, ...f.path.split('/'));
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, f.text, { flag: opts.overwrite ? 'w' : 'wx', mode: constants.S_IRUSR | constants.S_IWUSR | constants.S_IRGRP | constants.S_IROTH });
      written.push(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new GonogoError('GONOGO_INIT_EXISTS', `${file} already exists; gonogo init never overwrites`, { where: file, hint: 'move the file away, or choose another --dir' });
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${file}: ${code ?? (err as Error).message}`, { where: opts.where });
    }
  }
  return written;
}
