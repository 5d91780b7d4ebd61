import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { GonogoError, UsageError, formatError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { ScenarioLoadResult } from '../load/scenario/result.js';
import { joinUrl } from '../core/config/load-section.js';
import { DEFAULT_BASELINE_ORDER } from '../load/profiles/builtin.js';
import { renderBaselineMarkdown, renderBaselineTable, rowFromResult, skippedRow, type BaselineReport, type BaselineRow } from '../load/profiles/baseline-summary.js';
import { healthCheck } from '../load/profiles/health.js';
import { resolveProfile } from '../load/profiles/resolve.js';
import { startScriptedRun } from '../load/scenario/run-file.js';
import { parseScale } from '../core/scale.js';
import type { BaselineFlags } from './baseline.js';
import { resolveOptionalUrl } from '../load/options.js';
import { resolveScriptedOptions } from '../load/scripted-options.js';
import { attachProgress } from './progress.js';
import { withLive } from './live-option.js';
import type { GonogoConfig } from '../core/config/schema.js';

/** `gonogo baseline`: the load engine and esbuild load only when the command runs (src/cli/baseline.ts registers it). */
export async function runBaseline(url: string | undefined, flags: BaselineFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  return withLive(flags, config, flags.out, () => baselineBody(url, flags, config, file, cwd));
}

async function baselineBody(url: string | undefined, flags: BaselineFlags, config: GonogoConfig | undefined, file: string | undefined, cwd: string): Promise<number> {
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
    // --start-at times the first profile; the later ones follow each other as before, in every segment alike.
    const opts = resolveScriptedOptions(scenarioFile ? [scenarioFile] : [], url, { ...flags, profile: undefined, startAt: i === 0 ? flags.startAt : undefined }, config, file, cwd, def.name);
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
