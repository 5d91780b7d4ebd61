import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { runSast } from './run.js';

/** Static analysis in `gonogo run`: the scan root's JavaScript, TypeScript and Python. */
export const sastPart: Part = {
  name: 'sast',
  title: PART_CATALOGUE.sast.title,
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.sast?.enabled === false ? 'scan.sast.enabled is false' : undefined;
  },
  async run(ctx) {
    const { root } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: ctx.config.scan?.path });
    const { result, checks } = await runSast({ root, scan: ctx.config.scan, signal: ctx.signal });
    ctx.log(`sast: ${result.files} files, ${result.findings.length} findings`);
    return { checks };
  },
};
