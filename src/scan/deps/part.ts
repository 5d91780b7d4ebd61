import path from 'node:path';
import type { Part } from '../../core/part.js';
import { runDeps } from './run.js';

/** Dependency scanning in `gonogo run` and the `gonogo scan` umbrella: the scan root's lockfiles against offline OSV data. */
export const depsPart: Part = {
  name: 'deps',
  title: 'Vulnerable dependencies',
  skipReason(config) {
    if (!config.scan) return 'no `scan` section in the config';
    return config.scan.deps?.enabled === false ? 'scan.deps.enabled is false' : undefined;
  },
  async run(ctx) {
    const configDir = ctx.configFile ? path.dirname(ctx.configFile) : ctx.root;
    const root = ctx.config.scan?.path ? path.resolve(configDir, ctx.config.scan.path) : ctx.root;
    const out = await runDeps({ root, scan: ctx.config.scan, configDir, signal: ctx.signal });
    for (const line of out.dataLines) ctx.log(line);
    return { checks: out.checks };
  },
};
