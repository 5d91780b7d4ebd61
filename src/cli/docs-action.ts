import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../core/config/load.js';
import { ExitCode } from '../core/exit-codes.js';
import { allFindings, atOrAbove } from '../core/result.js';
import { newReport } from '../core/report-envelope.js';
import { cliSpecFromCommander } from './command-spec.js';
import { resolveDocsOptions } from '../docs/options.js';
import { collectGarbage } from '../docs/heap-bound.js';
import { reviewDocs } from '../docs/review.js';
import { getReporter } from '../report/registry.js';
import type { DocsCliFlags } from './docs.js';

const HEAP_STEP_MB = 32;

/** `gonogo docs` itself, loaded only when the command runs (see docs.ts): other commands never pay for the Markdown parser. */
export async function runDocsCommand(paths: string[], flags: DocsCliFlags, configPath: string | undefined, program: Command): Promise<number> {
  const cwd = process.cwd();
  const { config, file } = await loadConfig({ cwd, configPath });
  const root = file ? path.dirname(file) : cwd;
  const { review, failOn } = resolveDocsOptions({ config: config.docs, flags, args: paths, root, cwd, cli: cliSpecFromCommander(program) });
  const log = flags.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date().toISOString();
  let result;
  try {
    // This process reviews docs and nothing else: keep its heap near the live data (bounded memory on big trees).
    result = await reviewDocs({ ...review, log, signal: controller.signal, heapStepMb: HEAP_STEP_MB });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // The review's working state (anchor sets, stat cache) is garbage now: collect it before the report is built.
  collectGarbage();
  const report = newReport('docs', startedAt, result.checks);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(getReporter(flags.format)(report, { color, width: process.stdout.columns, configFile: file ? path.relative(root, file) : undefined }));
  if (controller.signal.aborted) return ExitCode.Unreachable;
  return allFindings(report).some((f) => atOrAbove(f.severity, failOn)) ? ExitCode.GateFailed : ExitCode.Ok;
}
