import { constants } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { GonogoError, UsageError, formatError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { loadChecks } from '../load/checks.js';
import { endpointsCsv, timelineCsv, vitalsCsv } from '../load/csv.js';
import { startLoad } from '../load/engine.js';
import type { LoadReport, LoadResult } from '../core/load-result.js';
import { newReport } from '../core/report-envelope.js';
import { getReporter } from '../report/registry.js';
import { attachProgress } from './progress.js';
import { withLive } from './live-option.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { renderLoadSummary } from './load-summary.js';
import { resolveLoadOptions } from '../load/options.js';
import { profileWantsBreakingPoint } from '../load/profiles/breaking-point.js';
import type { LoadCliFlags } from './load.js';
import type { EventEmitter } from 'node:events';
import type { LoadEvents } from '../load/engine.js';
import { planLoadVitals, startLoadVitals, type LoadVitalsSession } from './load-vitals.js';

/** `gonogo load`: the load engine, reporters and histograms load only when the command runs (src/cli/load.ts registers it). */
export async function runLoadCommand(url: string | undefined, flags: LoadCliFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  return withLive(flags, config, flags.out, () => loadBody(url, flags, config, file, cwd));
}

async function loadBody(url: string | undefined, flags: LoadCliFlags, config: GonogoConfig | undefined, file: string | undefined, cwd: string): Promise<number> {
  if (flags.bodyFile !== undefined) flags.body = await readBodyFile(flags);
  // Bad --vitals input or a missing Chromium is exit 2 before anything is sent.
  const vitalsPlan = planLoadVitals(flags, config);
  const then = await breakingPointAfter(url, flags, config, file, cwd);
  const log = flags.quiet ? undefined : (s: string) => void process.stderr.write(`${s}\n`);
  const vitals = async () => (vitalsPlan ? startLoadVitals(vitalsPlan, log) : undefined);
  // Scripted runs load their modules (esbuild, the scenario runtime) only when asked for: quick mode starts as before.
  if (flags.scenario?.length || flags.profile || config?.load?.scenario || config?.load?.profile) {
    const { resolveScriptedOptions, scenarioFiles } = await import('../load/scripted-options.js');
    const { startScriptedRun } = await import('../load/scenario/run-file.js');
    await Promise.all(outputFiles(flags).map(assertWritableFolder));
    // Every scenario of every file runs in one run, each with its own executor.
    const options = resolveScriptedOptions(scenarioFiles(flags, config, file, cwd), url, flags, config, file, cwd);
    const measuring = await vitals();
    try {
      const prepared = await startScriptedRun(options);
      try {
        return await drive(prepared.run, flags, file, cwd, then, measuring);
      } finally {
        await prepared.dispose();
      }
    } finally {
      await measuring?.cancel();
    }
  }
  if (flags.scale !== undefined) throw new UsageError('--scale needs --scenario or --profile', { where: '--scale', hint: 'in quick mode set -c and -d directly' });
  const opts = resolveLoadOptions(url, flags, config, file, cwd);
  // Check output folders before sending anything: a run's figures must not be lost at the end.
  await Promise.all(outputFiles(flags).map(assertWritableFolder));
  const measuring = await vitals();
  try {
    return await drive(await startLoad(opts), flags, file, cwd, then, measuring);
  } finally {
    await measuring?.cancel();
  }
}

/** What runs after the load: none, or the capacity search (--breaking-point, or a profile with `breakingPoint: true`). */
type After = ((result: LoadResult) => Promise<{ text: string; found: boolean }>) | undefined;

async function breakingPointAfter(url: string | undefined, flags: LoadCliFlags, config: GonogoConfig | undefined, file: string | undefined, cwd: string): Promise<After> {
  if (!flags.breakingPoint && !profileWantsBreakingPoint(config, flags.profile ?? config?.load?.profile)) return undefined;
  const { searchAfterLoad } = await import('../load/capacity/after-load.js');
  const { breakingPointOf } = await import('../load/capacity/part.js');
  const { renderCapacity } = await import('./capacity-summary.js');
  const log = flags.quiet ? () => {} : (s: string) => void process.stderr.write(s + '\n');
  return async (result) => {
    // Ctrl-C stops the running step; the result covers the steps finished.
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let found;
    try {
      found = await searchAfterLoad(url, flags, config, file, cwd, { log, signal: abort.signal });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    result.breakingPoint = breakingPointOf(found);
    return { text: `\nBreaking point (after the load):\n${renderCapacity(found)}`, found: found.maxRate !== null };
  };
}

interface Runnable extends EventEmitter<LoadEvents> {
  readonly result: Promise<LoadResult>;
  stop(reason: string): void;
}

/** Progress, signals, outputs and the exit code for one run (quick or scripted). */
async function drive(run: Runnable, flags: LoadCliFlags, file: string | undefined, cwd: string, after?: After, measuring?: LoadVitalsSession): Promise<number> {
  let interrupted = false;
  const onSignal = (sig: string) => {
    if (interrupted) process.exit(ExitCode.Unreachable); // second Ctrl-C: leave now
    interrupted = true;
    run.stop(`interrupted (${sig})`);
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  const detach = attachProgress(run, process.stderr, { quiet: flags.quiet === true });
  const startedAt = new Date();
  let result: LoadResult;
  try {
    result = await run.result;
  } finally {
    detach();
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
  // The pages' idle measurement follows the load at once; vitals thresholds fail the run as load thresholds do.
  if (measuring) {
    result.vitals = await measuring.finish(interrupted);
    result.passed &&= result.vitals.passed;
  }

  // The search runs after the load's own figures are final, before anything is written: the JSON carries both.
  const searched = after && !interrupted ? await after(result) : undefined;
  await writeOutputs(result, flags);
  // `--out -` puts the JSON on stdout for pipes; the human summary then goes to stderr.
  const human = flags.out === '-' ? process.stderr : process.stdout;
  if (flags.out === '-') process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  const color = human.isTTY === true && !process.env.NO_COLOR;
  if (flags.format === 'summary') {
    human.write(renderLoadSummary(result, color));
  } else {
    // The reporters show the vitals next to the checks (report/report-vitals.ts).
    const report: LoadReport = { ...newReport('load', startedAt, loadChecks(result)), ...(result.vitals ? { vitals: result.vitals } : {}) };
    // SARIF pins check results without findings to the config file, where the thresholds live.
    const configFile = file ? path.relative(cwd, file) : undefined;
    human.write(getReporter(flags.format)(report, { color, configFile }));
  }
  if (searched) human.write(searched.text);
  if (interrupted) {
    process.stderr.write(formatError(new GonogoError('GONOGO_ABORTED', `run ${result.aborted?.reason ?? 'interrupted'} after ${(result.durationMs / 1000).toFixed(1)} s; the summary above covers what ran`)) + '\n');
    return ExitCode.Unreachable;
  }
  return result.passed && (searched?.found ?? true) ? ExitCode.Ok : ExitCode.GateFailed;
}

async function readBodyFile(flags: LoadCliFlags): Promise<string> {
  if (flags.body !== undefined) throw new UsageError('give the body with --body or --body-file, not both', { where: '--body-file' });
  try {
    return await readFile(flags.bodyFile!, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${flags.bodyFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: '--body-file', hint: 'check the path (relative to the working directory)' });
  }
}

function outputFiles(flags: LoadCliFlags): string[] {
  return [...(flags.out && flags.out !== '-' ? [flags.out] : []), ...(flags.csv ? [`${flags.csv}-endpoints.csv`, `${flags.csv}-timeline.csv`] : [])];
}

export async function assertWritableFolder(file: string): Promise<void> {
  try {
    await access(path.dirname(path.resolve(file)), constants.W_OK);
  } catch {
    throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${file}: its folder does not exist or is not writable`, { where: file, hint: 'create the folder first, or choose another path' });
  }
}

async function writeOutputs(result: LoadResult, flags: LoadCliFlags): Promise<void> {
  const writes: [string, string][] = [];
  if (flags.out && flags.out !== '-') writes.push([flags.out, JSON.stringify(result, null, 2) + '\n']);
  if (flags.csv) writes.push([`${flags.csv}-endpoints.csv`, endpointsCsv(result)], [`${flags.csv}-timeline.csv`, timelineCsv(result)]);
  if (flags.csv && result.vitals) writes.push([`${flags.csv}-vitals.csv`, vitalsCsv(result)]);
  for (const [file, text] of writes) {
    try {
      await writeFile(file, text);
    } catch (err) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${file}: ${(err as Error).message}`, { where: file, hint: 'check that the folder exists and is writable' });
    }
  }
}
