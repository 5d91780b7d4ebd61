import { resolveLoadOptions } from '../cli/load-options.js';
import type { Part } from '../run/part.js';
import { loadChecks } from './checks.js';
import { startLoad } from './engine.js';

/** The load part of `gonogo run`: the `load` section against the target, scaled for CI and the demo. */
export const loadPart: Part = {
  name: 'load',
  title: 'Load test',
  skipReason(config, target) {
    if (!config.load) return 'no `load` section in the config';
    if (!config.load.url && !target) return 'no target: set `target` or `load.url`';
    return undefined;
  },
  async run(ctx) {
    const opts = resolveLoadOptions(undefined, {}, ctx.config, ctx.configFile, ctx.root);
    if (ctx.scale !== 1) opts.durationMs = Math.max(1000, Math.round(opts.durationMs * ctx.scale));
    const run = await startLoad(opts);
    const onAbort = () => run.stop('interrupted');
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await run.result;
      return { checks: loadChecks(result), loads: [{ name: 'load', result }] };
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
  },
};
