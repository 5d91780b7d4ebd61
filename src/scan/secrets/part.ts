import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { runSecrets } from './run.js';

/** Secret scanning in `gonogo run` and the `gonogo scan` umbrella: the scan root, .gitignore and baseline honoured. */
export const secretsPart: Part = {
  name: 'secrets',
  title: PART_CATALOGUE.secrets.title,
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.secrets?.enabled === false ? 'scan.secrets.enabled is false' : undefined;
  },
  async run(ctx) {
    const { root, configDir } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: ctx.config.scan?.path });
    const r = await runSecrets({ source: { kind: 'dir', path: root }, scan: ctx.config.scan, configDir, signal: ctx.signal });
    ctx.log(`secrets: ${r.output.files} files, ${r.fresh.length} new finding${r.fresh.length === 1 ? '' : 's'}`);
    return { checks: [r.check] };
  },
};
