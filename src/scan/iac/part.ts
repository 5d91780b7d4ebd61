import { PART_CATALOGUE } from '../../core/part-catalogue.js';
import type { Part } from '../../core/part.js';
import { resolveScanRoot } from '../../core/scan-root.js';
import { runIac } from './run.js';

/** Container and Kubernetes config checks in `gonogo run`. */
export const iacPart: Part = {
  name: 'iac',
  title: PART_CATALOGUE.iac.title,
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.iac?.enabled === false ? 'scan.iac.enabled is false' : undefined;
  },
  async run(ctx) {
    const { root } = resolveScanRoot({ cwd: ctx.root, configFile: ctx.configFile, scanPath: ctx.config.scan?.path });
    const { result, checks } = await runIac({ root, scan: ctx.config.scan, signal: ctx.signal });
    ctx.log(`iac: ${result.files.dockerfile + result.files.compose + result.files.k8s} files, ${result.findings.length} findings`);
    return { checks };
  },
};
