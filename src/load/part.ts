import { resolveLoadOptions } from '../cli/load-options.js';
import { isScripted, resolveScriptedOptions, scenarioFiles } from '../cli/load-scripted-options.js';
import type { CheckResult } from '../core/result.js';
import type { Part, PartOutcome } from '../run/part.js';
import { loadChecks } from './checks.js';
import { startLoad } from './engine.js';
import type { LoadResult } from './result.js';
import { startScriptedRun } from './scenario/run-file.js';

/**
 * The load part of `gonogo run`: the `load` section against the target, scaled for CI and the demo.
 * With `load.scenario` (one or more files) and/or `load.profile` it runs each scenario file with the
 * profile, one `loads` entry per file; otherwise the quick fixed-request test.
 */
export const loadPart: Part = {
  name: 'load',
  title: 'Load test',
  skipReason(config, target) {
    if (!config.load) return 'no `load` section in the config';
    if (!config.load.url && !target && !config.load.scenario) return 'no target: set `target` or `load.url`';
    return undefined;
  },
  async run(ctx) {
    const loads: { name: string; result: LoadResult }[] = [];
    const checks: CheckResult[] = [];
    const stopOn = (run: { stop(reason: string): void }) => {
      const onAbort = () => run.stop('interrupted');
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      return () => ctx.signal.removeEventListener('abort', onAbort);
    };
    if (isScripted({}, ctx.config)) {
      const files = scenarioFiles({}, ctx.config, ctx.configFile, ctx.root);
      const profile = ctx.config.load?.profile;
      for (const file of files.length ? files : [undefined]) {
        if (ctx.signal.aborted) break;
        const opts = resolveScriptedOptions(file, undefined, { scale: String(ctx.scale) }, ctx.config, ctx.configFile, ctx.root);
        const name = [file ? file.slice(ctx.root.length + 1) || file : 'load', profile].filter(Boolean).join(' @ ');
        ctx.log(`load: ${name}`);
        const prepared = await startScriptedRun(opts);
        const detach = stopOn(prepared.run);
        try {
          const result = await prepared.run.result;
          loads.push({ name, result });
          checks.push(...loadChecks(result).map((c) => (files.length > 1 ? { ...c, id: `${c.id}@${name}`, title: `${name}: ${c.title}` } : c)));
        } finally {
          detach();
          await prepared.dispose();
        }
      }
      return { checks, loads } satisfies PartOutcome;
    }
    const opts = resolveLoadOptions(undefined, {}, ctx.config, ctx.configFile, ctx.root);
    if (ctx.scale !== 1) opts.durationMs = Math.max(1000, Math.round(opts.durationMs * ctx.scale));
    const run = await startLoad(opts);
    const detach = stopOn(run);
    try {
      const result = await run.result;
      return { checks: loadChecks(result), loads: [{ name: 'load', result }] };
    } finally {
      detach();
    }
  },
};
