import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../core/config/load.js';
import { GonogoError, UsageError, formatError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { ScenarioLoadResult } from '../load/scenario/result.js';
import type { BaselineReport, BaselineRow } from '../load/profiles/baseline-summary.js';
import type { ScriptedFlags } from './load-scripted-options.js';

interface BaselineFlags extends ScriptedFlags {
  profiles?: string;
  continue?: boolean;
  format: 'table' | 'markdown' | 'json';
  out?: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerBaseline(program: Command, setCode: (c: number) => void): void {
  program
    .command('baseline')
    .description('Health-check the target, then run load profiles in order (default smoke, load, peak, endurance) and print a summary table')
    .argument('[url]', 'target URL (default: target or load.url from the config)')
    .option('--profiles <list>', 'comma-separated profiles to run in order (default: baseline.profiles, else smoke,load,peak,endurance)')
    .option('--scenario <file>', 'scenario file each profile runs (default: baseline.scenario / load.scenario, else GET the target)', collect)
    .option('--continue', 'run every profile even after one fails')
    .option('--scale <factor>', 'shrink users and durations of every profile, e.g. 0.1 for CI')
    .option('--workers <n>', 'worker threads, or "auto" for one per core (default auto)')
    .option('--timeout <time>', 'per-request timeout (default 10s)')
    .option('-H, --header <header>', 'request header "Name: value" (repeatable)', collect)
    .option('--insecure', 'do not verify TLS certificates')
    .option('--threshold <expr>', 'extra threshold every profile must meet (repeatable)', collect)
    .addOption(new Option('--format <format>', 'summary format').choices(['table', 'markdown', 'json']).default('table'))
    .option('--out <file>', 'also write the summary in --format to this file (json includes every profile\'s full load result)')
    .option('-q, --quiet', 'no live progress')
    .action(async (url: string | undefined, flags: BaselineFlags, cmd: Command) => {
      setCode(await runBaseline(url, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}

async function runBaseline(url: string | undefined, flags: BaselineFlags, configPath: string | undefined): Promise<number> {
  // The load engine and esbuild load only when the command runs (keeps every other command's start-up short).
  const [{ DEFAULT_BASELINE_ORDER }, { renderBaselineMarkdown, renderBaselineTable, rowFromResult, skippedRow }, { healthCheck }, { resolveProfile }, { startScriptedRun }, { parseScale }, { resolveScriptedOptions }, { attachProgress }, { resolveOptionalUrl }, { joinUrl }] = await Promise.all([
    import('../load/profiles/builtin.js'),
    import('../load/profiles/baseline-summary.js'),
    import('../load/profiles/health.js'),
    import('../load/profiles/resolve.js'),
    import('../load/scenario/run-file.js'),
    import('../load/scenario/resolve.js'),
    import('./load-scripted-options.js'),
    import('./progress.js'),
    import('./load-options.js'),
    import('../core/config/load-section.js'),
  ]);
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  const bc = config?.baseline;
  const scale = parseScale(flags.scale);
  const order = flags.profiles !== undefined ? flags.profiles.split(',').map((s) => s.trim()).filter(Boolean) : [...(bc?.profiles ?? DEFAULT_BASELINE_ORDER)];
  if (order.length === 0) throw new UsageError('--profiles names no profile', { where: '--profiles', hint: 'e.g. --profiles smoke,load' });
  // Unknown names fail before anything is sent.
  const defs = order.map((p) => resolveProfile(p, config?.profiles, scale, flags.profiles !== undefined ? '--profiles' : 'baseline.profiles'));
  const target = resolveOptionalUrl(url, config);
  if (!target) throw new UsageError('no target URL', { where: 'gonogo baseline <url>', hint: 'pass a URL or set `target` in the config' });
  const scenarioFile = flags.scenario?.[0] !== undefined ? path.resolve(cwd, flags.scenario[0]) : firstOf(bc?.scenario ?? config?.load?.scenario, file ? path.dirname(file) : cwd);
  const healthUrl = bc?.health ? new URL(/^https?:/i.test(bc.health) ? bc.health : joinUrl(target.href, bc.health)) : target;
  const insecure = flags.insecure ?? config?.load?.insecure ?? false;
  if (flags.out) await writeFile(flags.out, '').catch((err: Error) => {
    throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${err.message}`, { where: flags.out, hint: 'check that the folder exists and is writable' });
  });

  const health = await healthCheck(healthUrl, 5000, insecure);
  const log = (s: string) => {
    if (!flags.quiet) process.stderr.write(s + '\n');
  };
  log(`health: ${health.url} answered ${health.status} in ${health.ms} ms`);

  const rows: BaselineRow[] = [];
  const results: Record<string, ScenarioLoadResult> = {};
  let stoppedAt: string | null = null;
  let interrupted = false;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i]!;
    if (stoppedAt !== null || interrupted) {
      rows.push(skippedRow(def.name, def.description, interrupted ? 'not run: interrupted' : `not run: ${stoppedAt} failed (use --continue to run it anyway)`));
      continue;
    }
    log(`profile ${def.name} (${i + 1}/${defs.length}): ${def.description}${scale !== 1 ? ` [scale ${scale}]` : ''}`);
    const opts = resolveScriptedOptions(scenarioFile ? [scenarioFile] : [], url, { ...flags, profile: undefined }, config, file, cwd, def.name);
    const prepared = await startScriptedRun(opts);
    const onSignal = () => {
      interrupted = true;
      prepared.run.stop('interrupted');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const detach = attachProgress(prepared.run, process.stderr, { quiet: flags.quiet === true });
    let result: ScenarioLoadResult;
    try {
      result = await prepared.run.result;
    } finally {
      detach();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await prepared.dispose();
    }
    results[def.name] = result;
    const row = rowFromResult(def.name, def.description, result);
    rows.push(row);
    if (row.status !== 'pass' && !(flags.continue ?? bc?.continue)) stoppedAt = def.name;
  }
  const report: BaselineReport = { schema: 'gonogo/baseline@1', target: target.href, health, profiles: rows, passed: rows.every((r) => r.status === 'pass'), stoppedAt, results };
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const text = flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : flags.format === 'markdown' ? renderBaselineMarkdown(report) : renderBaselineTable(report, color);
  process.stdout.write(text);
  if (flags.out) {
    try {
      await writeFile(flags.out, flags.format === 'table' ? renderBaselineTable(report, false) : text);
    } catch (err) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${(err as Error).message}`, { where: flags.out });
    }
  }
  if (interrupted) {
    process.stderr.write(formatError(new GonogoError('GONOGO_ABORTED', 'baseline interrupted; the table above covers what ran')) + '\n');
    return ExitCode.Unreachable;
  }
  return report.passed ? ExitCode.Ok : ExitCode.GateFailed;
}

function firstOf(v: string | readonly string[] | undefined, base: string): string | undefined {
  const f = typeof v === 'string' ? v : v?.[0];
  return f === undefined ? undefined : path.resolve(base, f);
}
