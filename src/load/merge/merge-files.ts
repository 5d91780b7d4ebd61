import type { ThresholdSource } from '../../core/thresholds/index.js';
import { ResultMerger, type MergedLoadResult } from './merge-results.js';
import { mergeInputError, readResultFile, type SourcedResult } from './read-result.js';

/**
 * `gonogo merge`: read the segment results one at a time (only one parsed file is held at once) and
 * fold them into one result; thresholds are evaluated on the merged figures. Exit 2 (GONOGO_MERGE_INPUT)
 * naming the file for anything unreadable, foreign, overlapping, missing or from another run.
 */
export async function mergeResultFiles(files: readonly string[], thresholds?: readonly ThresholdSource[]): Promise<MergedLoadResult> {
  const merger = new ResultMerger();
  for (const f of files) merger.add(await readResultFile(f));
  return finishMerge(merger, files[0], thresholds);
}

/** The same over results already in memory (k8s collect decodes them from pod logs). */
export function mergeResults(results: readonly SourcedResult[], thresholds?: readonly ThresholdSource[]): MergedLoadResult {
  const merger = new ResultMerger();
  for (const r of results) merger.add(r);
  return finishMerge(merger, results[0]?.source, thresholds);
}

function finishMerge(merger: ResultMerger, first: string | undefined, thresholds?: readonly ThresholdSource[]): MergedLoadResult {
  if (first === undefined) throw mergeInputError('gonogo merge', 'no results to merge', 'give the result files of every segment');
  return merger.finish(thresholds);
}
