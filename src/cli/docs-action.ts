import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../core/config/load.js';
import { ExitCode } from '../core/exit-codes.js';
import { allFindings, atOrAbove, type Finding } from '../core/result.js';
import { newReport } from '../core/report-envelope.js';
import { cliSpecFromCommander } from './command-spec.js';
import { resolveDocsOptions } from '../docs/options.js';
import { collectGarbage } from '../docs/heap-bound.js';
import { reviewDocs } from '../docs/review.js';
import { getReporter } from '../report/registry.js';
import { jsonReportChunks } from '../report/reporters/json.js';
import { sarifChunks } from '../report/reporters/sarif.js';
import { tableFindingLines } from '../report/reporters/table.js';
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
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // The table shows each file's findings as soon as it has been read; JSON and SARIF need them all first.
  const streamed = flags.format === 'table';
  let shown = false;
  const onFindings = (findings: Finding[]) => {
    if (!shown) process.stdout.write(`${color ? '\x1b[1mFindings\x1b[0m' : 'Findings'}\n`);
    shown = true;
    process.stdout.write(tableFindingLines(findings, { color }));
  };
  let result;
  try {
    // This process reviews docs and nothing else: keep its heap near the live data (bounded memory on big trees).
    result = await reviewDocs({ ...review, log, signal: controller.signal, heapStepMb: HEAP_STEP_MB, onFindings: streamed ? onFindings : undefined });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // The review's working state (anchor sets, stat cache) is garbage now: collect it before the report is built.
  collectGarbage();
  const report = newReport('docs', startedAt, result.checks);
  if (shown) process.stdout.write('\n');
  const options = { color, width: process.stdout.columns, configFile: file ? path.relative(root, file) : undefined, findingsShown: shown };
  // JSON and SARIF are written a finding at a time: on big trees the whole text would be the largest object of the run.
  if (flags.format === 'json') await writeChunks(jsonReportChunks(report));
  else if (flags.format === 'sarif') await writeChunks(sarifChunks(report, options));
  else process.stdout.write(getReporter(flags.format)(report, options));
  if (controller.signal.aborted) return ExitCode.Unreachable;
  return allFindings(report).some((f) => atOrAbove(f.severity, failOn)) ? ExitCode.GateFailed : ExitCode.Ok;
}

/** Pieces of text to stdout in blocks of about 64 kB, waiting when the pipe is full. */
async function writeChunks(chunks: Iterable<string>): Promise<void> {
  let block = '';
  const write = async (text: string) => {
    if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  for (const chunk of chunks) {
    block += chunk;
    if (block.length >= 65536) {
      await write(block);
      block = '';
    }
  }
  if (block) await write(block);
}
