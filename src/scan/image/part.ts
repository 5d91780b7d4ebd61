import path from 'node:path';
import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { imageSummary, runImage } from './run.js';

/** Container image scanning in `gonogo run` and `gonogo scan`: the image named by scan.image.path. */
export const imagePart: Part = {
  name: 'image',
  title: PART_CATALOGUE.image.title,
  skipReason(config) {
    if (!config.scan?.image) return 'no `scan.image` section in the config (set scan.image.path to an image tarball or folder)';
    return config.scan.image.enabled === false ? 'scan.image.enabled is false' : undefined;
  },
  async run(ctx) {
    const { configDir } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: ctx.config.scan?.path });
    const out = await runImage({ image: path.resolve(configDir, ctx.config.scan!.image!.path), scan: ctx.config.scan, configDir, signal: ctx.signal });
    ctx.log(imageSummary(out.result));
    for (const line of [...out.dataLines, ...out.result.notes.map((n) => `note: ${n}`)]) ctx.log(line);
    return { checks: out.checks };
  },
};
