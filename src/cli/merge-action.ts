import { writeFile } from 'node:fs/promises';
import { GonogoError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { newReport } from '../core/report-envelope.js';
import type { ThresholdSource } from '../core/thresholds/index.js';
import { loadChecks } from '../load/checks.js';
import { mergeResultFiles } from '../load/merge/merge-files.js';
import type { MergedLoadResult } from '../load/merge/merge-results.js';
import { getReporter } from '../report/registry.js';
import { renderLoadSummary } from './load-summary.js';
import type { MergeFlags } from './merge.js';

/** `gonogo merge`: exit 0 when the merged run passes its thresholds, 1 when one fails, 2 on bad input. */
export async function runMerge(files: string[], flags: MergeFlags): Promise<number> {
  const startedAt = new Date();
  const thresholds: ThresholdSource[] = (flags.threshold ?? []).map((t, i) => ({ input: t, where: `--threshold #${i + 1}` }));
  const result = await mergeResultFiles(files, thresholds);
  return printMerged(result, flags, startedAt);
}

/** Output shared with `gonogo k8s collect`: notes to stderr, --out, then the summary or a report. */
export async function printMerged(result: MergedLoadResult, flags: { out?: string; format: string }, startedAt: Date): Promise<number> {
  for (const n of result.mergeNotes) process.stderr.write(`note: ${n}\n`);
  const json = JSON.stringify(result, null, 2) + '\n';
  if (flags.out && flags.out !== '-') {
    try {
      await writeFile(flags.out, json);
    } catch (err) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${(err as Error).message}`, { where: flags.out, hint: 'check that the folder exists and is writable' });
    }
  }
  const human = flags.out === '-' ? process.stderr : process.stdout;
  if (flags.out === '-') process.stdout.write(json);
  const color = human.isTTY === true && !process.env.NO_COLOR;
  if (flags.format === 'summary') human.write(renderLoadSummary(result, color));
  else human.write(getReporter(flags.format)(newReport('load', startedAt, loadChecks(result)), { color }));
  return result.passed ? ExitCode.Ok : ExitCode.GateFailed;
}
