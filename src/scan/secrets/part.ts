import path from 'node:path';
import type { Part } from '../../core/part.js';
import { runSecrets } from './run.js';

/** Secret scanning in `gonogo run` and the `gonogo scan` umbrella: the scan root, .gitignore and baseline honoured. */
export const secretsPart: Part = {
  name: 'secrets',
  title: 'Secrets in code',
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.secrets?.enabled === false ? 'scan.secrets.enabled is false' : undefined;
  },
  async run(ctx) {
    const configDir = ctx.configFile ? path.dirname(ctx.configFile) : ctx.root;
    const root = ctx.config.scan?.path ? path.resolve(configDir, ctx.config.scan.path) : ctx.root;
    const r = await runSecrets({ source: { kind: 'dir', path: root }, scan: ctx.config.scan, configDir, signal: ctx.signal });
    ctx.log(`secrets: ${r.output.files} files, ${r.fresh.length} new finding${r.fresh.length === 1 ? '' : 's'}`);
    return { checks: [r.check] };
  },
};
