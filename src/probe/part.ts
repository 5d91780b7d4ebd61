import { PART_CATALOGUE } from '../core/part-catalogue.js';
import type { ProbeEndpoint } from '../core/config/probe-section.js';
import type { Part, PartContext } from '../core/part.js';
import { loadProbeFiles } from './load-files.js';
import { runProbe } from './run.js';
import { resolveSettings } from './settings.js';

export interface ProbePartOptions {
  /** Endpoints the run already knows (load URL, scenario paths), read by the run layer: discovery starts from them. */
  knownEndpoints?: (ctx: PartContext) => Promise<ProbeEndpoint[]>;
}

/** The probe part of `gonogo run`: every probe check (or probe.checks) against the target. */
export const makeProbePart = (opts: ProbePartOptions = {}): Part => ({
  name: 'probe',
  title: PART_CATALOGUE.probe.title,
  skipReason(config, target) {
    if (!config.probe) return 'no `probe` section in the config';
    if (!target) return 'no target: set `target` to the base URL of the service';
    return undefined;
  },
  async run(ctx) {
    const files = await loadProbeFiles(ctx.config.probe, ctx.root);
    const knownEndpoints = (await opts.knownEndpoints?.(ctx)) ?? [];
    const settings = resolveSettings(ctx.target!, ctx.config.probe, {}, { ...files, knownEndpoints });
    const run = await runProbe(settings, { signal: ctx.signal, log: (l) => ctx.log(`probe ${l}`) });
    ctx.log(`probe: ${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s`);
    for (const p of run.plan.filter((l) => l.uncovered)) ctx.log(`probe: not covered within the budget: ${p.check}: ${p.uncovered}`);
    return { checks: run.checks };
  },
});

export const probePart: Part = makeProbePart();
