import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GonogoError } from '../core/errors.js';
import type { RunReport } from '../core/run-report.js';
import { RUN_FILE_FORMATS, renderRunFile, type RunFileName } from '../report/registry.js';

/** 2026-11-22T20-16-49Z: sortable, and legal in a folder name on every OS. */
export function runFolderName(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
}

/**
 * Write the five files of one run into `dir` (created if needed). The caller picks `dir`:
 * `--out DIR`, or `<runs>/<timestamp>` with a suffix when two runs start in the same second.
 */
export async function writeRun(report: RunReport, dir: string, configFile?: string): Promise<string[]> {
  const files = (Object.keys(RUN_FILE_FORMATS) as RunFileName[]).map((name) => [name, renderRunFile(name, report, { color: false, configFile })] as const);
  try {
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const [name, text] of files) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      written.push(file);
    }
    return written;
  } catch (err) {
    throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write the run reports into ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: '--out', hint: 'choose a folder you can write to with --out DIR' });
  }
}

/** A fresh run folder under `runsDir`: the timestamp, or timestamp-2, -3 ... if it exists. */
export async function freshRunFolder(runsDir: string, now: Date): Promise<string> {
  const base = path.join(runsDir, runFolderName(now));
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      await mkdir(runsDir, { recursive: true });
      await mkdir(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot create the run folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: 'run.outDir', hint: 'choose a folder you can write to with --out DIR' });
    }
  }
}
