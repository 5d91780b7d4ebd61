import { constants } from 'node:fs';
import { access, mkdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommandSpec } from '../core/cli-spec.js';
import type { GonogoConfig } from '../core/config/schema.js';
import { GonogoError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { sanitizeForTerminal as clean } from '../report/sanitize-terminal.js';
import { verdictLabel } from '../report/verdict.js';
import { loadRunConfig } from '../run/run-config.js';
import type { RunReport } from '../core/run-report.js';
import { runGate, type GateOptions } from '../run/run.js';
import { freshRunFolder, writeRun } from '../run/write-run.js';
import { parseScale } from '../core/scale.js';
import type { RunFlags } from './run.js';
import { readResultFile } from '../load/merge/read-result.js';
import { resolveServerMetrics } from '../load/server/options.js';
import { withLive } from './live-option.js';

/** `gonogo run` itself, loaded only when the command runs (see run.ts). */
export async function runRunCommand(flags: RunFlags, configPath: string | undefined, cliSpec?: () => CliCommandSpec): Promise<number> {
  const cwd = process.cwd();
  const loaded = await loadRunConfig({ cwd, configPath, target: flags.target });
  const { file } = loaded;
  const config = withMetricsFlags(loaded.config, flags);
  // Without a config every part is skipped: a verdict on nothing would read as READY.
  if (file === undefined) {
    throw new GonogoError('GONOGO_NOTHING_TO_CHECK', `nothing to check: no gonogo.config.* in ${cwd}`, { hint: 'run `gonogo init` to create a config, or pass --config FILE' });
  }
  const scale = flags.scale === undefined ? (config.run?.scale ?? 1) : parseScale(flags.scale);
  const loadResults = flags.loadResult?.map((f) => path.resolve(cwd, f));
  // Judged results need no load section of their own: the first result names the target.
  const judged = loadResults?.length ? (await readResultFile(loadResults[0]!)).result : undefined;
  const withLoad = judged && !config.load?.url && !config.target ? { ...config, load: { ...config.load, url: judged.target } } : judged && !config.load ? { ...config, load: {} } : config;
  return withLive(flags, config, undefined, async () => {
    const outcome = await executeGate({ config: withLoad, file, cwd, scale, strict: flags.strict === true || config.run?.strict === true, out: flags.out, quiet: flags.quiet === true, cliSpec, loadResults });
    return { code: outcome.code, verdict: verdictLabel(outcome.report.verdict.verdict), reportFile: path.join(outcome.dir, 'report.html') };
  });
}

/** --metrics / --metrics-interval / --prometheus over the config's load section (checked here, before any part runs). */
function withMetricsFlags(config: GonogoConfig, flags: RunFlags): GonogoConfig {
  if (!flags.metrics?.length && flags.metricsInterval === undefined && flags.prometheus === undefined) return config;
  const m = resolveServerMetrics(flags, config);
  if (!m || !config.load) return config;
  const prometheus = m.prometheus ? { ...config.load.prometheus, url: m.prometheus.url } : config.load.prometheus;
  return { ...config, load: { ...config.load, metrics: m.urls, metricsIntervalMs: m.intervalMs, ...(prometheus ? { prometheus } : {}) } };
}

export interface GateCommandOptions {
  config: GonogoConfig;
  file?: string;
  cwd: string;
  scale: number;
  scaleUsers?: boolean;
  strict: boolean;
  out?: string;
  quiet: boolean;
  /** Stops the run after this long (the demo's time budget); parts return what they have. */
  budgetMs?: number;
  /** Folder run folders go into (default: run.outDir, else .gonogo/runs, next to the config). */
  runsDir?: string;
  /** Folder scans and docs start from (default: the config file's folder, else cwd). */
  root?: string;
  /** See GateOptions.partUsageErrorsAreFailures (the demo sets it). */
  partUsageErrorsAreFailures?: boolean;
  /** See GateOptions.skipReasons (the demo sets it). */
  skipReasons?: GateOptions['skipReasons'];
  /** The CLI's command tree for the docs drift check. */
  cliSpec?: () => CliCommandSpec;
  /** `--load-result` files (absolute). */
  loadResults?: readonly string[];
}

/** Run the gate, write the reports, print the verdict; shared by `gonogo run` and `gonogo demo`. */
export async function executeGate(o: GateCommandOptions): Promise<{ code: number; dir: string; report: RunReport }> {
  const root = o.root ?? (o.file ? path.dirname(o.file) : o.cwd);
  const startedAt = new Date();
  // Create the folder before anything runs: a run's figures must not be lost at the end.
  const dir = o.out !== undefined ? await ensureFolder(path.resolve(o.cwd, o.out)) : await freshRunFolder(o.runsDir ?? path.resolve(root, o.config.run?.outDir ?? '.gonogo/runs'), startedAt);
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(ExitCode.Unreachable); // second Ctrl-C: leave now
    interrupted = true;
    process.stderr.write('\ninterrupted: finishing the current part and writing the reports…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const budget = o.budgetMs === undefined ? undefined : setTimeout(() => controller.abort(), o.budgetMs);
  let result;
  try {
    result = await runGate({
      config: o.config,
      configFile: o.file,
      root,
      target: o.config.target,
      scale: o.scale,
      scaleUsers: o.scaleUsers,
      strict: o.strict,
      signal: controller.signal,
      partUsageErrorsAreFailures: o.partUsageErrorsAreFailures,
      ...(o.skipReasons ? { skipReasons: o.skipReasons } : {}),
      cliSpec: o.cliSpec,
      loadResults: o.loadResults,
      log: (line) => {
        if (!o.quiet) process.stderr.write(`${clean(line)}\n`);
      },
    });
  } catch (err) {
    // Nothing to check writes nothing: take back the (still empty) run folder; rmdir never removes a non-empty one.
    if (err instanceof GonogoError && err.code === 'GONOGO_NOTHING_TO_CHECK') await rmdir(dir).catch(() => undefined);
    throw err;
  } finally {
    if (budget) clearTimeout(budget);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const configRel = o.file ? path.relative(root, o.file) : undefined;
  await writeRun(result.report, dir, configRel);
  process.stdout.write(verdictText(result.report, dir, o.cwd));
  const code = interrupted || result.unreachable ? ExitCode.Unreachable : result.report.verdict.verdict === 'NOT_READY' ? ExitCode.GateFailed : ExitCode.Ok;
  return { code, dir, report: result.report };
}

async function ensureFolder(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return dir;
  } catch (err) {
    throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write the run reports into ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: '--out', hint: 'choose a folder you can write to' });
  }
}

const MARK = { blocker: '✖', warning: '!', info: '·' } as const;
const COVER_MARK = { passed: '✔', failed: '✖', 'not-covered': '-' } as const;

/** The verdict line, its reasons, skipped parts and where the reports are. */
export function verdictText(r: RunReport, dir: string, cwd: string): string {
  const lines = [`Verdict: ${verdictLabel(r.verdict.verdict)}`];
  for (const reason of r.verdict.reasons) lines.push(`  ${MARK[reason.level]} ${clean(reason.message)}`);
  if (r.coverage.length > 0) {
    lines.push('Coverage:');
    const width = Math.max(...r.coverage.map((a) => a.title.length));
    for (const a of r.coverage) lines.push(`  ${COVER_MARK[a.status]} ${a.title.padEnd(width)}  ${a.status.replace('-', ' ')}: ${clean(a.detail)}`);
  }
  const shown = path.relative(cwd, dir) || '.';
  const display = shown.startsWith('..') ? dir : shown;
  lines.push(`Reports: ${display}${path.sep}`, `  ${path.join(display, 'report.html')}`);
  return `${lines.join('\n')}\n`;
}
