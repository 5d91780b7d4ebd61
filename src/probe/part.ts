import { PART_CATALOGUE } from '../core/part-catalogue.js';
import type { Part } from '../core/part.js';
import { loadProbeFiles } from './load-files.js';
import { runProbe } from './run.js';
import { resolveSettings } from './settings.js';

/** The probe part of `gonogo run`: every probe check (or probe.checks) against the target. */
export const probePart: Part = {
  name: 'probe',
  title: PART_CATALOGUE.probe.title,
  skipReason(config, target) {
    if (!config.probe) return 'no `probe` section in the config';
    if (!target) return 'no target: set `target` to the base URL of the service';
    return undefined;
  },
  async run(ctx) {
    const files = await loadProbeFiles(ctx.config.probe, ctx.root);
    const settings = resolveSettings(ctx.target!, ctx.config.probe, {}, files);
    const run = await runProbe(settings, { signal: ctx.signal, log: (l) => ctx.log(`probe ${l}`) });
    ctx.log(`probe: ${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s`);
    return { checks: run.checks };
  },
};
