import { constants } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isHttpUrl } from '../core/config/fields.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { EXAMPLE_SCENARIO, starterConfig } from '../run/init-files.js';

/** `gonogo init` itself, loaded only when the command runs (see init.ts). */
export async function runInit(flags: { dir?: string; target?: string }): Promise<number> {
  const target = flags.target ?? 'http://127.0.0.1:8080';
  if (!isHttpUrl(target)) throw new UsageError(`"${target}" is not an absolute http(s) URL`, { where: '--target' });
  const dir = path.resolve(process.cwd(), flags.dir ?? '.');
  const files = [
    { file: path.join(dir, 'gonogo.config.yaml'), text: starterConfig(target) },
    { file: path.join(dir, 'scenarios', 'example.scenario.ts'), text: EXAMPLE_SCENARIO },
  ];
  await mkdir(path.join(dir, 'scenarios'), { recursive: true });
  // 'wx' fails if the file exists, so a second init (or a race) never overwrites anything.
  const written: string[] = [];
  for (const { file, text } of files) {
    try {
      await writeFile(file, text, { flag: 'wx', mode: constants.S_IRUSR | constants.S_IWUSR | constants.S_IRGRP | constants.S_IROTH });
      written.push(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new GonogoError('GONOGO_INIT_EXISTS', `${path.relative(process.cwd(), file) || file} already exists; gonogo init never overwrites`, { where: file, hint: 'move the file away, or run gonogo init --dir OTHER' });
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${file}: ${code ?? (err as Error).message}`, { where: '--dir' });
    }
  }
  for (const f of written) process.stdout.write(`wrote ${path.relative(process.cwd(), f) || f}\n`);
  process.stdout.write('next: edit target and the thresholds, then run `gonogo run`\n');
  return ExitCode.Ok;
}
