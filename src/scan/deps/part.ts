import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { runDeps } from './run.js';

/** Dependency scanning in `gonogo run` and the `gonogo scan` umbrella: the scan root's lockfiles against offline OSV data. */
export const depsPart: Part = {
  name: 'deps',
  title: PART_CATALOGUE.deps.title,
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.deps?.enabled === false ? 'scan.deps.enabled is false' : undefined;
  },
  async run(ctx) {
    const { root, configDir } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: ctx.config.scan?.path });
    const out = await runDeps({ root, scan: ctx.config.scan, configDir, signal: ctx.signal });
    for (const line of out.dataLines) ctx.log(line);
    return { checks: out.checks };
  },
};
