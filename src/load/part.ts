import path from 'node:path';
import { resolveLoadOptions } from './options.js';
import { isScripted, resolveScriptedOptions, scenarioFiles } from './scripted-options.js';
import type { CheckResult } from '../core/result.js';
import { PART_CATALOGUE } from '../core/part-catalogue.js';
import type { Part, PartOutcome } from '../core/part.js';
import { loadChecks } from './checks.js';
import { startLoad } from './engine.js';
import type { LoadResult } from '../core/load-result.js';
import { startScriptedRun } from './scenario/run-file.js';
import { readResultFile } from './merge/read-result.js';

/**
 * The load part of `gonogo run`: the `load` section against the target, scaled for CI and the demo.
 * With `load.scenario` (one or more files) and/or `load.profile` it runs each scenario file with the
 * profile, one `loads` entry per file; otherwise the quick fixed-request test.
 */
export const loadPart: Part = {
  name: 'load',
  title: PART_CATALOGUE.load.title,
  skipReason(config, target) {
    if (!config.load) return 'no `load` section in the config';
    if (!config.load.url && !target && !config.load.scenario) return 'no target: set `target` or `load.url`';
    return undefined;
  },
  async run(ctx) {
    const loads: { name: string; result: LoadResult }[] = [];
    const checks: CheckResult[] = [];
    if (ctx.loadResults?.length) {
      for (const f of ctx.loadResults) {
        const { result } = await readResultFile(f);
        ctx.log(`load: judging ${path.relative(ctx.root, f) || f}${result.segments ? ` (merged from ${result.segments.length} segments)` : ''}`);
        loads.push({ name: `load ${path.basename(f)}`, result });
        checks.push(...loadChecks(result));
      }
      return { checks, loads } satisfies PartOutcome;
    }
    const stopOn = (run: { stop(reason: string): void }) => {
      const onAbort = () => run.stop('interrupted');
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      return () => ctx.signal.removeEventListener('abort', onAbort);
    };
    if (isScripted({}, ctx.config)) {
      // All scenario files run together (each scenario with its own executor), like `gonogo load` with the same config.
      const files = scenarioFiles({}, ctx.config, ctx.configFile, ctx.root);
      const profile = ctx.config.load?.profile;
      const opts = resolveScriptedOptions(files, undefined, { scale: String(ctx.scale), scaleUsers: ctx.scaleUsers }, ctx.config, ctx.configFile, ctx.root);
      const name = profile ? `load @ ${profile}` : 'load';
      ctx.log(`load: ${files.length ? files.map((f) => path.relative(ctx.root, f) || f).join(', ') : 'built-in request'}${profile ? ` with profile ${profile}` : ''}`);
      const prepared = await startScriptedRun(opts);
      const detach = stopOn(prepared.run);
      try {
        const result = await prepared.run.result;
        loads.push({ name, result });
        checks.push(...loadChecks(result));
      } finally {
        detach();
        await prepared.dispose();
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
